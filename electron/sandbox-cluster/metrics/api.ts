// metrics.k8s.io/v1beta1, as metrics-server serves it through API aggregation: NodeMetrics for Ready nodes and
// PodMetrics for running pods (each container that runs), get and list only, label selectors on both and field
// selectors on pods, NotFound named `<namespace>/<name>` for pods as metrics-server names them. Enough for
// `kubectl top pods` and `kubectl top nodes`, and for a client that samples usage over time.
import { StatusError } from '../errors.js';
import { matchesFields, matchesLabels, parseFieldSelector, parseLabelSelector } from '../apimachinery/selectors.js';
import { builtin, type KindDescriptor } from '../kinds/descriptor.js';
import type { ServerContext } from '../server/context.js';
import type { ResourceRequest } from '../server/request.js';
import { sendJson } from '../server/respond.js';
import type { KubeObject } from '../types.js';
import { containerUsage, systemUsage, usageQuantities, windowStart, WINDOW_MS, type Usage } from './usage.js';

type Json = Record<string, unknown>;
export const METRICS_GROUP = 'metrics.k8s.io';
const API_VERSION = `${METRICS_GROUP}/v1beta1`;
const GV = { group: METRICS_GROUP, version: 'v1beta1', prefix: 'io.k8s.metrics.pkg.apis.metrics.v1beta1' };
const served = { virtual: true, verbs: ['get', 'list'], definition: undefined };

export const METRICS_KINDS: KindDescriptor[] = [
  builtin(GV, 'NodeMetrics', 'nodes', { ...served, resource: 'nodes.metrics.k8s.io', namespaced: false, singular: '' }),
  builtin(GV, 'PodMetrics', 'pods', { ...served, resource: 'pods.metrics.k8s.io', singular: '' }),
];

const containersOf = (pod: KubeObject): Json[] => (Array.isArray(pod.spec?.containers) ? pod.spec.containers : []);

function runningContainers(pod: KubeObject): Json[] {
  if (pod.status?.phase !== 'Running') return [];
  const statuses = (pod.status.containerStatuses ?? []) as Json[];
  const running = new Set(
    statuses.filter((s) => typeof s.state === 'object' && s.state !== null && 'running' in s.state).map((s) => s.name),
  );
  return containersOf(pod).filter((c) => running.has(c.name));
}

function nodeReady(node: KubeObject): boolean {
  const conditions = (node.status?.conditions ?? []) as Json[];
  return conditions.some((c) => c.type === 'Ready' && c.status === 'True');
}

function meta(o: KubeObject, t: number): Json {
  const out: Json = { name: o.metadata.name, creationTimestamp: new Date(t).toISOString() };
  if (o.metadata.namespace) out.namespace = o.metadata.namespace;
  if (o.metadata.labels) out.labels = o.metadata.labels;
  return out;
}

function podMetrics(pod: KubeObject, t: number): Json | undefined {
  const containers = runningContainers(pod);
  if (containers.length === 0) return undefined;
  return {
    kind: 'PodMetrics',
    apiVersion: API_VERSION,
    metadata: meta(pod, t),
    timestamp: new Date(t).toISOString(),
    window: `${String(WINDOW_MS / 1000)}s`,
    containers: containers.map((c) => ({ name: c.name, usage: usageQuantities(containerUsage(pod, c, t)) })),
  };
}

function nodeMetrics(ctx: ServerContext, node: KubeObject, t: number): Json | undefined {
  if (!nodeReady(node)) return undefined;
  const total: Usage = systemUsage(node.metadata.name, t);
  for (const pod of ctx.store.list('pods')) {
    if (pod.spec?.nodeName !== node.metadata.name) continue;
    for (const c of runningContainers(pod)) {
      const u = containerUsage(pod, c, t);
      total.cpu += u.cpu;
      total.memory += u.memory;
    }
  }
  return {
    kind: 'NodeMetrics',
    apiVersion: API_VERSION,
    metadata: meta(node, t),
    timestamp: new Date(t).toISOString(),
    window: '20s',
    usage: usageQuantities(total),
  };
}

function notFound(kind: 'nodemetrics' | 'podmetrics', name: string): StatusError {
  return new StatusError(404, 'NotFound', `${kind}.${METRICS_GROUP} "${name}" not found`, {
    name,
    group: METRICS_GROUP,
    kind,
  });
}

function selected(r: ResourceRequest, objects: KubeObject[], pods: boolean): KubeObject[] {
  const labels = parseLabelSelector(r.url.searchParams.get('labelSelector') ?? '');
  const getters = pods ? { 'metadata.name': (o: KubeObject) => o.metadata.name } : undefined;
  const fields = pods ? parseFieldSelector(getters, r.url.searchParams.get('fieldSelector') ?? '') : [];
  return objects.filter((o) => matchesLabels(labels, o.metadata.labels) && matchesFields(getters, fields, o));
}

export function handleMetrics(ctx: ServerContext, r: ResourceRequest): void {
  if (r.verb !== 'get' && r.verb !== 'list') {
    throw new StatusError(405, 'MethodNotAllowed', 'the server does not allow this method on the requested resource');
  }
  const t = windowStart(ctx.clock());
  const pods = r.info.plural === 'pods';
  const namespace = r.namespace;
  if (r.name !== undefined) {
    const object = ctx.store.get(pods ? 'pods' : 'nodes', namespace, r.name);
    const item = object ? (pods ? podMetrics(object, t) : nodeMetrics(ctx, object, t)) : undefined;
    if (!item) throw pods ? notFound('podmetrics', `${namespace ?? ''}/${r.name}`) : notFound('nodemetrics', r.name);
    sendJson(r.res, 200, item);
    return;
  }
  const objects = selected(r, ctx.store.list(pods ? 'pods' : 'nodes', namespace), pods);
  const items = objects
    .map((o) => (pods ? podMetrics(o, t) : nodeMetrics(ctx, o, t)))
    .filter((i): i is Json => i !== undefined);
  sendJson(r.res, 200, {
    kind: pods ? 'PodMetricsList' : 'NodeMetricsList',
    apiVersion: API_VERSION,
    metadata: {},
    items,
  });
}
