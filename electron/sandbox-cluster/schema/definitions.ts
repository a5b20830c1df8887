// The type definitions of the served API, keyed by their upstream OpenAPI names (io.k8s.api.apps.v1.DaemonSet ...),
// read once from the `kubernetes-types` dependency and cached.

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, posix } from 'node:path';
import { parseDts, type DtsField, type TypeExpr } from './dts.js';

/** Declaration modules of kubernetes-types we read, and the OpenAPI name prefix of their types. */
const MODULES: Record<string, string> = {
  'core/v1': 'io.k8s.api.core.v1',
  'apps/v1': 'io.k8s.api.apps.v1',
  'authorization/v1': 'io.k8s.api.authorization.v1',
  'scheduling/v1': 'io.k8s.api.scheduling.v1',
  'rbac/v1': 'io.k8s.api.rbac.v1',
  'policy/v1': 'io.k8s.api.policy.v1',
  'networking/v1': 'io.k8s.api.networking.v1',
  'storage/v1': 'io.k8s.api.storage.v1',
  'coordination/v1': 'io.k8s.api.coordination.v1',
  'admissionregistration/v1': 'io.k8s.api.admissionregistration.v1',
  'discovery/v1': 'io.k8s.api.discovery.v1',
  'events/v1': 'io.k8s.api.events.v1',
  'authentication/v1': 'io.k8s.api.authentication.v1',
  'autoscaling/v1': 'io.k8s.api.autoscaling.v1',
  'apiextensions/v1': 'io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1',
  'meta/v1': 'io.k8s.apimachinery.pkg.apis.meta.v1',
  'api/resource': 'io.k8s.apimachinery.pkg.api.resource',
  runtime: 'io.k8s.apimachinery.pkg.runtime',
};

/** Upstream names IntOrString this way; kubernetes-types inlines it as `number | string`. */
export const INT_OR_STRING = 'io.k8s.apimachinery.pkg.util.intstr.IntOrString';

/** A field type with named types resolved to their OpenAPI names. */
export type FieldType =
  | { kind: 'string' | 'integer' | 'boolean' | 'unknown' }
  | { kind: 'literal'; value: string }
  | { kind: 'ref'; name: string }
  | { kind: 'array'; items: FieldType }
  | { kind: 'map'; values: FieldType };

export interface FieldDefinition {
  name: string;
  type: FieldType;
  description?: string;
  required: boolean;
  readOnly: boolean;
}

export interface Definition {
  name: string;
  description?: string;
  /** Object types. */
  fields?: FieldDefinition[];
  /** Scalar types (Quantity, Time, IntOrString...). */
  scalar?: 'string' | 'date-time' | 'quantity' | 'int-or-string';
  /** Types that carry apiVersion and kind literals: the kind they describe. */
  gvk?: { group: string; version: string; kind: string };
}

let cache: Map<string, Definition> | undefined;

function packageRoot(): string {
  const require = createRequire(import.meta.url);
  return dirname(require.resolve('kubernetes-types/package.json'));
}

function resolveType(expr: TypeExpr, local: Map<string, string>): FieldType {
  switch (expr.kind) {
    case 'string':
    case 'boolean':
    case 'unknown':
      return { kind: expr.kind };
    case 'number':
      return { kind: 'integer' };
    case 'int-or-string':
      return { kind: 'ref', name: INT_OR_STRING };
    case 'literal':
      return { kind: 'literal', value: expr.value };
    case 'array':
      return { kind: 'array', items: resolveType(expr.items, local) };
    case 'map':
      return { kind: 'map', values: resolveType(expr.values, local) };
    case 'named':
      return { kind: 'ref', name: local.get(expr.name) ?? expr.name };
  }
}

function scalarOf(name: string): Definition['scalar'] {
  if (name.endsWith('.Time') || name.endsWith('.MicroTime')) return 'date-time';
  if (name.endsWith('.Quantity')) return 'quantity';
  return 'string';
}

function gvkOf(fields: DtsField[]): Definition['gvk'] {
  const apiVersion = fields.find((f) => f.name === 'apiVersion')?.type;
  const kind = fields.find((f) => f.name === 'kind')?.type;
  if (apiVersion?.kind !== 'literal' || kind?.kind !== 'literal') return undefined;
  const [group, version] = apiVersion.value.includes('/') ? apiVersion.value.split('/') : ['', apiVersion.value];
  return { group: group ?? '', version: version ?? '', kind: kind.value };
}

function load(): Map<string, Definition> {
  const root = packageRoot();
  const defs = new Map<string, Definition>();
  for (const [module, prefix] of Object.entries(MODULES)) {
    const file = parseDts(readFileSync(join(root, `${module}.d.ts`), 'utf8'));
    // Local names: this module's own declarations, then imported ones (resolved through the importing module path).
    const local = new Map<string, string>();
    for (const d of file.declarations) local.set(d.name, `${prefix}.${d.name}`);
    for (const [name, from] of file.imports) {
      const target = posix.join(posix.dirname(module), from).replace(/^\.\//, '');
      const targetPrefix = MODULES[target];
      if (targetPrefix) local.set(name, `${targetPrefix}.${name}`);
    }
    for (const d of file.declarations) {
      const name = `${prefix}.${d.name}`;
      if (d.alias) {
        defs.set(name, { name, description: d.description, scalar: scalarOf(name) });
        continue;
      }
      const fields = (d.fields ?? []).map((f): FieldDefinition => ({
        name: f.name,
        type: resolveType(f.type, local),
        description: f.description,
        required: !f.optional,
        readOnly: f.readonly,
      }));
      defs.set(name, { name, description: d.description, fields, gvk: gvkOf(d.fields ?? []) });
    }
  }
  defs.set(INT_OR_STRING, {
    name: INT_OR_STRING,
    description:
      'IntOrString is a type that can hold an int32 or a string.  When used in JSON or YAML marshalling and unmarshalling, it produces or consumes the inner type.  This allows you to have, for example, a JSON field that can accept a name or number.',
    scalar: 'int-or-string',
  });
  return defs;
}

export function definitions(): Map<string, Definition> {
  cache ??= load();
  return cache;
}

export function definition(name: string): Definition | undefined {
  return definitions().get(name);
}

const byKind = new Map<string, Definition | undefined>();

/** The definition of the object kind served under apiVersion/kind, e.g. ("apps/v1", "DaemonSet"). */
export function definitionForKind(apiVersion: string, kind: string): Definition | undefined {
  const key = `${apiVersion}/${kind}`;
  if (byKind.has(key)) return byKind.get(key);
  const [group, version] = apiVersion.includes('/') ? apiVersion.split('/') : ['', apiVersion];
  let found: Definition | undefined;
  for (const d of definitions().values()) {
    if (d.gvk && d.gvk.group === group && d.gvk.version === version && d.gvk.kind === kind) found = d;
  }
  byKind.set(key, found);
  return found;
}
