import type { MetricsBase } from '../../contract/index.js';
import type { BackendTuning } from '../types.js';
import type { WatchManager } from '../watch/manager.js';
import type { StreamSpecs } from '../live/producer.js';
import type { ContextSession } from '../session/session.js';
import type { MetricsDeps } from './metrics-producer.js';
import { NodeMetricsSubscription } from './node-metrics.js';
import { PodMetricsSubscription } from './pod-metrics.js';
import { PodUsageSubscription } from './pod-usage.js';
import { Samplers } from './sampler.js';

const endedBase = (message: string): MetricsBase => ({
  state: 'loading',
  error: { code: 'unsupported', message },
  window: { spanMs: 0, coveredMs: 0, intervalMs: 0, samples: 0 },
});

/** The producers of the metrics streams, sharing one sampler per context. */
export function metricsStreams(deps: {
  manager: WatchManager;
  tuning: BackendTuning;
}): Pick<StreamSpecs, 'podMetrics' | 'nodeMetrics' | 'podUsage'> {
  const { tuning } = deps;
  const samplers = new Samplers(() => ({ intervalMs: tuning.metricsIntervalMs, spanMs: tuning.metricsWindowMs }));
  const of = (session: ContextSession): MetricsDeps => ({
    session,
    manager: deps.manager,
    samplers,
    intervalMs: tuning.metricsIntervalMs,
    spanMs: tuning.metricsWindowMs,
    flushMs: tuning.flushMs,
  });
  return {
    podMetrics: {
      shared: true,
      onNewSession: 'restart',
      create: (session, [, namespace, selector], emit) =>
        new PodMetricsSubscription(of(session), namespace, selector, emit),
      ended: (message) => ({ ...endedBase(message), pods: [], overhead: [], nearLimits: [], oomKills: [] }),
    },
    nodeMetrics: {
      shared: true,
      onNewSession: 'restart',
      create: (session, [, node], emit) => new NodeMetricsSubscription(of(session), node, emit),
      ended: (message) => ({ ...endedBase(message), pods: [] }),
    },
    podUsage: {
      shared: true,
      onNewSession: 'restart',
      create: (session, [, namespace, pod], emit) => new PodUsageSubscription(of(session), namespace, pod, emit),
      ended: (message) => ({ ...endedBase(message), points: [], limits: {} }),
    },
  };
}
