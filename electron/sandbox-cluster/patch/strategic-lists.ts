// List handling of strategic merge patch: merging by key, `$patch` elements, parallel deletion lists and the order
// rules ($setElementOrder > order in the patch > order in the live list), as apimachinery's strategicpatch does it.

import { smpErrors } from './errors.js';
import { isObject, kindOf } from './json.js';

export type ElementKind = 'map' | 'scalar';

/** The common element kind of the lists; lists of lists are refused as upstream refuses them. */
export function elementKind(...lists: unknown[][]): ElementKind {
  let kind: ElementKind | undefined;
  for (const list of lists) {
    for (const item of list) {
      const k = kindOf(item);
      if (k === 'slice') throw smpErrors.noListOfLists();
      const mine: ElementKind = k === 'map' ? 'map' : 'scalar';
      if (kind !== undefined && kind !== mine) throw smpErrors.badArgType(kind, item);
      kind = mine;
    }
  }
  return kind ?? 'scalar';
}

function keyOf(item: unknown, mergeKey: string, kind: ElementKind): unknown {
  if (kind !== 'map') return item;
  return isObject(item) ? item[mergeKey] : undefined;
}

function indexIn(list: unknown[], item: unknown, mergeKey: string, kind: ElementKind): number {
  const key = keyOf(item, mergeKey, kind);
  return list.findIndex((v) => keyOf(v, mergeKey, kind) === key);
}

function requireMergeKey(lists: unknown[][], mergeKey: string): void {
  for (const list of lists) {
    for (const item of list) {
      if (!isObject(item) || !(mergeKey in item)) throw smpErrors.noMergeKey(item, mergeKey);
    }
  }
}

/** Sorts `items` by their position in `order` (stable; `$patch: delete` items last). */
function sortByOrder(items: unknown[], order: unknown[], mergeKey: string, kind: ElementKind): unknown[] {
  let keep = items;
  let deleted: unknown[] = [];
  if (kind === 'map') {
    requireMergeKey([items, order], mergeKey);
    keep = items.filter((v) => !(isObject(v) && v.$patch === 'delete'));
    deleted = items.filter((v) => isObject(v) && v.$patch === 'delete');
  }
  const positioned = keep.map((item, i) => ({ item, i, at: indexIn(order, item, mergeKey, kind) }));
  // Go's sort.SliceStable with "less unless both are found" behaves like a stable sort of the found items in place.
  const found = positioned.filter((p) => p.at >= 0).sort((a, b) => a.at - b.at);
  let next = 0;
  const sorted = positioned.map((p) => (p.at >= 0 ? (found[next++]?.item ?? p.item) : p.item));
  return [...sorted, ...deleted];
}

/** Interleaves server-only items into the patch items, keeping both relative orders, placed by the live order. */
function mergeSorted(left: unknown[], right: unknown[], serverOrder: unknown[], mergeKey: string, kind: ElementKind) {
  const out: unknown[] = [];
  let i = 0;
  let j = 0;
  while (i < left.length || j < right.length) {
    if (i >= left.length) out.push(right[j++]);
    else if (j >= right.length) out.push(left[i++]);
    else {
      const li = indexIn(serverOrder, left[i], mergeKey, kind);
      const ri = indexIn(serverOrder, right[j], mergeKey, kind);
      if (li >= 0 && ri >= 0 && li < ri) out.push(left[i++]);
      else out.push(right[j++]);
    }
  }
  return out;
}

export function normalizeElementOrder(
  patchItems: unknown[],
  serverOnly: unknown[],
  patchOrder: unknown[],
  serverOrder: unknown[],
  mergeKey: string,
  kind: ElementKind,
): unknown[] {
  const patch = sortByOrder(patchItems, patchOrder, mergeKey, kind);
  const server = sortByOrder(serverOnly, serverOrder, mergeKey, kind);
  return mergeSorted(server, patch, serverOrder, mergeKey, kind);
}

/** Splits `merged` into the items named in `by` and the others. */
export function partition(
  merged: unknown[],
  by: unknown[],
  mergeKey: string,
  kind: ElementKind,
): [unknown[], unknown[]] {
  if (kind === 'map') requireMergeKey([merged], mergeKey);
  const inBy = (v: unknown) =>
    kind === 'map' ? by.some((b) => isObject(b) && isObject(v) && b[mergeKey] === v[mergeKey]) : by.includes(v);
  return [merged.filter(inBy), merged.filter((v) => !inBy(v))];
}

/** Applies `$patch: delete|replace` list elements; returns the new original and the patch without them. */
export function applySpecialElements(original: unknown[], patch: unknown[], mergeKey: string): [unknown[], unknown[]] {
  const plain: unknown[] = [];
  let replace = false;
  let current = original;
  for (const v of patch) {
    if (!isObject(v) || !('$patch' in v)) {
      plain.push(v);
      continue;
    }
    switch (v.$patch) {
      case 'delete':
        if (!(mergeKey in v)) throw smpErrors.noMergeKey(v, mergeKey);
        current = current.filter((o) => !(isObject(o) && o[mergeKey] === v[mergeKey]));
        break;
      case 'replace':
        replace = true;
        break;
      default:
        throw smpErrors.badPatchType(v.$patch, v);
    }
  }
  return replace ? [plain, []] : [current, plain];
}

/** Checks that the patch list's items appear in the `$setElementOrder` list in the same relative order. */
export function validateSetElementOrder(patchList: unknown[], order: unknown[], mergeKey: string): void {
  if (order.length === 0 || patchList.length === 0) return;
  const items = mergeKey ? patchList.filter((v) => !(isObject(v) && v.$patch === 'delete')) : patchList;
  let p = 0;
  let o = 0;
  while (p < items.length && o < order.length) {
    const item = items[p];
    if (isObject(item) && '$patch' in item) {
      p++;
      continue;
    }
    let equal: boolean;
    if (!mergeKey) equal = item === order[o];
    else {
      const ord = order[o];
      if (!isObject(item) || !(mergeKey in item)) throw smpErrors.noMergeKey(item, mergeKey);
      if (!isObject(ord) || !(mergeKey in ord)) throw smpErrors.noMergeKey(ord, mergeKey);
      equal = item[mergeKey] === ord[mergeKey];
    }
    if (equal) p++;
    o++;
  }
  if (p < items.length && o >= order.length) throw smpErrors.badSetElementOrder();
}
