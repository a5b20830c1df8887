import type { ContextSession } from './session.js';
import { clusterTarget, sendGet } from '../watch/raw-request.js';

export interface ProbeTiming {
  /** How often, at most, the API server is asked; and how long its watches must have been silent first. */
  intervalMs: number;
  /** How long an answer may take. */
  timeoutMs: number;
}

/**
 * Asks the active context's API server GET /readyz when its watches have been silent for a while (an idle cluster is
 * legitimately silent; a stopped one is silent too, and only a request tells them apart). Any HTTP answer, even an
 * error status, means it responds; no answer in time means it does not. At most one probe runs at a time.
 */
export class HealthProbe {
  private timer: ReturnType<typeof setInterval> | undefined;
  private lastActivity = Date.now();
  private inFlight = false;

  constructor(
    private readonly session: ContextSession,
    private readonly timing: ProbeTiming,
    private readonly report: (responding: boolean) => void,
  ) {}

  start(): void {
    this.timer ??= setInterval(() => void this.tick(), this.timing.intervalMs);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  /** A watch event or a successful request: the server is answering. */
  noteActivity(): void {
    this.lastActivity = Date.now();
  }

  /** Probes now (a request just timed out), unless one is running. */
  probeSoon(): void {
    void this.probe();
  }

  private async tick(): Promise<void> {
    if (Date.now() - this.lastActivity < this.timing.intervalMs) return;
    await this.probe();
  }

  private async probe(): Promise<void> {
    if (this.inFlight || this.session.isDisposed) return;
    this.inFlight = true;
    try {
      const responding = await this.answers();
      if (responding) this.noteActivity();
      if (!this.session.isDisposed) this.report(responding);
    } finally {
      this.inFlight = false;
    }
  }

  private async answers(): Promise<boolean> {
    let target;
    try {
      target = await clusterTarget(this.session.kubeConfig, '/readyz', {}, {});
    } catch {
      return true; // Credentials failed to prepare: not a question of the server answering.
    }
    return new Promise((resolve) => {
      const request = sendGet(target, AbortSignal.timeout(this.timing.timeoutMs), (response) => {
        response.resume();
        resolve(true);
      });
      request.on('error', () => resolve(false));
    });
  }
}
