// A coalescing work queue: a key added many times before it is processed is processed once. Processing happens on a
// later turn of the event loop, never inside the caller (store listeners must not write back synchronously).
// Failed keys are retried with a growing delay; delayed adds share one timer per key.

export type Handler = (key: string) => void;

export class WorkQueue {
  private readonly dirty = new Set<string>();
  private readonly delayed = new Map<string, NodeJS.Timeout>();
  private readonly failures = new Map<string, number>();
  private scheduled: NodeJS.Immediate | undefined;
  private paused = false;
  private stopped = false;

  constructor(
    private readonly handler: Handler,
    private readonly onError: (key: string, error: unknown) => void = () => undefined,
  ) {}

  add(key: string): void {
    if (this.stopped) return;
    this.dirty.add(key);
    this.kick();
  }

  /** Adds the key after `ms`; an earlier pending delayed add for the same key wins. */
  addAfter(key: string, ms: number): void {
    if (this.stopped || this.delayed.has(key)) return;
    const timer = setTimeout(
      () => {
        this.delayed.delete(key);
        this.add(key);
      },
      Math.max(0, ms),
    );
    timer.unref();
    this.delayed.set(key, timer);
  }

  get length(): number {
    return this.dirty.size;
  }

  pause(): void {
    this.paused = true;
  }

  resume(): void {
    this.paused = false;
    this.kick();
  }

  stop(): void {
    this.stopped = true;
    this.dirty.clear();
    for (const timer of this.delayed.values()) clearTimeout(timer);
    this.delayed.clear();
    if (this.scheduled) clearImmediate(this.scheduled);
    this.scheduled = undefined;
  }

  private kick(): void {
    if (this.paused || this.stopped || this.scheduled || this.dirty.size === 0) return;
    this.scheduled = setImmediate(() => {
      this.scheduled = undefined;
      this.drain();
    });
  }

  private drain(): void {
    const keys = [...this.dirty];
    this.dirty.clear();
    for (const key of keys) {
      if (this.paused || this.stopped) {
        this.dirty.add(key);
        continue;
      }
      try {
        this.handler(key);
        this.failures.delete(key);
      } catch (error) {
        const count = (this.failures.get(key) ?? 0) + 1;
        this.failures.set(key, count);
        this.onError(key, error);
        this.addAfter(key, Math.min(100 * 2 ** count, 30_000));
      }
    }
    this.kick();
  }
}
