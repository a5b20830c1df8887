// The /openapi/v3 index and per-group-version documents, built once from the definitions and cached.

import { createHash } from 'node:crypto';
import { pathsFor, type GroupVersion, type ServedResource } from './openapi-paths.js';
import { schemasFor, type JsonSchema } from './openapi-schemas.js';

const CORE = 'io.k8s.api.core.v1.';
const APPS = 'io.k8s.api.apps.v1.';
const AUTHZ = 'io.k8s.api.authorization.v1.';
const SCHEDULING = 'io.k8s.api.scheduling.v1.';
const META = 'io.k8s.apimachinery.pkg.apis.meta.v1.';

function resource(prefix: string, plural: string, kind: string, opts: Partial<ServedResource> = {}): ServedResource {
  return { plural, kind, schema: prefix + kind, listSchema: `${prefix}${kind}List`, namespaced: true, ...opts };
}

const GROUP_VERSIONS: Record<string, GroupVersion> = {
  'api/v1': {
    group: '',
    version: 'v1',
    prefix: '/api/v1',
    idName: 'CoreV1',
    resources: [
      resource(CORE, 'namespaces', 'Namespace', { namespaced: false, status: true }),
      resource(CORE, 'nodes', 'Node', { namespaced: false, status: true }),
      resource(CORE, 'pods', 'Pod', { status: true }),
      resource(CORE, 'events', 'Event'),
      resource(CORE, 'configmaps', 'ConfigMap'),
      resource(CORE, 'secrets', 'Secret'),
      resource(CORE, 'persistentvolumeclaims', 'PersistentVolumeClaim', { status: true }),
      resource(CORE, 'resourcequotas', 'ResourceQuota', { status: true }),
      resource(CORE, 'serviceaccounts', 'ServiceAccount'),
      resource(CORE, 'limitranges', 'LimitRange'),
    ],
  },
  'apis/apps/v1': {
    group: 'apps',
    version: 'v1',
    prefix: '/apis/apps/v1',
    idName: 'AppsV1',
    resources: [
      resource(APPS, 'daemonsets', 'DaemonSet', { status: true }),
      resource(APPS, 'controllerrevisions', 'ControllerRevision'),
    ],
  },
  'apis/scheduling.k8s.io/v1': {
    group: 'scheduling.k8s.io',
    version: 'v1',
    prefix: '/apis/scheduling.k8s.io/v1',
    idName: 'SchedulingV1',
    resources: [resource(SCHEDULING, 'priorityclasses', 'PriorityClass', { namespaced: false })],
  },
  'apis/authorization.k8s.io/v1': {
    group: 'authorization.k8s.io',
    version: 'v1',
    prefix: '/apis/authorization.k8s.io/v1',
    idName: 'AuthorizationV1',
    resources: [
      resource(AUTHZ, 'selfsubjectaccessreviews', 'SelfSubjectAccessReview', {
        namespaced: false,
        createOnly: true,
        listSchema: undefined,
      }),
      resource(AUTHZ, 'selfsubjectrulesreviews', 'SelfSubjectRulesReview', {
        namespaced: false,
        createOnly: true,
        listSchema: undefined,
      }),
    ],
  },
};

interface Built {
  document: JsonSchema;
  hash: string;
}

const built = new Map<string, Built>();

function build(path: string): Built | undefined {
  const cached = built.get(path);
  if (cached) return cached;
  const gv = GROUP_VERSIONS[path];
  if (!gv) return undefined;
  const roots = [META + 'Status', META + 'DeleteOptions', META + 'Patch'];
  for (const r of gv.resources) {
    roots.push(r.schema);
    if (r.listSchema) roots.push(r.listSchema);
  }
  const document: JsonSchema = {
    openapi: '3.0.0',
    info: { title: 'Kubernetes', version: 'v1.32.0' },
    paths: pathsFor(gv),
    components: {
      schemas: schemasFor(roots),
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
  const entry = { document, hash };
  built.set(path, entry);
  return entry;
}

/** The /openapi/v3 discovery index: one entry per served group-version, with a content hash in the URL. */
export function openApiV3Index(): { paths: Record<string, { serverRelativeURL: string }> } {
  const paths: Record<string, { serverRelativeURL: string }> = {};
  for (const path of Object.keys(GROUP_VERSIONS)) {
    const entry = build(path);
    if (entry) paths[path] = { serverRelativeURL: `/openapi/v3/${path}?hash=${entry.hash}` };
  }
  return { paths };
}

/** The OpenAPI 3.0 document of a group-version path such as `apis/apps/v1` (a leading slash is accepted). */
export function openApiV3Document(path: string): object | undefined {
  return build(path.replace(/^\/+/, '').replace(/^openapi\/v3\//, ''))?.document;
}
