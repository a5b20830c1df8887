// Subresources besides status and log: pods/eviction (honouring PodDisruptionBudgets, as kubectl drain needs),
// pods/binding, the scale subresource of the workload kinds; exec, attach and port-forward (streaming/, over
// WebSocket against simulated containers); and proxy, ephemeral containers and tokens, which the sandbox does not
// serve: those answer with a message that says so.
import { badRequest, StatusError } from '../errors.js';
import { matchesSelectorObject } from '../apimachinery/selectors.js';
import type { KubeObject } from '../types.js';
import { mediaType, readBodyBytes } from './body.js';
import type { ServerContext } from './context.js';
import { decodeEviction } from './protobuf-objects.js';
import { dryRunOf, type ResourceRequest } from './request.js';
import { sendJson, successStatus } from './respond.js';
import { deleteOptionsOf } from './write-handlers.js';
import { mergePatch } from '../patch/index.js';
import { handleRemoteCommand } from '../streaming/exec.js';
import { handlePortForward } from '../streaming/portforward.js';

type Json = Record<string, unknown>;

async function jsonOrProtobuf(r: ResourceRequest, protobuf: (b: Buffer) => Json): Promise<Json> {
  const bytes = await readBodyBytes(r.req);
  if (mediaType(r.req.headers['content-type']) === 'application/vnd.kubernetes.protobuf') return protobuf(bytes);
  if (bytes.length === 0) return {};
  try {
    const parsed = JSON.parse(bytes.toString('utf8')) as unknown;
    return typeof parsed === 'object' && parsed !== null ? (parsed as Json) : {};
  } catch (e) {
    throw badRequest(
      `Eviction in version "v1" cannot be handled as a Eviction: ${e instanceof Error ? e.message : ''}`,
    );
  }
}

/** A pod that is not running (or already going) is evicted without asking its disruption budget (canIgnorePDB). */
function ignoresBudget(pod: KubeObject): boolean {
  const phase = pod.status?.phase;
  return (
    pod.metadata.deletionTimestamp !== undefined || phase === 'Succeeded' || phase === 'Failed' || phase === 'Pending'
  );
}

function tooManyRequests(message: string, cause: string): StatusError {
  return new StatusError(429, 'TooManyRequests', message, { causes: [{ reason: 'DisruptionBudget', message: cause }] });
}

/** POST pods/<name>/eviction (pkg/registry/core/pod/storage/eviction.go). */
async function evict(ctx: ServerContext, r: ResourceRequest): Promise<void> {
  if (r.req.method !== 'POST')
    throw new StatusError(405, 'MethodNotAllowed', 'the server does not allow this method on the requested resource');
  const body = await jsonOrProtobuf(r, decodeEviction);
  const pod = ctx.registry.get('pods', r.namespace, r.name ?? '');
  const dryRun = dryRunOf(r.url, 'CreateOptions');
  if (!ignoresBudget(pod)) {
    const budgets = ctx.store
      .list('poddisruptionbudgets', r.namespace)
      .filter((pdb) => matchesSelectorObject(pdb.spec?.selector, pod.metadata.labels ?? {}));
    if (budgets.length > 1) {
      throw new StatusError(
        500,
        'InternalError',
        'This pod has more than one PodDisruptionBudget, which the eviction subresource does not support.',
      );
    }
    const pdb = budgets[0];
    if (pdb) {
      const status = (pdb.status ?? {}) as Json;
      const allowed = typeof status.disruptionsAllowed === 'number' ? status.disruptionsAllowed : 0;
      if ((status.observedGeneration ?? 0) !== (pdb.metadata.generation ?? 1)) {
        throw tooManyRequests(
          "Cannot evict pod as it would violate the pod's disruption budget.",
          `The disruption budget ${pdb.metadata.name} is still being processed by the server.`,
        );
      }
      if (allowed <= 0) {
        throw tooManyRequests(
          "Cannot evict pod as it would violate the pod's disruption budget.",
          `The disruption budget ${pdb.metadata.name} needs ${String(status.desiredHealthy ?? 0)} healthy pods and has ${String(status.currentHealthy ?? 0)} currently`,
        );
      }
      if (!dryRun) {
        const disrupted = {
          ...((status.disruptedPods as Json | undefined) ?? {}),
          [pod.metadata.name]: new Date(ctx.clock()).toISOString(),
        };
        ctx.registry.update(
          'poddisruptionbudgets',
          { ...pdb, status: { ...status, disruptionsAllowed: allowed - 1, disruptedPods: disrupted } },
          { subresource: 'status' },
        );
      }
    }
  }
  const options = await deleteOptionsOf(r, (body.deleteOptions ?? {}) as Json);
  ctx.registry.delete('pods', r.namespace, pod.metadata.name, { ...options, dryRun: dryRun || options.dryRun });
  sendJson(r.res, 201, { ...successStatus({}), code: 201 });
}

/** POST pods/<name>/binding: what a scheduler does to put a pod on a node. */
async function bind(ctx: ServerContext, r: ResourceRequest): Promise<void> {
  const body = await jsonOrProtobuf(r, () => {
    throw badRequest('Binding must be sent as JSON');
  });
  const target = (body.target ?? {}) as Json;
  const pod = ctx.registry.get('pods', r.namespace, r.name ?? '');
  if (pod.spec?.nodeName) {
    throw new StatusError(
      409,
      'Conflict',
      `Operation cannot be fulfilled on pods/binding "${pod.metadata.name}": pod ${pod.metadata.name} is already assigned to node "${String(pod.spec.nodeName)}"`,
    );
  }
  ctx.registry.update(
    'pods',
    { ...pod, spec: { ...pod.spec, nodeName: String(target.name ?? '') } },
    { actor: r.user },
  );
  sendJson(r.res, 201, { ...successStatus({}), code: 201 });
}

function scaleOf(o: KubeObject): Json {
  const selector = o.spec?.selector?.matchLabels as Record<string, string> | undefined;
  return {
    kind: 'Scale',
    apiVersion: 'autoscaling/v1',
    metadata: {
      name: o.metadata.name,
      namespace: o.metadata.namespace,
      uid: o.metadata.uid,
      resourceVersion: o.metadata.resourceVersion,
      creationTimestamp: o.metadata.creationTimestamp,
    },
    spec: { replicas: o.spec?.replicas ?? 0 },
    status: {
      replicas: o.status?.replicas ?? 0,
      selector: Object.entries(selector ?? {})
        .map(([k, v]) => `${k}=${v}`)
        .join(','),
    },
  };
}

/** GET/PUT/PATCH <workload>/<name>/scale (kubectl scale): the replicas of the object as an autoscaling/v1 Scale. */
async function scale(ctx: ServerContext, r: ResourceRequest): Promise<void> {
  const current = ctx.registry.get(r.info.resource, r.namespace, r.name ?? '');
  if (r.req.method === 'GET') {
    sendJson(r.res, 200, scaleOf(current));
    return;
  }
  const text = (await readBodyBytes(r.req)).toString('utf8');
  let change: Json;
  try {
    change = JSON.parse(text) as Json;
  } catch {
    throw badRequest('Scale in version "v1" cannot be handled as a Scale: invalid JSON');
  }
  const next = r.req.method === 'PATCH' ? (mergePatch(scaleOf(current), change) as Json) : change;
  const replicas = (next.spec as Json | undefined)?.replicas;
  if (typeof replicas !== 'number' || !Number.isInteger(replicas) || replicas < 0) {
    throw new StatusError(
      422,
      'Invalid',
      `Scale.autoscaling "${current.metadata.name}" is invalid: spec.replicas: Invalid value: ${JSON.stringify(replicas)}: must be greater than or equal to 0`,
    );
  }
  const updated = ctx.registry.update(
    r.info.resource,
    { ...current, spec: { ...current.spec, replicas } },
    { actor: r.user, dryRun: dryRunOf(r.url, 'UpdateOptions') },
  );
  sendJson(r.res, 200, scaleOf(updated));
}

/** proxy, ephemeral containers, tokens: not simulated. */
function notServed(ctx: ServerContext, r: ResourceRequest): never {
  const sub = r.subresource ?? '';
  const target = `${r.info.singular} ${r.name ?? ''}`;
  if (sub === 'token' || sub === 'ephemeralcontainers') {
    throw badRequest(
      `the sandbox cluster does not serve ${r.info.plural}/${sub}: it issues no service account tokens and runs no containers`,
    );
  }
  throw badRequest(
    `the sandbox cluster cannot ${sub === 'proxy' ? 'proxy to' : sub} ${target}: its kubelets are simulated; use port-forward to reach a container port`,
  );
}

const HANDLERS: Record<string, (ctx: ServerContext, r: ResourceRequest) => Promise<void>> = {
  eviction: evict,
  binding: bind,
  scale,
  exec: handleRemoteCommand,
  attach: handleRemoteCommand,
  portforward: handlePortForward,
  proxy: async (ctx, r) => notServed(ctx, r),
  ephemeralcontainers: async (ctx, r) => notServed(ctx, r),
  token: async (ctx, r) => notServed(ctx, r),
};

export const SUBRESOURCE_HANDLERS = new Set(Object.keys(HANDLERS));

export function handleSubresource(ctx: ServerContext, r: ResourceRequest): Promise<void> {
  const handler = HANDLERS[r.subresource ?? ''];
  if (!handler) throw new StatusError(404, 'NotFound', 'the server could not find the requested resource');
  return handler(ctx, r);
}
