import { describe, expect, it } from 'vitest';
import { backoffDelay } from '../../../electron/backend/watch/backoff.js';

describe('backoffDelay', () => {
  const options = { baseMs: 500, maxMs: 30_000 };

  it('grows exponentially and stays within [half, full] of each step', () => {
    for (let attempt = 0; attempt < 6; attempt++) {
      const step = 500 * 2 ** attempt;
      expect(backoffDelay(attempt, options, () => 0)).toBe(step / 2);
      expect(backoffDelay(attempt, options, () => 1)).toBe(step);
    }
  });

  it('never exceeds the cap, even after very many attempts', () => {
    for (const attempt of [6, 10, 50, 1000]) {
      const delay = backoffDelay(attempt, options, () => 0.999);
      expect(delay).toBeLessThanOrEqual(30_000);
      expect(delay).toBeGreaterThanOrEqual(15_000);
    }
  });

  it('spreads retries with jitter', () => {
    const delays = new Set(Array.from({ length: 50 }, () => backoffDelay(3, options)));
    expect(delays.size).toBeGreaterThan(10);
  });
});
