import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { windowStats } from '../../../../electron/backend/metrics/stats.js';

const samples = fc.array(fc.integer({ min: 0, max: 2 ** 40 }), { minLength: 1, maxLength: 400 });
const below = (values: number[], x: number): number => values.filter((v) => v < x).length;
const atOrBelow = (values: number[], x: number): number => values.filter((v) => v <= x).length;

describe('windowStats', () => {
  it('is undefined for no samples', () => {
    expect(windowStats([])).toBeUndefined();
  });

  it('orders min <= median <= p95 <= max, each a value that was sampled', () => {
    fc.assert(
      fc.property(samples, (values) => {
        const s = windowStats(values);
        expect(s).toBeDefined();
        if (!s) return;
        expect(s.min).toBe(Math.min(...values));
        expect(s.max).toBe(Math.max(...values));
        expect(s.min).toBeLessThanOrEqual(s.median);
        expect(s.median).toBeLessThanOrEqual(s.p95);
        expect(s.p95).toBeLessThanOrEqual(s.max);
        for (const figure of [s.median, s.p95]) expect(values).toContain(figure);
      }),
    );
  });

  it('takes percentiles by nearest rank: the smallest value with p% of the samples at or below it', () => {
    fc.assert(
      fc.property(samples, (values) => {
        const s = windowStats(values);
        if (!s) return;
        const n = values.length;
        expect(atOrBelow(values, s.p95)).toBeGreaterThanOrEqual(0.95 * n);
        expect(below(values, s.p95)).toBeLessThan(0.95 * n);
        expect(atOrBelow(values, s.median)).toBeGreaterThanOrEqual(0.5 * n);
        expect(below(values, s.median)).toBeLessThan(0.5 * n);
      }),
    );
  });

  it('does not depend on the order of the samples and leaves them as they were', () => {
    fc.assert(
      fc.property(
        samples.chain((values) =>
          fc.tuple(fc.constant(values), fc.shuffledSubarray(values, { minLength: values.length })),
        ),
        ([values, shuffled]) => {
          const copy = [...values];
          expect(windowStats(shuffled)).toEqual(windowStats(values));
          expect(values).toEqual(copy);
        },
      ),
    );
  });

  it('gives known figures for 1..20', () => {
    const values = Array.from({ length: 20 }, (_, i) => 20 - i);
    expect(windowStats(values)).toEqual({ min: 1, median: 10, p95: 19, max: 20 });
  });
});
