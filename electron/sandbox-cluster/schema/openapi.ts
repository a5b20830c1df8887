// The /openapi/v3 index and per-group-version documents, built from the kind catalog: built-in kinds take their
// schemas from the definitions, custom resources from their CRD's structural schema. Cached per catalog revision.

import { createHash } from 'node:crypto';
import type { KindCatalog } from '../kinds/catalog.js';
import type { KindDescriptor } from '../kinds/descriptor.js';
import { pathsFor, type GroupVersion, type ServedResource } from './openapi-paths.js';
import { schemasFor, type JsonSchema } from './openapi-schemas.js';

const META = 'io.k8s.apimachinery.pkg.apis.meta.v1.';

interface Built {
  document: JsonSchema;
  hash: string;
}

const caches = new WeakMap<KindCatalog, { revision: number; built: Map<string, Built> }>();

/** Operation id infix as upstream writes it: CoreV1, AppsV1, RbacAuthorizationV1, StableExampleComV1. */
function idName(group: string, version: string): string {
  const words = group === '' ? ['core'] : group.replace(/\.k8s\.io$/, '').split('.');
  const cap = (w: string): string => w.charAt(0).toUpperCase() + w.slice(1);
  return words.map(cap).join('') + cap(version);
}

function pathOf(group: string, version: string): string {
  return group ? `apis/${group}/${version}` : `api/${version}`;
}

function served(d: KindDescriptor): ServedResource | undefined {
  if (!d.definition) return undefined;
  return {
    plural: d.plural,
    kind: d.kind,
    schema: d.definition,
    listSchema: d.virtual ? undefined : `${d.definition}List`,
    namespaced: d.namespaced,
    status: d.subresources?.includes('status') ?? false,
    createOnly: d.virtual,
    noStrategicMerge: d.crd !== undefined,
  };
}

/** A custom resource's component schemas: the kind (apiVersion/kind/metadata added) and its list. */
function customSchemas(d: KindDescriptor): Record<string, JsonSchema> {
  const name = d.definition ?? '';
  const schema = structuredClone(d.customSchema ?? {}) as JsonSchema;
  const properties = { ...((schema.properties as Record<string, JsonSchema> | undefined) ?? {}) };
  properties.apiVersion = {
    description:
      'APIVersion defines the versioned schema of this representation of an object. Servers should convert recognized schemas to the latest internal value, and may reject unrecognized values.',
    type: 'string',
  };
  properties.kind = {
    description: 'Kind is a string value representing the REST resource this object represents.',
    type: 'string',
  };
  properties.metadata = { allOf: [{ $ref: `#/components/schemas/${META}ObjectMeta` }] };
  const gvk = [{ group: d.group, version: d.version, kind: d.kind }];
  return {
    [name]: { ...schema, type: 'object', properties, 'x-kubernetes-group-version-kind': gvk },
    [`${name}List`]: {
      description: `${d.kind}List is a list of ${d.kind}`,
      type: 'object',
      required: ['items'],
      properties: {
        apiVersion: properties.apiVersion,
        items: { type: 'array', items: { $ref: `#/components/schemas/${name}` } },
        kind: properties.kind,
        metadata: { allOf: [{ $ref: `#/components/schemas/${META}ListMeta` }] },
      },
      'x-kubernetes-group-version-kind': [{ group: d.group, version: d.version, kind: `${d.kind}List` }],
    },
  };
}

function build(kinds: KindCatalog, group: string, version: string): Built | undefined {
  const descriptors = kinds.inGroupVersion(group, version);
  const resources = descriptors.map(served).filter((r): r is ServedResource => r !== undefined);
  if (resources.length === 0) return undefined;
  const gv: GroupVersion = {
    group,
    version,
    prefix: `/${pathOf(group, version)}`,
    idName: idName(group, version),
    resources,
  };
  const roots = [META + 'Status', META + 'DeleteOptions', META + 'Patch', META + 'ObjectMeta', META + 'ListMeta'];
  let custom: Record<string, JsonSchema> = {};
  for (const d of descriptors) {
    if (d.customSchema) custom = { ...custom, ...customSchemas(d) };
    else if (d.definition) roots.push(d.definition, `${d.definition}List`);
  }
  const schemas = { ...schemasFor(roots), ...custom };
  const document: JsonSchema = {
    openapi: '3.0.0',
    info: { title: 'Kubernetes', version: 'v1.32.0' },
    paths: pathsFor(gv),
    components: {
      schemas: Object.fromEntries(
        Object.keys(schemas)
          .sort()
          .map((k) => [k, schemas[k]]),
      ),
      securitySchemes: {
        BearerToken: {
          type: 'apiKey',
          description: 'Bearer Token authentication',
          name: 'authorization',
          in: 'header',
        },
      },
    },
    security: [{ BearerToken: [] }],
  };
  const hash = createHash('sha512').update(JSON.stringify(document)).digest('hex').toUpperCase().slice(0, 128);
  return { document, hash };
}

function cached(kinds: KindCatalog, group: string, version: string): Built | undefined {
  let cache = caches.get(kinds);
  if (!cache || cache.revision !== kinds.revision) {
    cache = { revision: kinds.revision, built: new Map() };
    caches.set(kinds, cache);
  }
  const key = pathOf(group, version);
  if (!cache.built.has(key)) {
    const entry = build(kinds, group, version);
    if (entry) cache.built.set(key, entry);
  }
  return cache.built.get(key);
}

function groupVersions(kinds: KindCatalog): { group: string; version: string }[] {
  const seen = new Map<string, { group: string; version: string }>();
  for (const d of kinds.all()) seen.set(pathOf(d.group, d.version), { group: d.group, version: d.version });
  return [...seen.values()];
}

/** The /openapi/v3 discovery index: one entry per served group-version, with a content hash in the URL. */
export function openApiV3Index(kinds: KindCatalog): { paths: Record<string, { serverRelativeURL: string }> } {
  const paths: Record<string, { serverRelativeURL: string }> = {};
  for (const { group, version } of groupVersions(kinds)) {
    const entry = cached(kinds, group, version);
    const path = pathOf(group, version);
    if (entry) paths[path] = { serverRelativeURL: `/openapi/v3/${path}?hash=${entry.hash}` };
  }
  return { paths };
}

/** The OpenAPI 3.0 document of a group-version path such as `apis/apps/v1` (a leading slash is accepted). */
export function openApiV3Document(kinds: KindCatalog, path: string): object | undefined {
  const clean = path.replace(/^\/+/, '').replace(/^openapi\/v3\//, '');
  const parts = clean.split('/');
  if (parts[0] === 'api' && parts.length === 2) return cached(kinds, '', parts[1] ?? '')?.document;
  if (parts[0] === 'apis' && parts.length === 3) return cached(kinds, parts[1] ?? '', parts[2] ?? '')?.document;
  return undefined;
}
