import type { ContainerUsage, OomKill, PodUsage, Usage } from '../../contract/index.js';
import type { KubeObject, PodObject } from '../kinds/objects.js';
import type { Projection } from '../kinds/source.js';
import { isRecord, record, records, text } from '../../../common/guards.js';
import { usageOf } from './api.js';
import type { UsageWindow } from './window.js';

// What the metrics views keep of each pod: where it runs, its containers' limits (for "closest to its limit") and
// its containers' OOM kills (lastState), never the whole object.

export interface MetricsPod extends KubeObject {
  namespace: string;
  name: string;
  node: string;
  containers: { name: string; limits: Partial<Usage> }[];
  oomKills: Omit<OomKill, 'pod' | 'node'>[];
}

function limitsOf(container: Record<string, unknown>): Partial<Usage> {
  const limits = record(record(container.resources).limits);
  const usage = usageOf({ cpu: text(limits.cpu) ?? '0', memory: text(limits.memory) ?? '0' });
  const out: Partial<Usage> = {};
  if (usage && usage.cpu > 0 && text(limits.cpu) !== undefined) out.cpu = usage.cpu;
  if (usage && usage.memory > 0 && text(limits.memory) !== undefined) out.memory = usage.memory;
  return out;
}

export const metricsPod: Projection<MetricsPod> = {
  name: 'metrics',
  project: (raw) => {
    if (!isRecord(raw) || !isRecord(raw.metadata)) return undefined;
    const pod = raw as PodObject;
    const { name = '', namespace = '', uid, resourceVersion } = pod.metadata ?? {};
    const spec = record(raw.spec);
    const statuses = records(record(raw.status).containerStatuses);
    return {
      metadata: { name, namespace, uid, resourceVersion },
      namespace,
      name,
      node: text(spec.nodeName) ?? '',
      containers: records(spec.containers).map((c) => ({ name: text(c.name) ?? '', limits: limitsOf(c) })),
      oomKills: statuses.flatMap((s) => {
        const terminated = record(record(s.lastState).terminated);
        if (terminated.reason !== 'OOMKilled') return [];
        const restarts = typeof s.restartCount === 'number' ? s.restartCount : 0;
        return [{ container: text(s.name) ?? '', restarts, finishedAt: text(terminated.finishedAt) }];
      }),
    };
  },
};

/** The window's key of one container's series. */
export const containerKey = (namespace: string, pod: string, container: string): string =>
  `pod:${namespace}/${pod}/${container}`;

/** The readings of a PodMetrics list added to the window, for the pods named (all when `only` is absent). */
export function addPodReadings(
  window: UsageWindow,
  namespace: string,
  readings: Map<string, { t: number; containers: { name: string; usage: Usage }[] }>,
  only?: Set<string>,
): void {
  for (const [pod, reading] of readings) {
    if (only && !only.has(pod)) continue;
    for (const c of reading.containers) window.add(containerKey(namespace, pod, c.name), reading.t, c.usage);
  }
}

/** A pod's latest usage, by container and in all (undefined while no container has a sample). */
export function podUsage(window: UsageWindow, pod: MetricsPod): PodUsage {
  const containers: ContainerUsage[] = [];
  for (const c of pod.containers) {
    const latest = window.latest(containerKey(pod.namespace, pod.name, c.name));
    if (latest) containers.push({ name: c.name, usage: { cpu: latest.cpu, memory: latest.memory }, limits: c.limits });
  }
  const usage =
    containers.length === 0
      ? undefined
      : containers.reduce((sum, c) => ({ cpu: sum.cpu + c.usage.cpu, memory: sum.memory + c.usage.memory }), {
          cpu: 0,
          memory: 0,
        });
  return { namespace: pod.namespace, name: pod.name, node: pod.node, usage, containers };
}

export const podKeys = (pods: readonly MetricsPod[]): string[] =>
  pods.flatMap((p) => p.containers.map((c) => containerKey(p.namespace, p.name, c.name)));
