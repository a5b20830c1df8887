// A cluster-wide pod watch parses every pod's JSON on its own, so the same node name, owner uid, revision hash, phase
// and namespace arrive as a fresh string per pod: 150,000 copies of 30 owner uids in a 5,000 × 30 matrix. Projections
// keep one copy of such repeated values. Only values with few distinct members go through here (never pod names or
// resource versions), and the pool starts again once it is large, so a churning cluster cannot grow it without bound.

const LIMIT = 50_000;
let pool = new Map<string, string>();

/** The one kept copy of a repeated value (the value itself the first time). */
export function intern(value: string): string {
  const kept = pool.get(value);
  if (kept !== undefined) return kept;
  if (pool.size >= LIMIT) pool = new Map();
  pool.set(value, value);
  return value;
}

/** `intern` for a value that may be missing. */
export const internMaybe = (value: string | undefined): string | undefined =>
  value === undefined ? undefined : intern(value);
