// The `paths` of a group-version's OpenAPI document: the operations the sandbox serves for each resource with their
// parameters, request bodies and responses, tagged with x-kubernetes-action and x-kubernetes-group-version-kind.
// kubectl reads the PATCH operations: a `fieldValidation` query parameter means "the server validates fields", and a
// strategic-merge-patch request body means "compute apply patches with this document's merge keys".

import type { JsonSchema } from './openapi-schemas.js';

export interface ServedResource {
  plural: string;
  kind: string;
  /** OpenAPI name of the kind's schema. */
  schema: string;
  /** OpenAPI name of the list kind's schema (absent for create-only resources). */
  listSchema?: string;
  namespaced: boolean;
  status?: boolean;
  /** Reviews: POST only. */
  createOnly?: boolean;
  /** Custom resources take no strategic merge patch: kubectl then computes JSON merge patches. */
  noStrategicMerge?: boolean;
}

export interface GroupVersion {
  group: string;
  version: string;
  /** Path prefix: /api/v1 or /apis/<group>/<version>. */
  prefix: string;
  /** Operation id infix: CoreV1, AppsV1, AuthorizationV1. */
  idName: string;
  resources: ServedResource[];
}

const META = 'io.k8s.apimachinery.pkg.apis.meta.v1.';
const ref = (name: string): JsonSchema => ({ $ref: `#/components/schemas/${name}` });

function query(name: string, description: string, type: 'string' | 'integer' | 'boolean' = 'string'): JsonSchema {
  return { name, in: 'query', description, schema: { type, uniqueItems: true } };
}

const P = {
  pretty: query('pretty', "If 'true', then the output is pretty printed."),
  dryRun: query(
    'dryRun',
    'When present, indicates that modifications should not be persisted. An invalid or unrecognized dryRun directive will result in an error response and no further processing of the request. Valid values are: - All: all dry run stages will be processed',
  ),
  fieldManager: query(
    'fieldManager',
    'fieldManager is a name associated with the actor or entity that is making these changes. The value must be less than or 128 characters long, and only contain printable characters, as defined by https://golang.org/pkg/unicode/#IsPrint.',
  ),
  fieldValidation: query(
    'fieldValidation',
    'fieldValidation instructs the server on how to handle objects in the request (POST/PUT/PATCH) containing unknown or duplicate fields. Valid values are: - Ignore: This will ignore any unknown fields that are silently dropped from the object, and will ignore all but the last duplicate field that the decoder encounters. - Warn: This will send a warning via the standard warning response header for each unknown field that is dropped from the object, and for each duplicate field that is encountered. - Strict: This will fail the request with a BadRequest error if any unknown fields would be dropped from the object, or if any duplicate fields are present. The error returned from the server will contain all unknown and duplicate fields encountered.',
  ),
  force: query(
    'force',
    'Force is going to "force" Apply requests. It means user will re-acquire conflicting fields owned by other people. Force flag must be unset for non-apply patch requests.',
    'boolean',
  ),
  gracePeriodSeconds: query(
    'gracePeriodSeconds',
    'The duration in seconds before the object should be deleted. Value must be non-negative integer. The value zero indicates delete immediately.',
    'integer',
  ),
  propagationPolicy: query(
    'propagationPolicy',
    "Whether and how garbage collection will be performed. Acceptable values are: 'Orphan' - orphan the dependents; 'Background' - allow the garbage collector to delete the dependents in the background; 'Foreground' - a cascading policy that deletes all dependents in the foreground.",
  ),
  allowWatchBookmarks: query(
    'allowWatchBookmarks',
    'allowWatchBookmarks requests watch events with type "BOOKMARK". Servers that do not implement bookmarks may ignore this flag.',
    'boolean',
  ),
  continue: query('continue', 'The continue option should be set when retrieving more results from the server.'),
  fieldSelector: query('fieldSelector', 'A selector to restrict the list of returned objects by their fields.'),
  labelSelector: query('labelSelector', 'A selector to restrict the list of returned objects by their labels.'),
  limit: query('limit', 'limit is a maximum number of responses to return for a list call.', 'integer'),
  resourceVersion: query(
    'resourceVersion',
    'resourceVersion sets a constraint on what resource versions a request may be served from.',
  ),
  timeoutSeconds: query('timeoutSeconds', 'Timeout for the list/watch call.', 'integer'),
  watch: query(
    'watch',
    'Watch for changes to the described resources and return them as a stream of add, update, and remove notifications.',
    'boolean',
  ),
};

const LIST_PARAMS = [
  P.allowWatchBookmarks,
  P.continue,
  P.fieldSelector,
  P.labelSelector,
  P.limit,
  P.resourceVersion,
  P.timeoutSeconds,
  P.watch,
];
const WRITE_PARAMS = [P.dryRun, P.fieldManager, P.fieldValidation];
const PATCH_TYPES = [
  'application/apply-patch+yaml',
  'application/json-patch+json',
  'application/merge-patch+json',
  'application/strategic-merge-patch+json',
];
const RESPONSE_TYPES = ['application/json', 'application/yaml', 'application/vnd.kubernetes.protobuf'];

function content(types: string[], schema: JsonSchema): JsonSchema {
  return Object.fromEntries(types.map((t) => [t, { schema }]));
}

function responses(codes: Record<string, string>): JsonSchema {
  const out: JsonSchema = {};
  for (const [code, schemaName] of Object.entries(codes)) {
    out[code] = {
      description: code === '201' ? 'Created' : code === '202' ? 'Accepted' : 'OK',
      content: content(RESPONSE_TYPES, ref(schemaName)),
    };
  }
  out['401'] = { description: 'Unauthorized' };
  return out;
}

type Action = 'get' | 'list' | 'post' | 'put' | 'patch' | 'delete' | 'deletecollection';

function operation(
  gv: GroupVersion,
  r: ServedResource,
  action: Action,
  opId: string,
  description: string,
  extra: JsonSchema,
): JsonSchema {
  return {
    tags: [`${gv.group ? gv.group.split('.')[0] : 'core'}_${gv.version}`],
    description,
    operationId: opId,
    ...extra,
    'x-kubernetes-action': action,
    'x-kubernetes-group-version-kind': { group: gv.group, version: gv.version, kind: r.kind },
  };
}

function itemOperations(gv: GroupVersion, r: ServedResource, suffix: string, what: string): JsonSchema {
  const ns = r.namespaced ? 'Namespaced' : '';
  const id = (verb: string): string => `${verb}${gv.idName}${ns}${r.kind}${suffix}`;
  const ops: JsonSchema = {
    get: operation(gv, r, 'get', id('read'), `read ${what} of the specified ${r.kind}`, {
      responses: responses({ '200': r.schema }),
    }),
    put: operation(gv, r, 'put', id('replace'), `replace ${what} of the specified ${r.kind}`, {
      parameters: WRITE_PARAMS,
      requestBody: { content: content(['*/*'], ref(r.schema)), required: true },
      responses: responses({ '200': r.schema, '201': r.schema }),
    }),
    patch: operation(gv, r, 'patch', id('patch'), `partially update ${what} of the specified ${r.kind}`, {
      parameters: [...WRITE_PARAMS, P.force],
      requestBody: {
        content: content(
          r.noStrategicMerge ? PATCH_TYPES.filter((t) => !t.startsWith('application/strategic')) : PATCH_TYPES,
          ref(META + 'Patch'),
        ),
        required: true,
      },
      responses: responses({ '200': r.schema, '201': r.schema }),
    }),
  };
  if (!suffix) {
    ops.delete = operation(gv, r, 'delete', id('delete'), `delete a ${r.kind}`, {
      parameters: [P.dryRun, P.gracePeriodSeconds, P.propagationPolicy],
      requestBody: { content: content(['*/*'], ref(META + 'DeleteOptions')) },
      responses: responses({ '200': r.schema, '202': r.schema }),
    });
  }
  return ops;
}

function pathParams(r: ServedResource, named: boolean): JsonSchema[] {
  const params: JsonSchema[] = [];
  if (named)
    params.push({
      name: 'name',
      in: 'path',
      description: `name of the ${r.kind}`,
      required: true,
      schema: { type: 'string', uniqueItems: true },
    });
  if (r.namespaced)
    params.push({
      name: 'namespace',
      in: 'path',
      description: 'object name and auth scope, such as for teams and projects',
      required: true,
      schema: { type: 'string', uniqueItems: true },
    });
  params.push(P.pretty);
  return params;
}

export function pathsFor(gv: GroupVersion): Record<string, JsonSchema> {
  const paths: Record<string, JsonSchema> = {};
  for (const r of gv.resources) {
    const collection = r.namespaced ? `${gv.prefix}/namespaces/{namespace}/${r.plural}` : `${gv.prefix}/${r.plural}`;
    const ns = r.namespaced ? 'Namespaced' : '';
    if (r.createOnly) {
      paths[collection] = {
        parameters: pathParams(r, false),
        post: operation(gv, r, 'post', `create${gv.idName}${ns}${r.kind}`, `create a ${r.kind}`, {
          parameters: WRITE_PARAMS,
          requestBody: { content: content(['*/*'], ref(r.schema)), required: true },
          responses: responses({ '200': r.schema, '201': r.schema, '202': r.schema }),
        }),
      };
      continue;
    }
    const listSchema = r.listSchema ?? r.schema;
    paths[collection] = {
      parameters: pathParams(r, false),
      get: operation(gv, r, 'list', `list${gv.idName}${ns}${r.kind}`, `list or watch objects of kind ${r.kind}`, {
        parameters: LIST_PARAMS,
        responses: responses({ '200': listSchema }),
      }),
      post: operation(gv, r, 'post', `create${gv.idName}${ns}${r.kind}`, `create a ${r.kind}`, {
        parameters: WRITE_PARAMS,
        requestBody: { content: content(['*/*'], ref(r.schema)), required: true },
        responses: responses({ '200': r.schema, '201': r.schema, '202': r.schema }),
      }),
      delete: operation(
        gv,
        r,
        'deletecollection',
        `deleteCollection${gv.idName}${ns}${r.kind}`,
        `delete collection of ${r.kind}`,
        {
          parameters: [
            ...LIST_PARAMS.filter((p) => p.name !== 'watch'),
            P.dryRun,
            P.gracePeriodSeconds,
            P.propagationPolicy,
          ],
          responses: responses({ '200': META + 'Status' }),
        },
      ),
    };
    paths[`${collection}/{name}`] = { parameters: pathParams(r, true), ...itemOperations(gv, r, '', r.kind) };
    if (r.status) {
      paths[`${collection}/{name}/status`] = {
        parameters: pathParams(r, true),
        ...itemOperations(gv, r, 'Status', 'status'),
      };
    }
    if (r.namespaced) {
      paths[`${gv.prefix}/${r.plural}`] = {
        parameters: [P.pretty],
        get: operation(
          gv,
          r,
          'list',
          `list${gv.idName}${r.kind}ForAllNamespaces`,
          `list or watch objects of kind ${r.kind}`,
          {
            parameters: LIST_PARAMS,
            responses: responses({ '200': listSchema }),
          },
        ),
      };
    }
  }
  return paths;
}
