import { same } from '../../common/matrix-delta';

/**
 * `next` with each item equal to the one of the same key in `before` replaced by that older object, so a list
 * rendered with v-memo or by identity re-renders only the items that changed. Returns `before` itself when nothing did.
 */
export function keepEqual<T>(before: readonly T[], next: T[], keyOf: (item: T) => string): T[] {
  const old = new Map(before.map((item) => [keyOf(item), item]));
  let changed = before.length !== next.length;
  const kept = next.map((item, i) => {
    const was = old.get(keyOf(item));
    if (was !== undefined && same(was, item)) {
      if (before[i] !== was) changed = true;
      return was;
    }
    changed = true;
    return item;
  });
  return changed ? kept : (before as T[]);
}
