import type { MetricsBase, MetricsRefusal, PodMetricsPicture } from '../../contract/index.js';
import type { Scope } from '../kinds/source.js';
import { readPodMetrics } from './api.js';
import { addPodReadings, podKeys, podUsage, type MetricsPod } from './metrics-pod.js';
import { MetricsProducer, type MetricsDeps } from './metrics-producer.js';
import { nearLimitsOf, oomKillsOf, overheadOf } from './overhead.js';
import type { UsageWindow } from './window.js';

/** The `podMetrics` stream: a namespace's pods of one label selector (a DaemonSet's), shared by its views. */
export class PodMetricsSubscription extends MetricsProducer<PodMetricsPicture> {
  constructor(
    deps: MetricsDeps,
    private readonly namespace: string,
    private readonly labelSelector: string,
    emit: (picture: PodMetricsPicture) => void,
  ) {
    super(deps, emit);
  }

  protected questions(): MetricsRefusal[] {
    return [{ verb: 'list', resource: 'pods.metrics.k8s.io', namespace: this.namespace }];
  }

  protected scope(): Scope {
    return { namespace: this.namespace, labelSelector: this.labelSelector };
  }

  async poll(window: UsageWindow): Promise<void> {
    addPodReadings(window, this.namespace, await readPodMetrics(this.deps.session, this.namespace, this.labelSelector));
  }

  protected picture(base: MetricsBase, window: UsageWindow, pods: MetricsPod[]): PodMetricsPicture {
    const sorted = [...pods].sort((a, b) => a.name.localeCompare(b.name));
    return {
      ...base,
      window: { ...base.window, ...window.coverage(podKeys(sorted)) },
      pods: sorted.map((p) => podUsage(window, p)),
      overhead: overheadOf(window, sorted),
      nearLimits: nearLimitsOf(window, sorted),
      oomKills: oomKillsOf(sorted),
    };
  }

  protected empty(base: MetricsBase): PodMetricsPicture {
    return { ...base, pods: [], overhead: [], nearLimits: [], oomKills: [] };
  }
}
