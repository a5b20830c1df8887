// Field sets as server-side apply tracks them (structured-merge-diff): which paths of an object a manager owns,
// encoded in managedFields as FieldsV1 (`{"f:spec":{"f:template":{..."k:{\"name\":\"app\"}":{".":{},"f:image":{}}}}}`).
// A path is a list of path elements: `f:<field>`, `k:<json of key fields>` (associative list items), `v:<json>`
// (set items).

import { childShape, itemShape, type Shape } from '../schema/index.js';
import { deepEqual, isObject, type JsonObject } from './json.js';

export type FieldPath = string[];

/** A set of field paths plus, for leaves, their values (to tell modified fields from unchanged ones). */
export interface FieldSet {
  members: Set<string>;
  leaves: Map<string, unknown>;
}

const enc = (path: FieldPath): string => JSON.stringify(path);
export const decodePath = (key: string): FieldPath => JSON.parse(key) as FieldPath;

export function emptySet(): FieldSet {
  return { members: new Set(), leaves: new Map() };
}

/** Fields the API server never tracks: identity, bookkeeping metadata and (for the main resource) status. */
const IGNORED_TOP = new Set(['apiVersion', 'kind', 'status']);
const IGNORED_META = new Set([
  'name',
  'namespace',
  'uid',
  'resourceVersion',
  'generation',
  'creationTimestamp',
  'deletionTimestamp',
  'deletionGracePeriodSeconds',
  'managedFields',
  'selfLink',
]);

function ignored(path: FieldPath): boolean {
  if (path.length === 1) return IGNORED_TOP.has(path[0]?.slice(2) ?? '');
  return path.length === 2 && path[0] === 'f:metadata' && IGNORED_META.has(path[1]?.slice(2) ?? '');
}

/** The path element naming a list item: its key fields for associative lists, its value for sets. */
export function itemElement(item: unknown, shape: Shape): string | undefined {
  if (shape.kind !== 'list') return undefined;
  if (shape.meta.listType === 'set') return `v:${JSON.stringify(item)}`;
  if (shape.meta.listType !== 'map' || !isObject(item)) return undefined;
  const key: JsonObject = {};
  for (const name of [...(shape.meta.listMapKeys ?? [])].sort()) {
    // Upstream defaults `protocol` to TCP before computing keys, so an omitted protocol is TCP.
    const value = item[name] ?? (name === 'protocol' ? 'TCP' : undefined);
    if (value !== undefined) key[name] = value;
  }
  return `k:${JSON.stringify(key)}`;
}

function isAtomic(shape: Shape): boolean {
  switch (shape.kind) {
    case 'scalar':
    case 'any':
      return true;
    case 'struct':
      return shape.atomic;
    case 'schema':
      return shape.schema['x-kubernetes-map-type'] === 'atomic';
    case 'map':
      return shape.mapType === 'atomic';
    case 'list':
      return shape.meta.listType !== 'map' && shape.meta.listType !== 'set';
  }
}

function walk(value: unknown, shape: Shape, path: FieldPath, out: FieldSet): void {
  if (isAtomic(shape) || value === null || value === undefined) {
    out.members.add(enc(path));
    out.leaves.set(enc(path), value);
    return;
  }
  if (shape.kind === 'list') {
    if (!Array.isArray(value)) return;
    const items = itemShape(shape);
    for (const item of value) {
      const pe = itemElement(item, shape);
      if (pe === undefined) continue;
      const itemPath = [...path, pe];
      out.members.add(enc(itemPath));
      if (shape.meta.listType === 'set' || isAtomic(items)) out.leaves.set(enc(itemPath), item);
      else walk(item, items, itemPath, out);
    }
    return;
  }
  if (!isObject(value)) return;
  for (const [key, child] of Object.entries(value)) {
    const childPath = [...path, `f:${key}`];
    if (ignored(childPath)) continue;
    const sub = childShape(shape, key);
    const empty = child === null || (isObject(child) && Object.keys(child).length === 0);
    if (empty || sub === undefined) {
      out.members.add(enc(childPath));
      out.leaves.set(enc(childPath), child);
      if (sub === undefined || child === null) continue;
    }
    // Map entries (labels, annotations...) are members themselves; struct fields only through their leaves.
    if (shape.kind === 'map') out.members.add(enc(childPath));
    walk(child, sub, childPath, out);
  }
}

export function fieldSetOf(object: unknown, shape: Shape): FieldSet {
  const out = emptySet();
  walk(object, shape, [], out);
  return out;
}

export function difference(a: Set<string>, b: Set<string>): Set<string> {
  return new Set([...a].filter((p) => !b.has(p)));
}

export function intersection(a: Set<string>, b: Set<string>): Set<string> {
  return new Set([...a].filter((p) => b.has(p)));
}

/** True when `set` holds `path` or a path below it. */
export function ownsAtOrBelow(set: Set<string>, path: FieldPath): boolean {
  const prefix = enc(path).slice(0, -1);
  for (const member of set) if (member === enc(path) || member.startsWith(prefix + ',')) return true;
  return false;
}

/** Paths added, removed and (leaf values) modified between two objects, as structured-merge-diff compares them. */
export function compare(
  oldSet: FieldSet,
  newSet: FieldSet,
): { added: Set<string>; removed: Set<string>; modified: Set<string> } {
  const modified = new Set<string>();
  for (const [path, value] of newSet.leaves) {
    if (oldSet.members.has(path) && (!oldSet.leaves.has(path) || !deepEqual(oldSet.leaves.get(path), value))) {
      modified.add(path);
    }
  }
  return {
    added: difference(newSet.members, oldSet.members),
    removed: difference(oldSet.members, newSet.members),
    modified,
  };
}

/** FieldsV1 trie of a set of paths: members with children carry `.`. */
export function toFieldsV1(members: Set<string>): JsonObject {
  const root: JsonObject = {};
  for (const member of [...members].sort()) {
    let node = root;
    for (const pe of decodePath(member)) {
      const next = node[pe];
      node = isObject(next) ? next : (node[pe] = {});
    }
    node['.'] = {};
  }
  // `.` only marks members that also have children; a childless member is just `{}`.
  const tidy = (node: JsonObject): void => {
    const keys = Object.keys(node).filter((k) => k !== '.');
    if (keys.length === 0) delete node['.'];
    for (const k of keys) tidy(node[k] as JsonObject);
  };
  tidy(root);
  return root;
}

export function fromFieldsV1(fields: unknown): Set<string> {
  const out = new Set<string>();
  const visit = (node: unknown, path: FieldPath): void => {
    if (!isObject(node)) return;
    const children = Object.keys(node).filter((k) => k !== '.');
    if (path.length > 0 && (children.length === 0 || '.' in node)) out.add(enc(path));
    for (const k of children) visit(node[k], [...path, k]);
  };
  visit(fields, []);
  return out;
}

/** `.spec.template.spec.containers[name="app"].image`, as the API server prints field paths in conflicts. */
export function pathString(path: FieldPath): string {
  return path
    .map((pe) => {
      if (pe.startsWith('f:')) return `.${pe.slice(2)}`;
      if (pe.startsWith('v:')) return `[=${pe.slice(2)}]`;
      if (pe.startsWith('i:')) return `[${pe.slice(2)}]`;
      const key = JSON.parse(pe.slice(2)) as JsonObject;
      return `[${Object.entries(key)
        .map(([k, v]) => `${k}=${JSON.stringify(v)}`)
        .join(',')}]`;
    })
    .join('');
}
