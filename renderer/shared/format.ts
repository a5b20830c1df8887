import type { Message } from './message';

const MINUTE = 60;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** Age like kubectl's AGE column (45s, 12m, 5h, 3d), as a message so each language writes its own units. */
export function ageMessage(createdAt: string, now: number): Message {
  const created = Date.parse(createdAt);
  if (Number.isNaN(created)) return { key: 'age.unknown' };
  const seconds = Math.max(0, Math.floor((now - created) / 1000));
  if (seconds < MINUTE) return { key: 'age.seconds', params: { n: seconds } };
  if (seconds < HOUR) return { key: 'age.minutes', params: { n: Math.floor(seconds / MINUTE) } };
  if (seconds < 2 * DAY) return { key: 'age.hours', params: { n: Math.floor(seconds / HOUR) } };
  return { key: 'age.days', params: { n: Math.floor(seconds / DAY) } };
}

/** `k=v` pairs in key order, for the node selector and label cells. */
export function pairsText(pairs: Record<string, string>): string {
  return Object.keys(pairs)
    .sort()
    .map((key) => `${key}=${pairs[key] ?? ''}`)
    .join(', ');
}
