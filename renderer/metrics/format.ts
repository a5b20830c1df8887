import type { MetricsWindow } from '../../electron/contract/metrics-dto';

// Units as `kubectl top` prints them: CPU in millicores rounded up (resource.Quantity's MilliValue), memory in
// mebibytes rounded down (Value() / 1024 / 1024).
export const cpuText = (nanocores: number): string => `${String(Math.ceil(nanocores / 1e6))}m`;
export const memoryText = (bytes: number): string => `${String(Math.floor(bytes / 2 ** 20))}Mi`;

export const cpuOrMemory = (resource: 'cpu' | 'memory', value: number): string =>
  resource === 'cpu' ? cpuText(value) : memoryText(value);

/** Which stretch a figure covers, as a message key and its values ("last 4 min of 15"). */
export function windowMessage(w: MetricsWindow): { key: string; values: Record<string, number> } {
  const span = Math.round(w.spanMs / 60_000);
  if (w.samples === 0)
    return { key: 'metrics.window.none', values: { interval: Math.round(w.intervalMs / 1000), span } };
  const seconds = Math.round(w.coveredMs / 1000);
  if (seconds < 60) return { key: 'metrics.window.seconds', values: { covered: seconds, span } };
  return { key: 'metrics.window.minutes', values: { covered: Math.round(seconds / 60), span } };
}
