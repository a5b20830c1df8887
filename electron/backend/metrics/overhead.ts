import type { ContainerOverhead, NearLimit, OomKill } from '../../contract/index.js';
import { containerKey, podUsage, type MetricsPod } from './metrics-pod.js';
import { windowStats } from './stats.js';
import type { UsageWindow } from './window.js';

const NEAR_LIMITS = 5;

/**
 * An agent's overhead across nodes, per container name: min / median / p95 / max of every sample of every pod in the
 * window (each pod is one node's, so this is the spread across nodes and over time at once).
 */
export function overheadOf(window: UsageWindow, pods: readonly MetricsPod[]): ContainerOverhead[] {
  const byContainer = new Map<string, { pods: number; cpu: number[]; memory: number[] }>();
  for (const pod of pods) {
    for (const c of pod.containers) {
      const points = window.points(containerKey(pod.namespace, pod.name, c.name));
      if (points.length === 0) continue;
      let entry = byContainer.get(c.name);
      if (!entry) byContainer.set(c.name, (entry = { pods: 0, cpu: [], memory: [] }));
      entry.pods += 1;
      for (const p of points) {
        entry.cpu.push(p.cpu);
        entry.memory.push(p.memory);
      }
    }
  }
  return [...byContainer].flatMap(([container, e]) => {
    const cpu = windowStats(e.cpu);
    const memory = windowStats(e.memory);
    return cpu && memory ? [{ container, pods: e.pods, samples: e.cpu.length, cpu, memory }] : [];
  });
}

/** The containers whose latest usage is the largest share of a limit, closest first. */
export function nearLimitsOf(window: UsageWindow, pods: readonly MetricsPod[]): NearLimit[] {
  const out: NearLimit[] = [];
  for (const pod of pods) {
    for (const c of podUsage(window, pod).containers) {
      for (const resource of ['memory', 'cpu'] as const) {
        const limit = c.limits[resource];
        if (limit === undefined) continue;
        const usage = c.usage[resource];
        out.push({ pod: pod.name, node: pod.node, container: c.name, resource, usage, limit, ratio: usage / limit });
      }
    }
  }
  return out.sort((a, b) => b.ratio - a.ratio).slice(0, NEAR_LIMITS);
}

/** Containers whose last end was an OOM kill, most restarted first. */
export function oomKillsOf(pods: readonly MetricsPod[]): OomKill[] {
  return pods
    .flatMap((p) => p.oomKills.map((k) => ({ pod: p.name, node: p.node, ...k })))
    .sort((a, b) => b.restarts - a.restarts || a.pod.localeCompare(b.pod));
}
