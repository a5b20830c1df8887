// Per-connection limits of the browser host's WebSocket. Every tab shares one Node event loop with every other tab,
// so one connection that floods (a runaway page, a hostile script that got the cookie) must be cut off before it
// slows the others down: a message rate and a byte rate (token buckets), a cap on calls still running, and a close
// once a connection keeps sending what is refused.

export interface BridgeLimits {
  /** Messages a connection may send in a burst, and per second after it. */
  burstMessages: number;
  messagesPerSecond: number;
  /** Bytes a connection may send in a burst, and per second after it (one upload must fit in the burst). */
  burstBytes: number;
  bytesPerSecond: number;
  /** Calls of one connection the backend works on at once; more are refused until some finish. */
  maxInFlight: number;
  /** Refused messages tolerated within `refusalWindowMs` before the connection is closed. */
  maxRefusals: number;
  refusalWindowMs: number;
}

export const DEFAULT_BRIDGE_LIMITS: Readonly<BridgeLimits> = {
  // A page load fires a few dozen calls at once; typing in the editor a few a second.
  burstMessages: 400,
  messagesPerSecond: 200,
  // An uploaded kubeconfig (up to 4 MB, JSON-escaped) or an imported manifest has to pass in one go.
  burstBytes: 48 * 1024 * 1024,
  bytesPerSecond: 16 * 1024 * 1024,
  maxInFlight: 256,
  maxRefusals: 100,
  refusalWindowMs: 10_000,
};

type Clock = () => number;

/** Classic token bucket: `burst` tokens at most, refilled continuously at `perSecond`. */
export class TokenBucket {
  private tokens: number;
  private last: number;

  constructor(
    private readonly burst: number,
    private readonly perSecond: number,
    private readonly now: Clock = () => performance.now(),
  ) {
    this.tokens = burst;
    this.last = now();
  }

  /** Takes `amount` tokens if there are that many; takes nothing otherwise. */
  take(amount: number): boolean {
    const now = this.now();
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.last) / 1000) * this.perSecond);
    this.last = now;
    if (amount > this.tokens) return false;
    this.tokens -= amount;
    return true;
  }
}

export type Admission = { admitted: true } | { admitted: false; reason: string };

/** The limits of one connection; the bridge asks it before doing any work for a message. */
export class ConnectionLimiter {
  private readonly messages: TokenBucket;
  private readonly bytes: TokenBucket;
  private readonly refusals: number[] = [];
  private inFlight = 0;

  constructor(
    private readonly limits: BridgeLimits,
    private readonly now: Clock = () => performance.now(),
  ) {
    this.messages = new TokenBucket(limits.burstMessages, limits.messagesPerSecond, now);
    this.bytes = new TokenBucket(limits.burstBytes, limits.bytesPerSecond, now);
  }

  /** Whether a message of `size` bytes may be handled at all (before it is even parsed). */
  admitMessage(size: number): Admission {
    if (!this.messages.take(1)) {
      return { admitted: false, reason: `More than ${this.limits.messagesPerSecond} messages a second.` };
    }
    if (!this.bytes.take(size)) {
      const perSecond = Math.round(this.limits.bytesPerSecond / (1024 * 1024));
      return { admitted: false, reason: `More than ${perSecond} MB a second.` };
    }
    return { admitted: true };
  }

  /** Whether one more call may start; `finished` must be called once for every admitted call. */
  startCall(): Admission {
    if (this.inFlight >= this.limits.maxInFlight) {
      return { admitted: false, reason: `${this.limits.maxInFlight} calls of this connection are still running.` };
    }
    this.inFlight += 1;
    return { admitted: true };
  }

  finished(): void {
    this.inFlight = Math.max(0, this.inFlight - 1);
  }

  /** Records a refusal; true when the connection has had too many of them lately and should be closed. */
  refused(): boolean {
    const now = this.now();
    this.refusals.push(now);
    while (this.refusals.length > 0 && (this.refusals[0] ?? now) <= now - this.limits.refusalWindowMs) {
      this.refusals.shift();
    }
    return this.refusals.length > this.limits.maxRefusals;
  }
}
