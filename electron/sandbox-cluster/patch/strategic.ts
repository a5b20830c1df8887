// Strategic merge patch (application/strategic-merge-patch+json), applied the way the API server applies it
// (apimachinery strategicpatch mergeMap with parallel lists merged and unmatched nulls ignored). Merge keys and
// strategies come from the schema; directives: `$patch` (replace/delete on maps, replace/delete elements in lists),
// `$setElementOrder/<list>`, `$retainKeys`, `$deleteFromPrimitiveList/<list>`; null deletes a key.

import { childShape, itemShape, type Shape } from '../schema/index.js';
import { internal, smpErrors } from './errors.js';
import { isObject, kindOf, removeKey, type JsonObject } from './json.js';
import {
  applySpecialElements,
  elementKind,
  normalizeElementOrder,
  partition,
  validateSetElementOrder,
} from './strategic-lists.js';

const SET_ORDER = '$setElementOrder';
const DELETE_FROM = '$deleteFromPrimitiveList';

interface FieldStrategy {
  /** merge | replace | '' (default: maps merge, lists are replaced). */
  strategy: string;
  mergeKey: string;
  shape: Shape;
}

function fieldStrategy(shape: Shape, key: string): FieldStrategy {
  const child = childShape(shape, key) ?? { kind: 'any' };
  const strategies = child.kind === 'list' ? (child.meta.patchStrategy ?? []) : [];
  // retainKeys travels with one other strategy; the other one decides how the field merges.
  const strategy = strategies.find((s) => s !== 'retainKeys') ?? '';
  const mergeKey = child.kind === 'list' ? (child.meta.patchMergeKey ?? '') : '';
  return { strategy, mergeKey, shape: child };
}

/** Removes `$patch` directives from a value copied from the patch; undefined when the value itself is one. */
function removeDirectives(value: unknown): unknown {
  if (Array.isArray(value)) {
    return value.map(removeDirectives).filter((v) => v !== undefined);
  }
  if (isObject(value)) {
    if ('$patch' in value) return undefined;
    const out: JsonObject = {};
    for (const [k, v] of Object.entries(value)) {
      const kept = removeDirectives(v);
      if (kept !== undefined) out[k] = kept;
    }
    return out;
  }
  return value;
}

function discardNulls(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(discardNulls);
  if (isObject(value)) {
    const out: JsonObject = {};
    for (const [k, v] of Object.entries(value)) if (v !== null) out[k] = discardNulls(v);
    return out;
  }
  return value;
}

function directiveKey(key: string, prefix: string, error: () => Error): string {
  const slash = key.indexOf('/');
  if (slash < 0 || key.slice(0, slash) !== prefix) throw error();
  return key.slice(slash + 1);
}

function applyRetainKeys(original: JsonObject, patch: JsonObject): void {
  if (!('$retainKeys' in patch)) return;
  const retain = patch.$retainKeys;
  delete patch.$retainKeys;
  if (!Array.isArray(retain)) throw smpErrors.badRetainKeys();
  for (const [k, v] of Object.entries(patch)) {
    if (v === null || k.startsWith(DELETE_FROM) || k.startsWith(SET_ORDER)) continue;
    if (!retain.includes(k)) throw smpErrors.badRetainKeys();
  }
  for (const k of Object.keys(original)) if (!retain.includes(k)) removeKey(original, k);
}

function mergeSlice(original: unknown[], patch: unknown[], field: FieldStrategy, isDeleteList: boolean): unknown[] {
  if (original.length === 0 && patch.length === 0) return original;
  const kind = elementKind(original, patch);
  const { mergeKey } = field;
  let merged: unknown[];
  let base = original;
  let rest = patch;
  if (kind === 'scalar') {
    if (isDeleteList) return original.filter((v) => !patch.includes(v));
    merged = [...new Set([...original, ...patch])];
  } else {
    if (!mergeKey)
      throw internal(
        `cannot merge lists without merge key for ${field.shape.kind === 'list' && field.shape.items.kind === 'struct' ? field.shape.items.name : 'Struct'}`,
      );
    [base, rest] = applySpecialElements(original, patch, mergeKey);
    merged = [...base];
    for (const item of rest) {
      if (!isObject(item) || !(mergeKey in item)) throw smpErrors.noMergeKey(item, mergeKey);
      const at = merged.findIndex((o) => isObject(o) && o[mergeKey] === item[mergeKey]);
      if (at >= 0) merged[at] = mergeMap(merged[at] as JsonObject, item, itemShape(field.shape));
      else merged.push(item);
    }
  }
  const [patchItems, serverOnly] = partition(merged, rest, mergeKey, kind);
  return normalizeElementOrder(patchItems, serverOnly, rest, base, mergeKey, kind);
}

function mergeSliceField(original: unknown, patch: unknown, field: FieldStrategy, isDeleteList: boolean): unknown[] {
  if (!Array.isArray(original) || !Array.isArray(patch)) throw smpErrors.badArgType('[]interface {}', patch);
  if (field.strategy === 'merge' || isDeleteList) return mergeSlice(original, patch, field, isDeleteList);
  return patch;
}

/** Processes `$setElementOrder/<list>` directives together with their lists (removed from the patch after). */
function applySetElementOrder(original: JsonObject, patch: JsonObject, shape: Shape): void {
  for (const key of Object.keys(patch)) {
    if (!key.startsWith(SET_ORDER)) continue;
    const order = patch[key];
    removeKey(patch, key);
    if (!Array.isArray(order)) throw smpErrors.badArgType('[]interface {}', order);
    const listKey = directiveKey(key, SET_ORDER, smpErrors.badSetElementOrder);
    const hasOriginal = listKey in original;
    const hasPatch = listKey in patch;
    const originalList = original[listKey] ?? [];
    const patchList = patch[listKey] ?? [];
    if (!Array.isArray(originalList)) throw smpErrors.badArgType('[]interface {}', originalList);
    if (!Array.isArray(patchList)) throw smpErrors.badArgType('[]interface {}', patchList);
    const field = fieldStrategy(shape, listKey);
    validateSetElementOrder(patchList, order, field.mergeKey);
    let merged: unknown[];
    if (hasOriginal && !hasPatch) merged = originalList;
    else if (!hasOriginal && hasPatch) merged = removeDirectives(patchList) as unknown[];
    else if (hasOriginal && hasPatch) merged = mergeSliceField(originalList, patchList, field, false);
    else continue;
    const kind = elementKind(originalList, patchList);
    const [patchItems, serverOnly] = partition(merged, order, field.mergeKey, kind);
    original[listKey] = normalizeElementOrder(patchItems, serverOnly, order, originalList, field.mergeKey, kind);
    removeKey(patch, listKey);
  }
}

export function mergeMap(originalIn: JsonObject | undefined, patch: JsonObject, shape: Shape): JsonObject {
  if ('$patch' in patch) {
    const directive = patch.$patch;
    if (directive === 'replace') {
      delete patch.$patch;
      return patch;
    }
    if (directive === 'delete') return {};
    throw smpErrors.badPatchType(directive, patch);
  }
  const original = originalIn ?? {};
  applyRetainKeys(original, patch);
  applySetElementOrder(original, patch, shape);
  for (const [rawKey, patchValue] of Object.entries(patch)) {
    let key = rawKey;
    const isDeleteList = rawKey.startsWith(DELETE_FROM);
    if (isDeleteList) key = directiveKey(rawKey, DELETE_FROM, smpErrors.badPrimitiveList);
    if (patchValue === null) {
      removeKey(original, key);
      continue;
    }
    const current = original[key];
    if (!(key in original) || kindOf(current) !== kindOf(patchValue)) {
      if (isDeleteList) continue;
      const value = removeDirectives(discardNulls(patchValue));
      if (value === undefined) removeKey(original, key);
      else original[key] = value;
      continue;
    }
    const field = fieldStrategy(shape, key);
    if (isObject(current) && isObject(patchValue)) {
      original[key] = field.strategy === 'replace' ? patchValue : mergeMap(current, patchValue, field.shape);
    } else if (Array.isArray(current)) {
      original[key] = mergeSliceField(current, patchValue, field, isDeleteList);
    } else {
      const value = removeDirectives(patchValue);
      if (value === undefined) removeKey(original, key);
      else original[key] = value;
    }
  }
  return original;
}

/** Applies a strategic merge patch to a copy of `original`. Throws StatusErrors for malformed patches. */
export function strategicMergePatch(original: JsonObject, patch: unknown, shape: Shape): JsonObject {
  if (!isObject(patch)) throw smpErrors.badJsonDoc();
  return mergeMap(structuredClone(original), structuredClone(patch), shape);
}
