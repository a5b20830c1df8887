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

/** A shallow copy as a plain record, for writing onto. */
export function copy(value: object | null | undefined): Obj {
  return { ...(value ?? {}) } as Obj;
}

/** A deep copy of JSON data; unlike structuredClone it also copies through reactive proxies (the form lives in Vue). */
export function cloneJson<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}
