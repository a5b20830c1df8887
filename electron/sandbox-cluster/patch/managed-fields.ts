// metadata.managedFields bookkeeping: parsing entries into field sets, writing them back, and ownership tracking for
// non-apply writes (create, update, JSON/merge/strategic patches), as structured-merge-diff's Updater.Update does:
// the writer takes the fields it added or changed (from anyone, without conflict), removed fields leave every set.

import { shapeForKind, type Shape } from '../schema/index.js';
import type { KubeObject } from '../types.js';
import { compare, difference, emptySet, fieldSetOf, fromFieldsV1, toFieldsV1 } from './fieldset.js';
import { deepEqual, isObject } from './json.js';

export interface ManagerEntry {
  manager: string;
  operation: 'Apply' | 'Update';
  apiVersion: string;
  time?: string;
  subresource?: string;
  fields: Set<string>;
}

/** Identity of an entry: appliers are one entry whatever the apiVersion; updaters one per apiVersion. */
export function entryId(e: Pick<ManagerEntry, 'manager' | 'operation' | 'apiVersion' | 'subresource'>): string {
  return JSON.stringify([e.manager, e.operation, e.operation === 'Apply' ? '' : e.apiVersion, e.subresource ?? '']);
}

export function readEntries(object: KubeObject | undefined): ManagerEntry[] {
  const raw = object?.metadata.managedFields;
  if (!Array.isArray(raw)) return [];
  const out: ManagerEntry[] = [];
  for (const e of raw) {
    if (!isObject(e) || typeof e.manager !== 'string') continue;
    out.push({
      manager: e.manager,
      operation: e.operation === 'Apply' ? 'Apply' : 'Update',
      apiVersion: typeof e.apiVersion === 'string' ? e.apiVersion : (object?.apiVersion ?? ''),
      time: typeof e.time === 'string' ? e.time : undefined,
      subresource: typeof e.subresource === 'string' && e.subresource ? e.subresource : undefined,
      fields: fromFieldsV1(e.fieldsV1),
    });
  }
  return out;
}

const seconds = (time: string | undefined): number => (time ? Math.floor(Date.parse(time) / 1000) || 0 : 0);

/** The API server's order of managedFields: Apply before Update, then oldest first, then by manager. */
function compareEntries(p: ManagerEntry, q: ManagerEntry): number {
  if (p.operation !== q.operation) return p.operation < q.operation ? -1 : 1;
  if (seconds(p.time) !== seconds(q.time)) return seconds(p.time) - seconds(q.time);
  if (p.manager !== q.manager) return p.manager < q.manager ? -1 : 1;
  if (p.apiVersion !== q.apiVersion) return p.apiVersion < q.apiVersion ? -1 : 1;
  return (p.subresource ?? '') < (q.subresource ?? '') ? -1 : (p.subresource ?? '') > (q.subresource ?? '') ? 1 : 0;
}

/** Returns `object` with managedFields set from `entries` (empty entries dropped; none at all: field removed). */
export function writeEntries(object: KubeObject, entries: ManagerEntry[]): KubeObject {
  const kept = entries.filter((e) => e.fields.size > 0).sort(compareEntries);
  const metadata = { ...object.metadata };
  if (kept.length === 0) delete metadata.managedFields;
  else {
    metadata.managedFields = kept.map((e) => ({
      manager: e.manager,
      operation: e.operation,
      apiVersion: e.apiVersion,
      ...(e.time ? { time: e.time } : {}),
      fieldsType: 'FieldsV1',
      fieldsV1: toFieldsV1(e.fields),
      ...(e.subresource ? { subresource: e.subresource } : {}),
    }));
  }
  return { ...object, metadata };
}

/** The entries to start from: the live ones, unless the writer sent managedFields of its own (a reset or an edit). */
function baseEntries(old: KubeObject | undefined, updated: KubeObject): ManagerEntry[] {
  const sent = updated.metadata.managedFields;
  if (Array.isArray(sent) && !deepEqual(sent, old?.metadata.managedFields ?? [])) {
    return sent.length === 0 ? [] : readEntries(updated);
  }
  return readEntries(old);
}

/**
 * Records a non-apply write by `manager`: returns `updated` with managedFields in which the manager owns what it
 * added or changed, other managers lost those fields, and removed fields are owned by no one.
 */
export function trackUpdate(
  manager: string,
  operation: 'Update',
  old: KubeObject | undefined,
  updated: KubeObject,
  now: string,
  schema?: Shape,
): KubeObject {
  const shape = schema ?? shapeForKind(updated.apiVersion, updated.kind);
  const before = old ? fieldSetOf(old, shape) : emptySet();
  const after = fieldSetOf(updated, shape);
  const { added, removed, modified } = compare(before, after);
  const taken = new Set([...added, ...modified]);
  const entries = baseEntries(old, updated);
  const mine = { manager, operation, apiVersion: updated.apiVersion };
  const id = entryId(mine);
  let own = entries.find((e) => entryId(e) === id);
  for (const e of entries) {
    if (e === own) continue;
    e.fields = difference(difference(e.fields, taken), removed);
  }
  if (!own) {
    own = { ...mine, fields: new Set() };
    entries.push(own);
  }
  const before2 = own.fields.size;
  own.fields = new Set([...difference(own.fields, removed), ...taken]);
  if (taken.size > 0 || own.fields.size !== before2) own.time = now;
  return writeEntries(updated, entries);
}
