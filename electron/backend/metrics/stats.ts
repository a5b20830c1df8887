import type { WindowStats } from '../../contract/index.js';

/**
 * min / median / p95 / max of a window's samples. Percentiles by the nearest-rank rule (the smallest value with at
 * least p% of the samples at or below it), so every figure is a value that was really sampled; the median of an even
 * count is the lower middle one, for the same reason. Undefined for no samples.
 */
export function windowStats(values: readonly number[]): WindowStats | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = (p: number): number => sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
  return { min: sorted[0] ?? NaN, median: rank(50), p95: rank(95), max: sorted[sorted.length - 1] ?? NaN };
}
