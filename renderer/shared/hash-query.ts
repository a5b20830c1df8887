// The query after a page's hash path (`#/ds/...?pod=ns/name&tab=logs`): what a page shows inside it, not which page.
// Several features keep one value each there; each changes only its own and leaves the others as they are, in place.

/** One query value of the hash, or null. */
export function hashParam(hash: string, key: string): string | null {
  const at = hash.indexOf('?');
  return at < 0 ? null : new URLSearchParams(hash.slice(at + 1)).get(key);
}

/**
 * The same hash with `key` set to `value` (written as it is: callers pass URL-safe values) or removed for null. A value
 * already there is replaced where it stands, a new one goes last, so two features' values never reorder each other.
 */
export function hashWithParam(hash: string, key: string, value: string | null): string {
  const full = hash.startsWith('#') ? hash : `#${hash}`;
  const at = full.indexOf('?');
  const path = at < 0 ? full : full.slice(0, at);
  const parts =
    at < 0
      ? []
      : full
          .slice(at + 1)
          .split('&')
          .filter((p) => p !== '');
  const own = (p: string) => p.split('=')[0] === key;
  const next = value === null ? null : `${key}=${value}`;
  const index = parts.findIndex(own);
  const kept = parts.filter((p) => !own(p));
  if (next !== null) kept.splice(index < 0 ? kept.length : index, 0, next);
  return kept.length > 0 ? `${path}?${kept.join('&')}` : path;
}
