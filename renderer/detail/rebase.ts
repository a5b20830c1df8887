// Re-applying a user's edit onto a version of the object that changed meanwhile (after a 409): the user's own changes
// are their edit minus the version they started from; those changes, and only those, are carried onto the server's
// current version. Pure functions, no Kubernetes client: the conflict view shows their result before anything is sent.
import { isRecord, record } from '../../common/guards';

type Json = unknown;

export function deepEqual(a: Json, b: Json): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => deepEqual(x, b[i]));
  if (isRecord(a) && isRecord(b)) {
    const keys = Object.keys(a);
    return keys.length === Object.keys(b).length && keys.every((k) => Object.hasOwn(b, k) && deepEqual(a[k], b[k]));
  }
  return false;
}

/** Fields the server owns: never part of what the user edits, and never carried from one version onto another. */
const SERVER_METADATA = ['managedFields', 'resourceVersion', 'generation', 'uid', 'creationTimestamp', 'selfLink'];

/** The live object as the user edits it: without status and the server's bookkeeping in metadata. */
export function editableObject(live: Record<string, unknown>): Record<string, unknown> {
  const { status: _status, ...rest } = live;
  if (isRecord(rest.metadata)) {
    rest.metadata = Object.fromEntries(Object.entries(rest.metadata).filter(([k]) => !SERVER_METADATA.includes(k)));
  }
  return rest;
}

/**
 * RFC 7386 JSON merge patch turning `from` into `to`: changed keys with their new value, removed keys as null, arrays
 * whole. This is the user's change set as they would read it ("your changes").
 */
export function mergePatch(from: Json, to: Json): Json {
  if (!isRecord(from) || !isRecord(to)) return to;
  const patch: Record<string, unknown> = {};
  for (const key of Object.keys(from)) if (!Object.hasOwn(to, key)) patch[key] = null;
  for (const [key, value] of Object.entries(to)) {
    if (!Object.hasOwn(from, key)) patch[key] = value;
    else if (!deepEqual(from[key], value)) patch[key] = mergePatch(from[key], value);
  }
  return patch;
}

export interface Rebased {
  /** The server's current version with the user's changes on top. */
  result: Record<string, unknown>;
  /** Fields that the user and the other writer both changed, to different values; the user's value is in `result`. */
  conflicts: string[];
}

const ABSENT = Symbol('absent');
type Slot = Json | typeof ABSENT;
const at = (object: Record<string, unknown>, key: string): Slot => (Object.hasOwn(object, key) ? object[key] : ABSENT);
const same = (a: Slot, b: Slot): boolean => (a === ABSENT || b === ABSENT ? a === b : deepEqual(a, b));

// Kubernetes lists of named items (containers, env, volumes, ports…) are merged item by item on `name`, as a
// strategic merge does; other lists only when they keep their length, index by index.
function namedKeys(list: Json[]): string[] | null {
  const names = list.map((item) => (isRecord(item) && typeof item.name === 'string' ? item.name : null));
  if (names.some((n) => n === null)) return null;
  const strings = names as string[];
  return new Set(strings).size === strings.length ? strings : null;
}

function mergeLists(base: Json[], mine: Json[], theirs: Json[], path: string, conflicts: string[]): Json[] | null {
  const [b, m, t] = [namedKeys(base), namedKeys(mine), namedKeys(theirs)];
  if (b && m && t) {
    const byName = (list: Json[], names: string[]) => Object.fromEntries(names.map((n, i) => [n, list[i]]));
    const merged = merge3(byName(base, b), byName(mine, m), byName(theirs, t), path, conflicts) as Record<
      string,
      unknown
    >;
    // Their order first (the server's current list), then the items the user added, in the user's order.
    const order = [...t.filter((n) => Object.hasOwn(merged, n)), ...m.filter((n) => !t.includes(n))];
    return order.filter((n) => Object.hasOwn(merged, n)).map((n) => merged[n]);
  }
  if (base.length === mine.length && base.length === theirs.length) {
    return base.map((item, i) => merge3(item, mine[i], theirs[i], `${path}[${i}]`, conflicts));
  }
  return null;
}

function merge3(base: Slot, mine: Slot, theirs: Slot, path: string, conflicts: string[]): Slot {
  if (same(mine, base)) return theirs;
  if (same(theirs, base) || same(mine, theirs)) return mine;
  if (isRecord(base) && isRecord(mine) && isRecord(theirs)) {
    const out: Record<string, unknown> = {};
    const keys = [...Object.keys(theirs), ...Object.keys(mine).filter((k) => !Object.hasOwn(theirs, k))];
    for (const key of keys) {
      const value = merge3(at(base, key), at(mine, key), at(theirs, key), path ? `${path}.${key}` : key, conflicts);
      if (value !== ABSENT) out[key] = value;
    }
    return out;
  }
  if (Array.isArray(base) && Array.isArray(mine) && Array.isArray(theirs)) {
    const merged = mergeLists(base, mine, theirs, path, conflicts);
    if (merged) return merged;
  }
  // Both changed the same field differently: the user's value wins, and the view names the field.
  conflicts.push(path || '(object)');
  return mine;
}

/**
 * Carries the user's changes (`mine` minus `base`, the version they started from) onto `theirs` (the server's current
 * version). Server bookkeeping comes from `theirs`: the result is sent with its resourceVersion.
 */
export function rebase(
  base: Record<string, unknown>,
  mine: Record<string, unknown>,
  theirs: Record<string, unknown>,
): Rebased {
  const conflicts: string[] = [];
  const merged = merge3(editableObject(base), editableObject(mine), editableObject(theirs), '', conflicts);
  const result = record(merged);
  return { result, conflicts };
}

/** Whether the edit changes spec.selector, which the API server refuses for a DaemonSet after creation. */
export function selectorChanged(base: Record<string, unknown>, mine: Record<string, unknown>): boolean {
  const selector = (o: Record<string, unknown>) => (isRecord(o.spec) ? o.spec.selector : undefined);
  return !deepEqual(selector(base), selector(mine));
}
