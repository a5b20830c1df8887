// Small helpers for writing form values onto cloned manifest objects without leaving stray empty fields.
import { isRecord } from '../../../common/guards';

export type Obj = Record<string, unknown>;

/** Sets `key` to `value`, or deletes it when the value is undefined, an empty string, list or object. */
export function put(target: Obj, key: string, value: unknown): void {
  const empty =
    value === undefined ||
    value === '' ||
    (Array.isArray(value) && value.length === 0) ||
    (isRecord(value) && Object.keys(value).length === 0);
  if (empty) Reflect.deleteProperty(target, key);
  else target[key] = value;
}

/**
 * Sets `key` to an object built onto a copy of what it held, unless it came out with the same content: then what was
 * there stays as written (absent stays absent, no `metadata: {}` appears).
 */
export function putObject(target: Obj, key: string, value: Obj): void {
  if (!same(value, copy(target[key]))) target[key] = value;
}

/** A number typed as text: integers become numbers, anything else (including '') is undefined. */
export function intOf(textValue: string): number | undefined {
  const trimmed = textValue.trim();
  return /^-?\d+$/.test(trimmed) ? Number(trimmed) : undefined;
}

/** An int-or-string typed as text: `25%` stays a string, `3` becomes 3, '' is undefined. */
export function intOrString(textValue: string): number | string | undefined {
  const trimmed = textValue.trim();
  if (trimmed === '') return undefined;
  return intOf(trimmed) ?? trimmed;
}

export function toMap(pairs: { key: string; value: string }[]): Record<string, string> {
  const map: Record<string, string> = {};
  for (const { key, value } of pairs) if (key.trim() !== '') map[key.trim()] = value;
  return map;
}

export function sameMap(a: Record<string, string> | undefined, b: Record<string, string> | undefined): boolean {
  const ea = Object.entries(a ?? {});
  const eb = b ?? {};
  return ea.length === Object.keys(eb).length && ea.every(([k, v]) => eb[k] === v);
}

/** A shallow copy as a plain record, for writing onto; anything that is not an object (an imported file may hold a
 * string where a map belongs) gives an empty one. */
export function copy(value: unknown): Obj {
  return isRecord(value) ? { ...value } : {};
}

/** Deep equality of form values (plain JSON data, possibly behind Vue proxies). */
export const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

/**
 * Writes one field of a row read from a manifest only when the user changed it: `now` is the form's value, `before`
 * what reading the row gave (undefined for a row the user added, which writes everything). An unchanged field keeps
 * what was read exactly as it was — absent (no default filled in), of a type the form cannot show, spelled its own way.
 */
export function edit(target: Obj, key: string, now: unknown, before: unknown, value: () => unknown): void {
  if (before !== undefined && same(now, before)) return;
  put(target, key, value());
}

/** The rows of a list when it is one the form can show (a list of objects); `undefined` when it is something else. */
export function rowsOf(value: unknown): Obj[] | undefined {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) && value.every(isRecord) ? value : undefined;
}

/**
 * Writes a list of rows: one the form could not read (not a list of objects) stays as written until the user adds a
 * row; no rows where none were read leaves the value as written (absent, `null`, `[]`); a list that comes out equal
 * to the one read stays as it was.
 */
export function putRows(target: Obj, key: string, rows: unknown[]): void {
  if (rows.length === 0 && (rowsOf(target[key]) ?? []).length === 0) return;
  if (!same(rows, target[key])) put(target, key, rows);
}

/** A number typed as text: an integer becomes a number; any other text is kept as typed, '' is undefined. */
export function intOrText(textValue: string): number | string | undefined {
  return intOf(textValue) ?? (textValue.trim() || undefined);
}

/** A deep copy of JSON data; unlike structuredClone it also copies through reactive proxies (the form lives in Vue). */
export function cloneJson<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}
