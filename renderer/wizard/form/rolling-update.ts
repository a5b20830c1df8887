// maxUnavailable / maxSurge: an integer or a percentage of the desired pod count.

const PERCENT = /^(\d+)%$/;
const INTEGER = /^\d+$/;

export type IntOrPercent = { kind: 'int'; value: number } | { kind: 'percent'; value: number };

/** Parses `3` or `25%`; '' and anything else is undefined. */
export function parseIntOrPercent(text: string): IntOrPercent | undefined {
  const trimmed = text.trim();
  if (INTEGER.test(trimmed)) return { kind: 'int', value: Number(trimmed) };
  const match = PERCENT.exec(trimmed);
  return match ? { kind: 'percent', value: Number(match[1]) } : undefined;
}

/**
 * The pod count a value resolves to for `desired` pods. The DaemonSet controller scales percentages rounding up
 * (intstr.GetScaledValueFromIntOrPercent with roundUp=true): 10% of 12 nodes is 2, not 1.
 */
export function resolvePodCount(value: IntOrPercent, desired: number): number {
  if (value.kind === 'int') return value.value;
  return Math.ceil((value.value * desired) / 100);
}

/** Whether a value counts as zero for the "exactly one of maxUnavailable and maxSurge is non-zero" rule. */
export function isZero(value: IntOrPercent | undefined): boolean {
  return value !== undefined && value.value === 0;
}
