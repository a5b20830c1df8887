// One timer for all simulated kubelets: a min-heap of due steps and a single setTimeout armed for the earliest one.
// Thousands of pods cost heap entries, not timers. Pausing freezes the clock for the queue: on resume every due time
// moves by the paused duration, so a step keeps the delay it had left.

export interface DueItem<T> {
  due: number;
  seq: number;
  value: T;
}

export class MinHeap<T> {
  private readonly items: DueItem<T>[] = [];
  private seq = 0;

  get size(): number {
    return this.items.length;
  }

  push(due: number, value: T): void {
    const items = this.items;
    items.push({ due, seq: this.seq++, value });
    let i = items.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.less(i, parent)) break;
      this.swap(i, parent);
      i = parent;
    }
  }

  peek(): DueItem<T> | undefined {
    return this.items[0];
  }

  pop(): DueItem<T> | undefined {
    const items = this.items;
    if (items.length === 0) return undefined;
    const top = items[0];
    const last = items.pop() as DueItem<T>;
    if (items.length > 0) {
      items[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let smallest = i;
        if (l < items.length && this.less(l, smallest)) smallest = l;
        if (r < items.length && this.less(r, smallest)) smallest = r;
        if (smallest === i) break;
        this.swap(i, smallest);
        i = smallest;
      }
    }
    return top;
  }

  /** Moves every entry by `delta` ms; order is unchanged, so the heap stays valid. */
  shift(delta: number): void {
    for (const item of this.items) item.due += delta;
  }

  private less(i: number, j: number): boolean {
    const a = this.items[i] as DueItem<T>;
    const b = this.items[j] as DueItem<T>;
    return a.due < b.due || (a.due === b.due && a.seq < b.seq);
  }

  private swap(i: number, j: number): void {
    const a = this.items[i] as DueItem<T>;
    this.items[i] = this.items[j] as DueItem<T>;
    this.items[j] = a;
  }
}

/** Runs `run` for each value when it falls due; at most `batch` per timer turn so a burst never blocks the loop. */
export class DueQueue<T> {
  private readonly heap = new MinHeap<T>();
  private timer: NodeJS.Timeout | undefined;
  private timerDue = Infinity;
  private pausedAt: number | undefined;
  private stopped = false;

  constructor(
    private readonly now: () => number,
    private readonly run: (value: T) => void,
    private readonly batch = 500,
  ) {}

  get size(): number {
    return this.heap.size;
  }

  at(due: number, value: T): void {
    if (this.stopped) return;
    this.heap.push(due, value);
    this.arm();
  }

  after(ms: number, value: T): void {
    this.at(this.now() + Math.max(0, ms), value);
  }

  pause(): void {
    if (this.pausedAt !== undefined) return;
    this.pausedAt = this.now();
    this.disarm();
  }

  resume(): void {
    if (this.pausedAt === undefined) return;
    this.heap.shift(this.now() - this.pausedAt);
    this.pausedAt = undefined;
    this.arm();
  }

  stop(): void {
    this.stopped = true;
    this.disarm();
  }

  private disarm(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.timerDue = Infinity;
  }

  private arm(): void {
    if (this.stopped || this.pausedAt !== undefined) return;
    const top = this.heap.peek();
    if (!top || top.due >= this.timerDue) return;
    this.disarm();
    this.timerDue = top.due;
    this.timer = setTimeout(() => this.tick(), Math.max(0, top.due - this.now()));
    this.timer.unref();
  }

  private tick(): void {
    this.timer = undefined;
    this.timerDue = Infinity;
    let ran = 0;
    while (!this.stopped && this.pausedAt === undefined && ran < this.batch) {
      const top = this.heap.peek();
      if (!top || top.due > this.now()) break;
      this.heap.pop();
      ran++;
      try {
        this.run(top.value);
      } catch (error) {
        console.warn('kubelet: step failed:', error);
      }
    }
    this.arm();
  }
}
