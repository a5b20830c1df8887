// Definitions -> OpenAPI 3.0 `components.schemas`, in the shape the real API server publishes at /openapi/v3:
// `allOf: [{$ref}]` for referenced types, `x-kubernetes-*` extensions on lists and maps, and
// `x-kubernetes-group-version-kind` on kinds (kubectl finds a kind's schema by it).

import { definition, type Definition, type FieldType } from './definitions.js';
import { fieldMergeMeta, isAtomicStruct, type FieldMergeMeta } from './patch-meta.js';

export type JsonSchema = Record<string, unknown>;

const REF_PREFIX = '#/components/schemas/';

function typeSchema(type: FieldType): JsonSchema {
  switch (type.kind) {
    case 'string':
    case 'literal':
      return { type: 'string' };
    case 'integer':
      return { type: 'integer' };
    case 'boolean':
      return { type: 'boolean' };
    case 'unknown':
      return { type: 'object' };
    case 'ref':
      return { allOf: [{ $ref: REF_PREFIX + type.name }] };
    case 'array': {
      const items = typeSchema(type.items);
      if (type.items.kind === 'ref') items.default = definition(type.items.name)?.scalar ? '' : {};
      return { type: 'array', items };
    }
    case 'map':
      return { type: 'object', additionalProperties: typeSchema(type.values) };
  }
}

function withExtensions(schema: JsonSchema, meta: FieldMergeMeta | undefined): JsonSchema {
  if (!meta) return schema;
  if (meta.listMapKeys) schema['x-kubernetes-list-map-keys'] = meta.listMapKeys;
  if (meta.listType) schema['x-kubernetes-list-type'] = meta.listType;
  if (meta.mapType) schema['x-kubernetes-map-type'] = meta.mapType;
  if (meta.patchMergeKey) schema['x-kubernetes-patch-merge-key'] = meta.patchMergeKey;
  if (meta.patchStrategy) schema['x-kubernetes-patch-strategy'] = meta.patchStrategy.join(',');
  return schema;
}

function scalarSchema(def: Definition): JsonSchema {
  const base: JsonSchema = def.description ? { description: def.description } : {};
  switch (def.scalar) {
    case 'date-time':
      return { ...base, type: 'string', format: 'date-time' };
    case 'quantity':
      return { ...base, oneOf: [{ type: 'string' }, { type: 'number' }] };
    case 'int-or-string':
      return { ...base, format: 'int-or-string', oneOf: [{ type: 'integer' }, { type: 'string' }] };
    default:
      return { ...base, type: 'string' };
  }
}

export function definitionSchema(def: Definition): JsonSchema {
  if (def.scalar) return scalarSchema(def);
  const schema: JsonSchema = {};
  if (def.description) schema.description = def.description;
  schema.type = 'object';
  const properties: Record<string, JsonSchema> = {};
  const required: string[] = [];
  for (const field of def.fields ?? []) {
    const fieldSchema = withExtensions(typeSchema(field.type), fieldMergeMeta(def.name, field.name));
    if (field.description) fieldSchema.description = field.description;
    if (field.required && field.type.kind === 'ref' && !definition(field.type.name)?.scalar) fieldSchema.default = {};
    properties[field.name] = fieldSchema;
    if (field.required) required.push(field.name);
  }
  if (Object.keys(properties).length > 0) schema.properties = properties;
  if (required.length > 0) schema.required = required;
  if (def.gvk) schema['x-kubernetes-group-version-kind'] = [def.gvk];
  if (isAtomicStruct(def.name)) schema['x-kubernetes-map-type'] = 'atomic';
  return schema;
}

function refsOf(type: FieldType, out: string[]): void {
  if (type.kind === 'ref') out.push(type.name);
  else if (type.kind === 'array') refsOf(type.items, out);
  else if (type.kind === 'map') refsOf(type.values, out);
}

/** Schemas for `roots` and every type they reference, keyed by OpenAPI name, sorted by name as upstream does. */
export function schemasFor(roots: string[]): Record<string, JsonSchema> {
  const seen = new Set<string>();
  const queue = [...roots];
  while (queue.length > 0) {
    const name = queue.pop();
    if (name === undefined || seen.has(name)) continue;
    const def = definition(name);
    if (!def) continue;
    seen.add(name);
    const refs: string[] = [];
    for (const f of def.fields ?? []) refsOf(f.type, refs);
    queue.push(...refs);
  }
  const out: Record<string, JsonSchema> = {};
  for (const name of [...seen].sort()) {
    const def = definition(name);
    if (def) out[name] = definitionSchema(def);
  }
  return out;
}
