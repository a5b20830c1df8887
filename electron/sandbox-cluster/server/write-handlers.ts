// Write verbs: create (POST), update (PUT), patch (PATCH), delete and deletecollection.
import { badRequest, StatusError } from '../errors.js';
import type { DeleteOptions, PropagationPolicy } from '../registry/registry.js';
import { matchesFields, matchesLabels } from '../apimachinery/selectors.js';
import { timestamp } from '../store/names.js';
import { apiVersionOf, qualifiedName, type KindDescriptor } from '../kinds/descriptor.js';
import type { KubeObject } from '../types.js';
import { decodeObject, mediaType, readBody, readBodyBytes } from './body.js';
import type { ServerContext } from './context.js';
import { decodeDeleteOptions, decodeProtobufObject } from './protobuf-objects.js';
import { unwrap } from './protobuf-wire.js';
import { selectorsOf, served } from './read-handlers.js';
import { dryRunOf, fieldManagerOf, fieldValidationOf, intParam, type ResourceRequest } from './request.js';
import { sendJson, successStatus } from './respond.js';

/** Removes a field named like `spec.template.spec.containers[0].foo` (unknown fields are dropped on decode). */
function removePath(object: unknown, path: string): void {
  const parts = path.split(/\.|(?=\[)/).map((p) => (p.startsWith('[') ? Number(p.slice(1, -1)) : p));
  let node: unknown = object;
  for (let i = 0; i < parts.length - 1; i++) {
    if (typeof node !== 'object' || node === null) return;
    node = (node as Record<string | number, unknown>)[parts[i] as string | number];
  }
  const last = parts[parts.length - 1];
  if (typeof node === 'object' && node !== null && last !== undefined) Reflect.deleteProperty(node, last);
}

/** Applies fieldValidation: Strict fails with the decoder's message; Warn and Ignore drop the fields (Warn says so). */
function checkUnknownFields(ctx: ServerContext, r: ResourceRequest, object: KubeObject): Record<string, string> {
  const mode = fieldValidationOf(r.url);
  const unknown = ctx.schema.unknownFields(ctx.schema.shapeOf(r.info), object);
  if (unknown.length === 0) return {};
  if (mode === 'Strict') {
    throw badRequest(`strict decoding error: ${unknown.map((f) => `unknown field "${f}"`).join(', ')}`);
  }
  for (const f of unknown) removePath(object, f);
  if (mode === 'Ignore') return {};
  return { Warning: unknown.map((f) => `299 - ${JSON.stringify(`unknown field "${f}"`)}`).join(', ') };
}

function checkTypeMeta(r: ResourceRequest, body: Record<string, unknown>): KubeObject {
  const expected = apiVersionOf(r.info);
  if (body.apiVersion !== undefined && body.apiVersion !== expected) {
    throw badRequest(
      `the API version in the data (${String(body.apiVersion)}) does not match the expected API version (${expected})`,
    );
  }
  if (body.kind !== undefined && body.kind !== r.info.kind) {
    throw badRequest(
      `${String(body.kind)} in version "${r.info.version}" cannot be handled as a ${r.info.kind}: no kind "${String(body.kind)}" is registered for version "${expected}" in scheme "${r.info.crd ? 'k8s.io/apiextensions-apiserver/pkg/apiserver/apiserver.go:53' : 'pkg/api/legacyscheme/scheme.go:30'}"`,
    );
  }
  const metadata = body.metadata;
  if (metadata !== undefined && (typeof metadata !== 'object' || metadata === null || Array.isArray(metadata))) {
    throw badRequest(
      `${r.info.kind} in version "${r.info.version}" cannot be handled as a ${r.info.kind}: json: cannot unmarshal into Go struct field ${r.info.kind}.metadata of type v1.ObjectMeta`,
    );
  }
  const object = {
    ...body,
    apiVersion: expected,
    kind: r.info.kind,
    metadata: { ...(metadata as object | undefined) },
  } as KubeObject;
  const ns = object.metadata.namespace;
  if (r.info.namespaced) {
    if (ns && r.namespace && ns !== r.namespace) {
      throw badRequest('the namespace of the provided object does not match the namespace sent on the request');
    }
    object.metadata.namespace = r.namespace ?? ns;
  }
  return object;
}

async function decodeRequest(
  ctx: ServerContext,
  r: ResourceRequest,
): Promise<{ object: KubeObject; headers: Record<string, string> }> {
  const contentType = r.req.headers['content-type'];
  const bytes = await readBodyBytes(r.req);
  const body =
    mediaType(contentType) === 'application/vnd.kubernetes.protobuf'
      ? decodeProtobufObject(r.info.resource, bytes)
      : decodeObject(contentType, bytes.toString('utf8'), r.info.kind, r.info.version);
  const object = checkTypeMeta(r, body);
  const headers = checkUnknownFields(ctx, r, object);
  return { object, headers };
}

function track(
  ctx: ServerContext,
  d: KindDescriptor,
  manager: string,
  old: KubeObject | undefined,
  updated: KubeObject,
): KubeObject {
  return ctx.patch.trackUpdate(manager, 'Update', old, updated, timestamp(ctx.clock()), ctx.schema.shapeOf(d));
}

/** The request's version of an object -> the stored version (and back, for the response). */
function toStorage(d: KindDescriptor, o: KubeObject): KubeObject {
  return d.conversion ? d.conversion.toStorage(o) : o;
}

export async function handleCreate(ctx: ServerContext, r: ResourceRequest): Promise<void> {
  if (!r.info.namespaced && r.namespace) throw badRequest('the namespace of the object does not match the request');
  const dryRun = dryRunOf(r.url, 'CreateOptions');
  const { object, headers } = await decodeRequest(ctx, r);
  const manager = fieldManagerOf(r.url, r.req);
  const created = ctx.registry.create(r.info.resource, toStorage(r.info, object), {
    dryRun,
    actor: r.user,
    fieldManager: manager,
    beforeCommit: (o) => track(ctx, r.info, manager, undefined, o),
  });
  sendJson(r.res, 201, served(r.info, created), headers);
}

export async function handleUpdate(ctx: ServerContext, r: ResourceRequest): Promise<void> {
  const dryRun = dryRunOf(r.url, 'UpdateOptions');
  const { object, headers } = await decodeRequest(ctx, r);
  if (object.metadata.name !== r.name) {
    throw badRequest(
      `the name of the object (${String(object.metadata.name)}) does not match the name on the URL (${r.name ?? ''})`,
    );
  }
  const manager = fieldManagerOf(r.url, r.req);
  const updated = ctx.registry.update(r.info.resource, toStorage(r.info, object), {
    dryRun,
    actor: r.user,
    fieldManager: manager,
    subresource: r.subresource,
    beforeCommit: (o, old) => track(ctx, r.info, manager, old, o),
  });
  sendJson(r.res, 200, served(r.info, updated), headers);
}

export async function handlePatch(ctx: ServerContext, r: ResourceRequest): Promise<void> {
  const dryRun = dryRunOf(r.url, 'PatchOptions');
  const text = await readBody(r.req);
  const contentType = r.req.headers['content-type'] ?? '';
  const stored = ctx.store.get(r.info.resource, r.namespace, r.name ?? '');
  const current = stored && served(r.info, stored);
  const forceParam = r.url.searchParams.get('force');
  const fieldManager = r.url.searchParams.get('fieldManager') ?? undefined;
  const isApply = contentType.startsWith('application/apply-patch');
  const patched = ctx.patch.applyPatch(contentType, current, text, {
    fieldManager: isApply ? fieldManager : (fieldManager ?? fieldManagerOf(r.url, r.req)),
    force: forceParam === null ? undefined : forceParam === 'true',
    resource: r.info,
    now: timestamp(ctx.clock()),
    shape: ctx.schema.shapeOf(r.info),
    noStrategicMerge: r.info.crd !== undefined,
  });
  if (!current && !patched)
    throw new StatusError(404, 'NotFound', `${qualifiedName(r.info)} "${r.name ?? ''}" not found`, {
      name: r.name,
      group: r.info.group || undefined,
      kind: r.info.plural,
    });
  const object = { ...patched, metadata: { ...patched.metadata, name: r.name ?? patched.metadata.name } } as KubeObject;
  if (r.info.namespaced) object.metadata.namespace = r.namespace;
  const headers = checkUnknownFields(ctx, r, object);
  if (!current) {
    const created = ctx.registry.create(r.info.resource, toStorage(r.info, object), { dryRun, actor: r.user });
    sendJson(r.res, 201, served(r.info, created), headers);
    return;
  }
  // A patch that sets metadata.resourceVersion is a precondition; otherwise it applies to what it read.
  object.metadata.resourceVersion ||= current.metadata.resourceVersion;
  const updated = ctx.registry.update(r.info.resource, toStorage(r.info, object), {
    dryRun,
    actor: r.user,
    subresource: r.subresource,
  });
  sendJson(r.res, 200, served(r.info, updated), headers);
}

/** A DeleteOptions body: JSON, or protobuf as typed clients send it (kubectl drain, `kubectl delete` of pods). */
async function deleteOptionsBody(r: ResourceRequest): Promise<Record<string, unknown>> {
  if (r.req.method !== 'DELETE') return {};
  const bytes = await readBodyBytes(r.req);
  if (bytes.length === 0) return {};
  if (mediaType(r.req.headers['content-type']) === 'application/vnd.kubernetes.protobuf') {
    return decodeDeleteOptions(unwrap(bytes).object);
  }
  const text = bytes.toString('utf8');
  if (text.trim() === '') return {};
  try {
    const parsed = JSON.parse(text) as unknown;
    if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed))
      return parsed as Record<string, unknown>;
  } catch {
    throw badRequest('DeleteOptions in version "v1" cannot be handled as a DeleteOptions: invalid JSON');
  }
  return {};
}

export async function deleteOptionsOf(r: ResourceRequest, given?: Record<string, unknown>): Promise<DeleteOptions> {
  const body = given ?? (await deleteOptionsBody(r));
  const policy = (body.propagationPolicy ?? r.url.searchParams.get('propagationPolicy') ?? undefined) as
    string | undefined;
  if (policy !== undefined && !['Background', 'Foreground', 'Orphan'].includes(policy)) {
    throw new StatusError(
      422,
      'Invalid',
      `DeleteOptions.meta.k8s.io "" is invalid: propagationPolicy: Unsupported value: "${policy}": supported values: "Foreground", "Background", "Orphan", "nil"`,
    );
  }
  if (body.orphanDependents === true) body.propagationPolicy = 'Orphan';
  const grace =
    typeof body.gracePeriodSeconds === 'number' ? body.gracePeriodSeconds : intParam(r.url, 'gracePeriodSeconds');
  const dryRunBody = Array.isArray(body.dryRun) ? (body.dryRun as unknown[]) : [];
  const dryRun = dryRunOf(r.url, 'DeleteOptions') || dryRunBody.includes('All');
  const pre = body.preconditions as { uid?: string; resourceVersion?: string } | undefined;
  return {
    propagationPolicy:
      (body.propagationPolicy as PropagationPolicy | undefined) ?? (policy as PropagationPolicy | undefined),
    gracePeriodSeconds: grace,
    dryRun,
    preconditions: pre,
  };
}

export async function handleDelete(ctx: ServerContext, r: ResourceRequest): Promise<void> {
  const options = await deleteOptionsOf(r);
  const result = ctx.registry.delete(r.info.resource, r.namespace, r.name ?? '', options);
  if (r.info.resource === 'pods' || !result.finished) {
    sendJson(r.res, 200, served(r.info, result.object));
    return;
  }
  const o = result.object;
  sendJson(
    r.res,
    200,
    successStatus({
      name: o.metadata.name,
      group: r.info.group || undefined,
      kind: r.info.plural,
      uid: o.metadata.uid,
    }),
  );
}

export async function handleDeleteCollection(ctx: ServerContext, r: ResourceRequest): Promise<void> {
  const options = await deleteOptionsOf(r);
  const { labels, fields } = selectorsOf(r);
  const deleted: KubeObject[] = [];
  for (const o of ctx.store.list(r.info.resource, r.namespace)) {
    if (!matchesLabels(labels, o.metadata.labels) || !matchesFields(r.info.fields, fields, o)) continue;
    const result = ctx.registry.delete(r.info.resource, o.metadata.namespace, o.metadata.name, options);
    deleted.push(served(r.info, result.object));
  }
  sendJson(r.res, 200, {
    kind: r.info.listKind ?? `${r.info.kind}List`,
    apiVersion: apiVersionOf(r.info),
    metadata: { resourceVersion: String(ctx.store.currentRv()) },
    items: deleted,
  });
}
