import type { MetricsBase, MetricsRefusal, NodeMetricsPicture } from '../../contract/index.js';
import type { Scope } from '../kinds/source.js';
import { readNodeMetrics, readPodMetrics } from './api.js';
import { addPodReadings, podKeys, podUsage, type MetricsPod } from './metrics-pod.js';
import { MetricsProducer, type MetricsDeps } from './metrics-producer.js';
import type { UsageWindow } from './window.js';

const nodeKey = (node: string): string => `node:${node}`;

/**
 * The `nodeMetrics` stream: one node's NodeMetrics and its pods' PodMetrics. PodMetrics carry no node, so the pods
 * bound to it (fieldSelector spec.nodeName) say which to keep, read one namespace at a time.
 */
export class NodeMetricsSubscription extends MetricsProducer<NodeMetricsPicture> {
  constructor(
    deps: MetricsDeps,
    private readonly node: string,
    emit: (picture: NodeMetricsPicture) => void,
  ) {
    super(deps, emit);
  }

  protected questions(): MetricsRefusal[] {
    return [
      { verb: 'get', resource: 'nodes.metrics.k8s.io' },
      { verb: 'list', resource: 'pods.metrics.k8s.io' },
    ];
  }

  protected scope(): Scope {
    return { fieldSelector: `spec.nodeName=${this.node}` };
  }

  async poll(window: UsageWindow): Promise<void> {
    const { session } = this.deps;
    const reads = [...this.podsByNamespace()].map(async ([namespace, names]) =>
      addPodReadings(window, namespace, await readPodMetrics(session, namespace), names),
    );
    const [node] = await Promise.all([readNodeMetrics(session, this.node), ...reads]);
    const usage = node?.containers[0]?.usage;
    if (node && usage) window.add(nodeKey(this.node), node.t, usage);
  }

  protected picture(base: MetricsBase, window: UsageWindow, pods: MetricsPod[]): NodeMetricsPicture {
    const latest = window.latest(nodeKey(this.node));
    const sorted = [...pods].sort((a, b) => a.namespace.localeCompare(b.namespace) || a.name.localeCompare(b.name));
    return {
      ...base,
      window: { ...base.window, ...window.coverage([nodeKey(this.node), ...podKeys(sorted)]) },
      ...(latest ? { node: { cpu: latest.cpu, memory: latest.memory } } : {}),
      pods: sorted.map((p) => podUsage(window, p)),
    };
  }

  protected empty(base: MetricsBase): NodeMetricsPicture {
    return { ...base, pods: [] };
  }
}
