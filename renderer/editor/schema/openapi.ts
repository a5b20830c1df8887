import type { SchemaDef, SchemaProp, SchemaSet, SchemaType } from './types';
import { isRecord, record } from '../../../common/guards';
import { enumOf } from './enums';

type Json = Record<string, unknown>;
const REF_PREFIX = '#/components/schemas/';

function refOf(schema: Json): string | undefined {
  if (typeof schema.$ref === 'string') return schema.$ref.replace(REF_PREFIX, '');
  const first: unknown = Array.isArray(schema.allOf) ? schema.allOf[0] : undefined;
  return isRecord(first) && typeof first.$ref === 'string' ? first.$ref.replace(REF_PREFIX, '') : undefined;
}

const isObjectSchema = (schema: Json): boolean =>
  isRecord(schema.properties) || (schema.type === 'object' && !schema.additionalProperties);

/**
 * Converts the OpenAPI v3 documents a cluster serves (one per group-version) into the editor's schema model, so the
 * cluster's own API (its version, its descriptions, its enums) takes over from the bundled schemas.
 */
export function schemasFromOpenApi(documents: readonly Json[], source = 'cluster'): SchemaSet {
  const all: Record<string, Json> = {};
  for (const doc of documents) {
    const components = record(doc.components);
    const schemas = record(components.schemas);
    for (const [name, schema] of Object.entries(schemas)) if (isRecord(schema)) all[name] = schema;
  }
  const defs: Record<string, SchemaDef> = {};
  const typeOf = (schema: Json, depth = 0): SchemaType => {
    if (depth > 20) return 'any';
    const ref = refOf(schema);
    if (ref) {
      const target = all[ref];
      if (!target) return 'any';
      if (isObjectSchema(target)) return define(ref) ? { ref } : 'any';
      return typeOf(target, depth + 1);
    }
    if (schema['x-kubernetes-int-or-string'] === true) return 'int-or-string';
    const options = Array.isArray(schema.oneOf) ? schema.oneOf : Array.isArray(schema.anyOf) ? schema.anyOf : undefined;
    if (options) {
      const types = new Set(options.filter(isRecord).map((o) => o.type));
      return types.has('string') && (types.has('integer') || types.has('number')) ? 'int-or-string' : 'any';
    }
    switch (schema.type) {
      case 'string':
      case 'integer':
      case 'number':
      case 'boolean':
        return schema.type;
      case 'array':
        return { arr: isRecord(schema.items) ? typeOf(schema.items, depth + 1) : 'any' };
      case 'object':
        return isRecord(schema.additionalProperties) ? { map: typeOf(schema.additionalProperties, depth + 1) } : 'any';
      default:
        return 'any';
    }
  };
  const define = (name: string): boolean => {
    if (defs[name]) return true;
    const schema = all[name];
    if (!schema) return false;
    const def: SchemaDef = { p: {} };
    if (typeof schema.description === 'string') def.d = schema.description;
    defs[name] = def;
    const properties = record(schema.properties);
    for (const [field, value] of Object.entries(properties)) {
      if (!isRecord(value)) continue;
      const prop: SchemaProp = { t: typeOf(value) };
      if (typeof value.description === 'string') prop.d = value.description;
      if (Array.isArray(value.enum)) prop.e = value.enum.filter((v): v is string => typeof v === 'string');
      else if (prop.t === 'string') {
        // A cluster that serves no `enum` (older ones, the sandbox): the same values the bundled schemas know.
        const values = enumOf(name, field, prop.d);
        if (values) prop.e = values;
      }
      if (field === 'status' && schema['x-kubernetes-group-version-kind']) prop.ro = true;
      def.p[field] = prop;
    }
    if (Array.isArray(schema.required)) def.r = schema.required.filter((r): r is string => typeof r === 'string');
    return true;
  };
  const kinds: Record<string, string> = {};
  for (const [name, schema] of Object.entries(all)) {
    const gvks = Array.isArray(schema['x-kubernetes-group-version-kind'])
      ? schema['x-kubernetes-group-version-kind']
      : [];
    for (const gvk of gvks.filter(isRecord)) {
      if (typeof gvk.kind !== 'string' || typeof gvk.version !== 'string' || gvk.kind.endsWith('List')) continue;
      const group = typeof gvk.group === 'string' ? gvk.group : '';
      if (define(name)) kinds[`${group ? `${group}/` : ''}${gvk.version}/${gvk.kind}`] = name;
    }
  }
  return { source, defs, kinds };
}
