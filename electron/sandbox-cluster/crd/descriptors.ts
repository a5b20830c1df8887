// What a CustomResourceDefinition serves, as kind descriptors: one per served version, all over the storage
// version's store key, with the schema's defaulting, pruning and validation as the custom resources' strategy, the
// status and scale subresources, short names and categories for discovery, and additionalPrinterColumns for Tables.
import { invalid } from '../errors.js';
import type { KindDescriptor, KindStrategy } from '../kinds/descriptor.js';
import { AGE, NAME, type Column } from '../server/table-column.js';
import { age } from '../server/table-format.js';
import type { KubeObject } from '../types.js';
import { evaluateJsonPath } from './jsonpath.js';
import { applyDefaults, validateValue, type JsonSchema } from './structural.js';

type Json = Record<string, unknown>;
const arr = (v: unknown): Json[] => (Array.isArray(v) ? (v as Json[]) : []);

/** Upstream names a custom resource's OpenAPI definition by its reversed group: com.example.stable.v1.CronTab. */
export function definitionName(group: string, version: string, kind: string): string {
  return `${group.split('.').reverse().join('.')}.${version}.${kind}`;
}

function printerColumns(version: Json): Column[] {
  const defs = arr(version.additionalPrinterColumns);
  if (defs.length === 0) return [NAME, AGE];
  return [
    NAME,
    ...defs.map((c): Column => {
      const type = String(c.type ?? 'string');
      const path = String(c.jsonPath ?? '');
      return {
        name: String(c.name ?? ''),
        type: type === 'date' ? 'date' : (type as Column['type']),
        format: typeof c.format === 'string' ? c.format : undefined,
        priority: typeof c.priority === 'number' ? c.priority : 0,
        description: typeof c.description === 'string' ? c.description : String(c.name ?? ''),
        cell: (o, now) => {
          const value = evaluateJsonPath(o, path);
          if (value === undefined) return null;
          return type === 'date' ? age(value, now) : value;
        },
      };
    }),
  ];
}

function customStrategy(kind: string, group: string, schema: JsonSchema, hasStatus: boolean): KindStrategy {
  const check = (o: KubeObject): ReturnType<typeof validateValue> => {
    const body: Json = { ...o, apiVersion: undefined, kind: undefined, metadata: undefined };
    if (hasStatus) delete body.status;
    return validateValue(JSON.parse(JSON.stringify(body)) as Json, schema, '');
  };
  return {
    defaults: (o) => applyDefaults(o, schema),
    validate: check,
    validateStatus(o) {
      const status = schema.properties?.status;
      if (!status || o.status === undefined) return;
      const causes = validateValue(o.status, status, 'status');
      if (causes.length > 0) throw invalid(kind, group, o.metadata.name, causes);
    },
  };
}

/** The descriptors of a CRD's served versions; the storage version's owns the store key. */
export function customDescriptors(crd: KubeObject): KindDescriptor[] {
  const spec = (crd.spec ?? {}) as Json;
  const names = (spec.names ?? {}) as Json;
  const group = String(spec.group ?? '');
  const plural = String(names.plural ?? '');
  const kind = String(names.kind ?? '');
  return arr(spec.versions)
    .filter((v) => v.served === true)
    .map((v): KindDescriptor => {
      const version = String(v.name ?? '');
      const schema = ((v.schema as Json | undefined)?.openAPIV3Schema ?? {}) as JsonSchema;
      const sub = (v.subresources ?? {}) as Json;
      const subresources = [...(sub.status ? ['status'] : []), ...(sub.scale ? ['scale'] : [])];
      return {
        resource: `${plural}.${group}`,
        group,
        version,
        kind,
        plural,
        singular: String(names.singular ?? kind.toLowerCase()),
        namespaced: spec.scope === 'Namespaced',
        listKind: String(names.listKind ?? `${kind}List`),
        shortNames: Array.isArray(names.shortNames) ? (names.shortNames as string[]) : undefined,
        categories: Array.isArray(names.categories) ? (names.categories as string[]) : undefined,
        subresources,
        definition: definitionName(group, version, kind),
        customSchema: schema,
        generation: true,
        strategy: customStrategy(kind, group, schema, sub.status !== undefined),
        columns: printerColumns(v),
        crd: crd.metadata.name,
        servedOnly: v.storage !== true,
      };
    });
}
