// Structural schemas of CustomResourceDefinitions (apiextensions-apiserver pkg/apiserver/schema): whether a CRD's
// schema is structural, and what serving a custom resource under it means: defaults filled in, unknown fields pruned
// (or named, for strict field validation), and values validated with the words kube-openapi's validator uses.
import { isDeepStrictEqual } from 'node:util';
import type { FieldCause } from '../errors.js';
import { cause } from '../registry/validation.js';

export interface JsonSchema {
  type?: string;
  properties?: Record<string, JsonSchema>;
  additionalProperties?: JsonSchema | boolean;
  items?: JsonSchema;
  required?: string[];
  enum?: unknown[];
  pattern?: string;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: boolean;
  exclusiveMaximum?: boolean;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  minProperties?: number;
  maxProperties?: number;
  nullable?: boolean;
  default?: unknown;
  description?: string;
  format?: string;
  'x-kubernetes-preserve-unknown-fields'?: boolean;
  'x-kubernetes-int-or-string'?: boolean;
  'x-kubernetes-embedded-resource'?: boolean;
  'x-kubernetes-list-type'?: 'atomic' | 'set' | 'map';
  'x-kubernetes-list-map-keys'?: string[];
  'x-kubernetes-map-type'?: 'atomic' | 'granular';
  [other: string]: unknown;
}

const TYPES = ['array', 'boolean', 'integer', 'number', 'object', 'string'];

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Why a CRD's schema is not structural (field paths relative to `path`), or nothing. */
export function structuralErrors(schema: unknown, path: string, root = true): FieldCause[] {
  if (!isObject(schema)) return [cause.required(path)];
  const s = schema as JsonSchema;
  const out: FieldCause[] = [];
  const loose = s['x-kubernetes-int-or-string'] === true || s['x-kubernetes-preserve-unknown-fields'] === true;
  if (s.type === undefined || s.type === '') {
    if (root) out.push(cause.required(`${path}.type`, 'must not be empty at the root'));
    else if (!loose) out.push(cause.required(`${path}.type`, 'must not be empty for specified object fields'));
  } else if (!TYPES.includes(s.type)) {
    out.push(cause.notSupported(`${path}.type`, s.type, TYPES));
  } else if (root && s.type !== 'object') {
    out.push(cause.invalid(`${path}.type`, s.type, 'must be object at the root'));
  }
  if (s.properties !== undefined && s.additionalProperties !== undefined && s.additionalProperties !== false) {
    out.push(
      cause.forbidden(`${path}.additionalProperties`, 'additionalProperties and properties are mutual exclusive'),
    );
  }
  if (s.type === 'array' && s.items === undefined) out.push(cause.required(`${path}.items`, 'must be specified'));
  for (const [key, child] of Object.entries(s.properties ?? {})) {
    out.push(...structuralErrors(child, `${path}.properties[${key}]`, false));
  }
  if (isObject(s.additionalProperties))
    out.push(...structuralErrors(s.additionalProperties, `${path}.additionalProperties`, false));
  if (s.items !== undefined) out.push(...structuralErrors(s.items, `${path}.items`, false));
  return out;
}

/** The child schema of `key` in an object schema; undefined when the field is unknown (pruned). */
export function propertySchema(s: JsonSchema, key: string): JsonSchema | undefined {
  if (s.properties && key in s.properties) return s.properties[key];
  if (isObject(s.additionalProperties)) return s.additionalProperties as JsonSchema;
  if (s.additionalProperties === true || s['x-kubernetes-preserve-unknown-fields'] === true)
    return {
      'x-kubernetes-preserve-unknown-fields': true,
    };
  return undefined;
}

/** Object metadata a custom resource may carry (everything else under metadata is pruned, as ObjectMeta would). */
const META_FIELDS = new Set([
  'name',
  'generateName',
  'namespace',
  'uid',
  'resourceVersion',
  'generation',
  'creationTimestamp',
  'deletionTimestamp',
  'deletionGracePeriodSeconds',
  'labels',
  'annotations',
  'ownerReferences',
  'finalizers',
  'managedFields',
  'selfLink',
]);

/** Fills in `default`s where a field is absent, as the API server does when it decodes a custom resource. */
export function applyDefaults(value: unknown, s: JsonSchema): void {
  if (Array.isArray(value) && s.items) {
    for (const item of value) applyDefaults(item, s.items);
    return;
  }
  if (!isObject(value)) return;
  for (const [key, child] of Object.entries(s.properties ?? {})) {
    if (value[key] === undefined && child.default !== undefined) value[key] = structuredClone(child.default);
    if (value[key] !== undefined) applyDefaults(value[key], child);
  }
  if (isObject(s.additionalProperties)) {
    for (const key of Object.keys(value))
      if (!s.properties?.[key]) applyDefaults(value[key], s.additionalProperties as JsonSchema);
  }
}

/**
 * Removes fields the schema does not know and returns their paths (`spec.foo`, `spec.list[0].bar`), root-level
 * apiVersion/kind/metadata and embedded resources excepted.
 */
export function prune(value: unknown, s: JsonSchema, path = '', root = true): string[] {
  const out: string[] = [];
  if (s['x-kubernetes-preserve-unknown-fields'] === true && !s.properties && !s.items) return out;
  if (Array.isArray(value)) {
    if (s.items) value.forEach((item, i) => out.push(...prune(item, s.items as JsonSchema, `${path}[${i}]`, false)));
    return out;
  }
  if (!isObject(value)) return out;
  const embedded = root || s['x-kubernetes-embedded-resource'] === true;
  for (const key of Object.keys(value)) {
    const childPath = path ? `${path}.${key}` : key;
    if (embedded && (key === 'apiVersion' || key === 'kind')) continue;
    if (embedded && key === 'metadata') {
      const meta = value.metadata;
      if (isObject(meta)) {
        for (const k of Object.keys(meta)) {
          if (!META_FIELDS.has(k)) {
            out.push(`${childPath}.${k}`);
            Reflect.deleteProperty(meta, k);
          }
        }
      }
      continue;
    }
    const child = propertySchema(s, key);
    if (!child) {
      if (s['x-kubernetes-preserve-unknown-fields'] === true) continue;
      out.push(childPath);
      Reflect.deleteProperty(value, key);
      continue;
    }
    out.push(...prune(value[key], child, childPath, false));
  }
  return out;
}

function typeOf(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  return typeof v;
}

function typeMatches(v: unknown, s: JsonSchema): boolean {
  if (s['x-kubernetes-int-or-string'] === true)
    return typeof v === 'string' || (typeof v === 'number' && Number.isInteger(v));
  if (!s.type) return true;
  const t = typeOf(v);
  return t === s.type || (s.type === 'number' && t === 'integer');
}

/** Validation of a custom resource's value under its schema, in kube-openapi's words. */
export function validateValue(value: unknown, s: JsonSchema, path: string): FieldCause[] {
  const out: FieldCause[] = [];
  const where = path || '<root>';
  if (value === null && s.nullable === true) return out;
  if (!typeMatches(value, s)) {
    const t = typeOf(value);
    const expected = s['x-kubernetes-int-or-string'] === true ? 'integer,string' : (s.type ?? '');
    return [cause.invalid(where, t, `${where} in body must be of type ${expected}: "${t}"`)];
  }
  if (s.enum && !s.enum.some((e) => isDeepStrictEqual(e, value))) {
    out.push({
      reason: 'FieldValueNotSupported',
      message: `Unsupported value: ${JSON.stringify(value)}: supported values: ${s.enum.map((e) => JSON.stringify(e)).join(', ')}`,
      field: where,
    });
  }
  if (typeof value === 'string') {
    if (s.maxLength !== undefined && value.length > s.maxLength) out.push(cause.tooLong(where, s.maxLength));
    if (s.minLength !== undefined && value.length < s.minLength)
      out.push(cause.invalid(where, value, `${where} in body should be at least ${s.minLength} chars long`));
    if (s.pattern !== undefined) {
      let re: RegExp | undefined;
      try {
        re = new RegExp(s.pattern, 'u');
      } catch {
        re = undefined;
      }
      if (re && !re.test(value)) out.push(cause.invalid(where, value, `${where} in body should match '${s.pattern}'`));
    }
  }
  if (typeof value === 'number') {
    if (s.maximum !== undefined && (s.exclusiveMaximum ? value >= s.maximum : value > s.maximum))
      out.push(
        cause.invalid(
          where,
          value,
          `${where} in body should be less than ${s.exclusiveMaximum ? '' : 'or equal to '}${s.maximum}`,
        ),
      );
    if (s.minimum !== undefined && (s.exclusiveMinimum ? value <= s.minimum : value < s.minimum))
      out.push(
        cause.invalid(
          where,
          value,
          `${where} in body should be greater than ${s.exclusiveMinimum ? '' : 'or equal to '}${s.minimum}`,
        ),
      );
  }
  if (Array.isArray(value)) {
    if (s.maxItems !== undefined && value.length > s.maxItems)
      out.push({
        reason: 'FieldValueTooMany',
        message: `Too many: ${value.length}: must have at most ${s.maxItems} items`,
        field: where,
      });
    if (s.minItems !== undefined && value.length < s.minItems)
      out.push(cause.invalid(where, value.length, `${where} in body should have at least ${s.minItems} items`));
    out.push(...listTypeErrors(value, s, where));
    if (s.items) value.forEach((item, i) => out.push(...validateValue(item, s.items as JsonSchema, `${where}[${i}]`)));
  }
  if (isObject(value)) {
    for (const key of s.required ?? [])
      if (value[key] === undefined) out.push(cause.required(path ? `${path}.${key}` : key));
    const count = Object.keys(value).length;
    if (s.maxProperties !== undefined && count > s.maxProperties)
      out.push({
        reason: 'FieldValueTooMany',
        message: `Too many: ${count}: must have at most ${s.maxProperties} items`,
        field: where,
      });
    if (s.minProperties !== undefined && count < s.minProperties)
      out.push(cause.invalid(where, count, `${where} in body should have at least ${s.minProperties} properties`));
    for (const [key, child] of Object.entries(value)) {
      const sub = propertySchema(s, key);
      if (sub) out.push(...validateValue(child, sub, path ? `${path}.${key}` : key));
    }
  }
  return out;
}

function listTypeErrors(list: unknown[], s: JsonSchema, where: string): FieldCause[] {
  const type = s['x-kubernetes-list-type'];
  if (type !== 'set' && type !== 'map') return [];
  const keys = s['x-kubernetes-list-map-keys'] ?? [];
  const seen = new Set<string>();
  const out: FieldCause[] = [];
  list.forEach((item, i) => {
    const id =
      type === 'set' ? JSON.stringify(item) : JSON.stringify(keys.map((k) => (isObject(item) ? item[k] : undefined)));
    if (seen.has(id)) {
      const shown =
        type === 'set' ? item : Object.fromEntries(keys.map((k) => [k, isObject(item) ? item[k] : undefined]));
      out.push({
        reason: 'FieldValueDuplicate',
        message: `Duplicate value: ${JSON.stringify(shown)}`,
        field: `${where}[${i}]`,
      });
    }
    seen.add(id);
  });
  return out;
}
