// Fault injection state: failing the next N requests with 500 or 429. Watch faults live in the WatchHub.
import { internalError, tooManyRequests, type StatusError } from '../errors.js';

export class FaultState {
  private failures: { code: 500 | 429; remaining: number; retryAfterSeconds: number } | undefined;

  failNext(count: number, code: 500 | 429, retryAfterSeconds = 1): void {
    this.failures = count > 0 ? { code, remaining: count, retryAfterSeconds } : undefined;
  }

  /** The injected error for this request, if any (consumes one). */
  take(): StatusError | undefined {
    const f = this.failures;
    if (!f) return undefined;
    f.remaining -= 1;
    if (f.remaining <= 0) this.failures = undefined;
    return f.code === 429 ? tooManyRequests(f.retryAfterSeconds) : internalError('injected fault');
  }

  get pending(): number {
    return this.failures?.remaining ?? 0;
  }
}
