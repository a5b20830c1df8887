// Server-side apply (application/apply-patch+yaml), after structured-merge-diff's Updater.Apply: merge the applied
// configuration into the live object by the schema, let go of (and remove) fields this manager applied before but no
// longer applies when no one else owns them, and refuse changes to fields other managers own unless forced.

import { StatusError } from '../errors.js';
import { childShape, itemShape, shapeForKind, type Shape } from '../schema/index.js';
import type { KubeObject } from '../types.js';
import {
  compare,
  decodePath,
  difference,
  emptySet,
  fieldSetOf,
  intersection,
  itemElement,
  ownsAtOrBelow,
  pathString,
  type FieldPath,
} from './fieldset.js';
import { isObject, removeKey, type JsonObject } from './json.js';
import { entryId, readEntries, writeEntries, type ManagerEntry } from './managed-fields.js';

/**
 * Merges associative or set lists as structured-merge-diff does: items in both follow the applied order, items only
 * in the live list keep their place among them, applied-only items go where the configuration puts them.
 */
function mergeList(live: unknown[], config: unknown[], shape: Extract<Shape, { kind: 'list' }>): unknown[] {
  const pe = (item: unknown): string => itemElement(item, shape) ?? JSON.stringify(item);
  const lhs = live.map(pe);
  const rhs = config.map(pe);
  const liveByPe = new Map(lhs.map((p, i) => [p, live[i]]));
  const configByPe = new Map(rhs.map((p, i) => [p, config[i]]));
  const shared = rhs.filter((p) => liveByPe.has(p));
  let next = shared.shift();
  const merged = new Set<string>();
  const out: unknown[] = [];
  const item = (p: string): unknown =>
    shape.meta.listType === 'set'
      ? configByPe.get(p)
      : mergeValue(liveByPe.get(p), configByPe.get(p), itemShape(shape));
  let l = 0;
  let r = 0;
  while (l < lhs.length || r < rhs.length) {
    if (l < lhs.length && r < rhs.length) {
      if (lhs[l] === rhs[r]) {
        merged.add(lhs[l] ?? '');
        out.push(item(lhs[l] ?? ''));
        l++;
        r++;
        next = shared.shift();
        continue;
      }
      if (configByPe.has(lhs[l] ?? '') && next !== undefined && next !== lhs[l]) {
        l++;
        continue;
      }
    }
    if (l < lhs.length) {
      const p = lhs[l] ?? '';
      if (!configByPe.has(p)) {
        out.push(live[l]);
        l++;
        continue;
      }
      if (merged.has(p)) l++;
    }
    if (r < rhs.length) {
      const p = rhs[r] ?? '';
      merged.add(p);
      out.push(liveByPe.has(p) ? item(p) : configByPe.get(p));
      r++;
      if (next === p) next = shared.shift();
    }
  }
  return out;
}

function mergeValue(live: unknown, config: unknown, shape: Shape): unknown {
  if (shape.kind === 'list' && Array.isArray(live) && Array.isArray(config)) {
    const associative = shape.meta.listType === 'set' || shape.meta.listType === 'map';
    return associative ? mergeList(live, config, shape) : config;
  }
  const granular =
    (shape.kind === 'struct' && !shape.atomic) ||
    (shape.kind === 'map' && shape.mapType !== 'atomic') ||
    (shape.kind === 'schema' && shape.schema['x-kubernetes-map-type'] !== 'atomic');
  if (granular && isObject(live) && isObject(config)) {
    const out: JsonObject = { ...live };
    for (const [key, value] of Object.entries(config)) {
      if (value === null) removeKey(out, key);
      else out[key] = mergeValue(out[key], value, childShape(shape, key) ?? { kind: 'any' });
    }
    return out;
  }
  return config;
}

/**
 * Removes the value at `path` (a field or a list item) from `object`, in place. Containers left empty by the removal
 * go too, as structured-merge-diff turns them into nulls that the typed object then omits (top-level fields stay).
 */
function removePath(object: unknown, path: FieldPath, shape: Shape): void {
  const trail: { container: JsonObject | unknown[]; key: string | number }[] = [];
  let node: unknown = object;
  let nodeShape = shape;
  for (const pe of path) {
    if (pe.startsWith('f:') && isObject(node)) {
      const key = pe.slice(2);
      if (!(key in node)) return;
      trail.push({ container: node, key });
      node = node[key];
      nodeShape = childShape(nodeShape, key) ?? { kind: 'any' };
    } else if (Array.isArray(node)) {
      const at = node.findIndex((item) => itemElement(item, nodeShape) === pe);
      if (at < 0) return;
      trail.push({ container: node, key: at });
      node = node[at];
      nodeShape = itemShape(nodeShape);
    } else return;
  }
  for (let i = trail.length - 1; i >= 0; i--) {
    const step = trail[i];
    if (!step) break;
    const { container, key } = step;
    if (Array.isArray(container)) container.splice(key as number, 1);
    else removeKey(container, key as string);
    const emptied = Array.isArray(container) ? container.length === 0 : Object.keys(container).length === 0;
    if (!emptied || i <= 1) break;
  }
}

function conflictError(conflicts: { manager: ManagerEntry; path: string }[]): StatusError {
  const describe = (e: ManagerEntry): string => {
    const name =
      JSON.stringify(e.manager) + (e.subresource ? ` with subresource ${JSON.stringify(e.subresource)}` : '');
    return e.operation === 'Update' ? `${name} using ${e.apiVersion}` : name;
  };
  let message: string;
  if (conflicts.length === 1 && conflicts[0]) {
    message = `Apply failed with 1 conflict: conflict with ${describe(conflicts[0].manager)}: ${conflicts[0].path}`;
  } else {
    const lines: string[] = [];
    const byManager = new Map<string, { manager: ManagerEntry; paths: string[] }>();
    for (const c of conflicts) {
      const key = entryId(c.manager);
      const group = byManager.get(key) ?? { manager: c.manager, paths: [] };
      group.paths.push(c.path);
      byManager.set(key, group);
    }
    for (const key of [...byManager.keys()].sort()) {
      const group = byManager.get(key);
      if (!group) continue;
      lines.push(`conflicts with ${describe(group.manager)}:`, ...group.paths.map((p) => `- ${p}`));
    }
    message = `Apply failed with ${conflicts.length} conflicts: ${lines.join('\n')}`;
  }
  return new StatusError(409, 'Conflict', message, {
    causes: conflicts.map((c) => ({
      reason: 'FieldManagerConflict',
      message: `conflict with ${describe(c.manager)}`,
      field: c.path,
    })),
  });
}

export interface ApplyOptions {
  manager: string;
  force: boolean;
  now: string;
  /** The kind's schema (custom resources bring theirs); default: the built-in schema of apiVersion/kind. */
  shape?: Shape;
}

/** Applies `config` (the decoded YAML) for `options.manager` to `live` (undefined: create). */
export function serverSideApply(live: KubeObject | undefined, config: JsonObject, options: ApplyOptions): KubeObject {
  const apiVersion = typeof config.apiVersion === 'string' ? config.apiVersion : (live?.apiVersion ?? '');
  const kind = typeof config.kind === 'string' ? config.kind : (live?.kind ?? '');
  const shape = options.shape ?? shapeForKind(apiVersion, kind);
  const applied: JsonObject = { ...config };
  delete applied.status;
  const base: JsonObject = live ? structuredClone(live) : {};
  const merged = mergeValue(base, applied, shape) as JsonObject;

  const entries = readEntries(live);
  const mine: ManagerEntry = {
    manager: options.manager,
    operation: 'Apply',
    apiVersion,
    time: options.now,
    fields: new Set(),
  };
  const id = entryId(mine);
  const previous = entries.find((e) => entryId(e) === id);
  const others = entries.filter((e) => e !== previous);
  mine.fields = fieldSetOf(applied, shape).members;

  // Fields this manager stopped applying go away unless someone else still owns them (or something below them).
  if (previous) {
    const othersOwn = new Set(others.flatMap((e) => [...e.fields]));
    const dropped = [...difference(previous.fields, mine.fields)].map(decodePath);
    dropped.sort((a, b) => a.length - b.length);
    for (const path of dropped) {
      if (ownsAtOrBelow(othersOwn, path) || ownsAtOrBelow(mine.fields, path)) continue;
      removePath(merged, path, shape);
    }
  }

  const { added, modified, removed } = compare(live ? fieldSetOf(live, shape) : emptySet(), fieldSetOf(merged, shape));
  const changed = new Set([...added, ...modified]);
  const conflicts: { manager: ManagerEntry; path: string }[] = [];
  for (const e of others) {
    for (const path of [...intersection(e.fields, changed)].sort()) {
      conflicts.push({ manager: e, path: pathString(decodePath(path)) });
    }
  }
  if (conflicts.length > 0 && !options.force) throw conflictError(conflicts);
  for (const e of others) e.fields = difference(difference(e.fields, changed), removed);

  const result = { ...merged, apiVersion, kind } as KubeObject;
  result.metadata = { ...(isObject(merged.metadata) ? merged.metadata : {}) } as unknown as KubeObject['metadata'];
  const ordered = previous ? entries.map((e) => (e === previous ? mine : e)) : [...entries, mine];
  return writeEntries(result, ordered);
}
