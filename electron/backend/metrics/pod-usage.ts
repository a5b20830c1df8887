import type { MetricsBase, MetricsRefusal, PodUsageSeries, Usage, UsagePoint } from '../../contract/index.js';
import type { Scope } from '../kinds/source.js';
import { readPodMetrics } from './api.js';
import { addPodReadings, containerKey, podKeys, type MetricsPod } from './metrics-pod.js';
import { MetricsProducer, type MetricsDeps } from './metrics-producer.js';
import type { UsageWindow } from './window.js';

/** The `podUsage` stream: one pod's total CPU and memory at each sample time of the window (its chart). */
export class PodUsageSubscription extends MetricsProducer<PodUsageSeries> {
  constructor(
    deps: MetricsDeps,
    private readonly namespace: string,
    private readonly pod: string,
    emit: (picture: PodUsageSeries) => void,
  ) {
    super(deps, emit);
  }

  protected questions(): MetricsRefusal[] {
    return [{ verb: 'list', resource: 'pods.metrics.k8s.io', namespace: this.namespace }];
  }

  protected scope(): Scope {
    return { namespace: this.namespace, fieldSelector: `metadata.name=${this.pod}` };
  }

  async poll(window: UsageWindow): Promise<void> {
    const readings = await readPodMetrics(this.deps.session, this.namespace, undefined, this.pod);
    addPodReadings(window, this.namespace, readings, new Set([this.pod]));
  }

  protected picture(base: MetricsBase, window: UsageWindow, pods: MetricsPod[]): PodUsageSeries {
    const pod = pods.find((p) => p.name === this.pod);
    if (!pod) return this.empty(base);
    const byTime = new Map<number, UsagePoint>();
    for (const c of pod.containers) {
      for (const p of window.points(containerKey(pod.namespace, pod.name, c.name))) {
        const at = byTime.get(p.t) ?? { t: p.t, cpu: 0, memory: 0 };
        byTime.set(p.t, { t: p.t, cpu: at.cpu + p.cpu, memory: at.memory + p.memory });
      }
    }
    const limits: Partial<Usage> = {};
    for (const resource of ['cpu', 'memory'] as const) {
      const each = pod.containers.map((c) => c.limits[resource]);
      // A pod's limit is the sum of its containers' only when every container sets one.
      if (each.every((l) => l !== undefined)) limits[resource] = each.reduce<number>((s, l) => s + (l ?? 0), 0);
    }
    return {
      ...base,
      window: { ...base.window, ...window.coverage(podKeys([pod])) },
      points: [...byTime.values()].sort((a, b) => a.t - b.t),
      limits,
    };
  }

  protected empty(base: MetricsBase): PodUsageSeries {
    return { ...base, points: [], limits: {} };
  }
}
