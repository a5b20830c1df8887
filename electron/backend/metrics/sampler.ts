import type { ContextSession } from '../session/session.js';
import { UsageWindow } from './window.js';

/** One open metrics view's part of its context's polling. */
export interface SampleTarget {
  /** Reads the metrics API and adds the readings to the window. */
  poll(window: UsageWindow): Promise<void>;
  /** After each of its polls: the window changed, or the poll failed. */
  sampled(error: unknown): void;
}

export interface SamplerTiming {
  intervalMs: number;
  spanMs: number;
}

/**
 * The polling of one context while at least one metrics view of it is open: every `intervalMs` each view's target
 * reads what it shows into the context's one window, so views that show the same pods share their history. The
 * window goes when the last view closes (nothing is polled, nothing kept, while none is open).
 */
export class ContextSampler {
  readonly window: UsageWindow;
  private readonly targets = new Set<SampleTarget>();
  private timer: NodeJS.Timeout | undefined;
  private closed = false;

  constructor(
    readonly timing: SamplerTiming,
    private readonly onEmpty: () => void,
  ) {
    this.window = new UsageWindow(timing.spanMs);
  }

  /** A new view polls at once (it shows figures without waiting for the next round), then with the others. */
  join(target: SampleTarget): void {
    this.targets.add(target);
    void this.pollOne(target);
    if (this.targets.size === 1) this.schedule();
  }

  /** Out of turn: a view that learnt which pods it shows only after it joined (its pods' first list). */
  pollNow(target: SampleTarget): void {
    if (this.targets.has(target)) void this.pollOne(target);
  }

  leave(target: SampleTarget): void {
    if (!this.targets.delete(target) || this.targets.size > 0) return;
    this.closed = true;
    clearTimeout(this.timer);
    this.onEmpty();
  }

  private schedule(): void {
    this.timer = setTimeout(() => void this.round(), this.timing.intervalMs);
  }

  private async round(): Promise<void> {
    await Promise.all([...this.targets].map((t) => this.pollOne(t)));
    if (!this.closed) this.schedule();
  }

  private async pollOne(target: SampleTarget): Promise<void> {
    let error: unknown;
    try {
      await target.poll(this.window);
      this.window.prune();
    } catch (e) {
      error = e;
    }
    if (this.targets.has(target)) target.sampled(error);
  }
}

/** The samplers of every context, one per session, each alive while one of its views is. */
export class Samplers {
  private readonly bySession = new Map<ContextSession, ContextSampler>();

  constructor(private readonly timing: () => SamplerTiming) {}

  join(session: ContextSession, target: SampleTarget): { window: UsageWindow; leave(): void; pollNow(): void } {
    let sampler = this.bySession.get(session);
    if (!sampler) {
      const made = new ContextSampler(this.timing(), () => {
        if (this.bySession.get(session) === made) this.bySession.delete(session);
      });
      this.bySession.set(session, (sampler = made));
    }
    const joined = sampler;
    joined.join(target);
    return { window: joined.window, leave: () => joined.leave(target), pollNow: () => joined.pollNow(target) };
  }

  /** Contexts sampled now (for tests: none once every view closed). */
  get size(): number {
    return this.bySession.size;
  }
}
