/**
 * When to send batched changes: on the leading edge when idle, then at most once per window while changes keep coming.
 *
 * A lone change goes out in the same turn of the event loop (after the other events of the same network read, so a
 * burst read at once still leaves as one batch). While changes keep arriving, they wait for the end of the window and
 * leave together; a window that ends with nothing pending returns to idle, so the next lone change is again sent at
 * once. A fixed timer instead delays every change, even a lone one, by up to the whole window.
 */
export class Coalescer {
  private immediate: NodeJS.Immediate | undefined;
  private window: NodeJS.Timeout | undefined;
  private pending = false;
  private stopped = false;

  constructor(
    private readonly windowMs: number,
    private readonly send: () => void,
  ) {}

  /** Something changed: send it now if idle, else with the batch at the end of the current window. */
  request(): void {
    if (this.stopped) return;
    this.pending = true;
    if (this.window !== undefined || this.immediate !== undefined) return;
    this.immediate = setImmediate(() => {
      this.immediate = undefined;
      this.fire();
    });
  }

  /** Send what is pending at once (a batch reached its size limit); the window restarts from here. */
  flushNow(): void {
    if (this.stopped) return;
    this.pending = true;
    if (this.immediate !== undefined) clearImmediate(this.immediate);
    this.immediate = undefined;
    clearTimeout(this.window);
    this.window = undefined;
    this.fire();
  }

  stop(): void {
    this.stopped = true;
    if (this.immediate !== undefined) clearImmediate(this.immediate);
    clearTimeout(this.window);
    this.immediate = this.window = undefined;
  }

  private fire(): void {
    if (this.stopped || !this.pending) return;
    this.pending = false;
    this.window = setTimeout(() => {
      this.window = undefined;
      // Changes came during the window: send them and keep coalescing; nothing came: back to idle.
      if (this.pending) this.fire();
    }, this.windowMs);
    this.send();
  }
}
