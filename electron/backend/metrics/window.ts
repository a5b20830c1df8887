import type { Usage, UsagePoint } from '../../contract/index.js';

/**
 * The samples of one context, by series (a container of a pod, a node), kept for `spanMs` after the newest sample. A
 * sample is the metrics API's own reading: its timestamp is the key, so polling twice within one of its windows, or
 * two views polling the same pod, adds nothing.
 */
export class UsageWindow {
  private readonly series = new Map<string, UsagePoint[]>();
  private newest = 0;

  constructor(readonly spanMs: number) {}

  add(key: string, t: number, usage: Usage): void {
    let points = this.series.get(key);
    if (!points) this.series.set(key, (points = []));
    const last = points[points.length - 1];
    if (last !== undefined && last.t >= t) {
      // The same reading again, or one older than kept (clocks of two API servers behind a balancer).
      if (last.t === t) points[points.length - 1] = { t, ...usage };
      return;
    }
    points.push({ t, cpu: usage.cpu, memory: usage.memory });
    if (t > this.newest) this.newest = t;
  }

  /** Drops what fell out of the window, and series with nothing left. */
  prune(): void {
    const from = this.newest - this.spanMs;
    for (const [key, points] of this.series) {
      const first = points.findIndex((p) => p.t >= from);
      if (first === -1) this.series.delete(key);
      else if (first > 0) points.splice(0, first);
    }
  }

  points(key: string): readonly UsagePoint[] {
    return this.series.get(key) ?? [];
  }

  latest(key: string): UsagePoint | undefined {
    const points = this.series.get(key);
    return points?.[points.length - 1];
  }

  /** The times sampled among these series: how many, and the stretch from the first to the last. */
  coverage(keys: Iterable<string>): { samples: number; coveredMs: number } {
    const times = new Set<number>();
    for (const key of keys) for (const p of this.points(key)) times.add(p.t);
    if (times.size === 0) return { samples: 0, coveredMs: 0 };
    const all = [...times];
    return { samples: all.length, coveredMs: Math.max(...all) - Math.min(...all) };
  }
}
