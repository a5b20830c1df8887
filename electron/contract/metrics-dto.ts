// CPU and memory usage from the metrics API (issue 16). Plain JSON only, like dto.ts. CPU in nanocores and memory in
// bytes, as metrics-server counts them, so the renderer rounds them as `kubectl top` does.
import type { AppErrorDTO } from './dto.js';

export interface Usage {
  /** Nanocores. */
  cpu: number;
  /** Bytes. */
  memory: number;
}

/** Which stretch of time the figures cover: the samples kept (at most `spanMs`), one every `intervalMs`. */
export interface MetricsWindow {
  spanMs: number;
  /** From the first sample kept to the last (0 with one sample). */
  coveredMs: number;
  intervalMs: number;
  /** Sample times kept (the metrics API's own timestamps, each counted once). */
  samples: number;
}

/**
 * `unavailable`: the cluster serves no metrics API (404 on /apis/metrics.k8s.io). `forbidden`: a
 * SelfSubjectAccessReview refused `refused`.
 */
export type MetricsState = 'loading' | 'ok' | 'unavailable' | 'forbidden';

export interface MetricsRefusal {
  verb: 'get' | 'list';
  /** As kubectl names it: `pods.metrics.k8s.io`, `nodes.metrics.k8s.io`. */
  resource: string;
  /** Absent for nodes (cluster-scoped) and for all namespaces. */
  namespace?: string;
}

export interface ContainerUsage {
  name: string;
  usage: Usage;
  /** Its limits, where set. */
  limits: Partial<Usage>;
}

/** One pod's latest sample (undefined while the metrics API has none for it: not running yet, just started). */
export interface PodUsage {
  namespace: string;
  name: string;
  node: string;
  usage?: Usage;
  containers: ContainerUsage[];
}

export interface WindowStats {
  min: number;
  median: number;
  p95: number;
  max: number;
}

/** One container of the agent across its pods: every sample of every pod in the window. */
export interface ContainerOverhead {
  container: string;
  pods: number;
  samples: number;
  cpu: WindowStats;
  memory: WindowStats;
}

/** A container's latest usage as a share of its limit. */
export interface NearLimit {
  pod: string;
  node: string;
  container: string;
  resource: 'cpu' | 'memory';
  usage: number;
  limit: number;
  /** usage / limit. */
  ratio: number;
}

/** A container whose last termination was an OOM kill (pod status lastState), with its restart count. */
export interface OomKill {
  pod: string;
  node: string;
  container: string;
  restarts: number;
  finishedAt?: string;
}

/** Common to every metrics picture. */
export interface MetricsBase {
  state: MetricsState;
  refused?: MetricsRefusal;
  /** A failed sample (unreachable, timeout): the figures are the window's so far. */
  error?: AppErrorDTO;
  window: MetricsWindow;
}

/** The `podMetrics` stream: the pods of a label selector in a namespace, and their overhead across nodes. */
export interface PodMetricsPicture extends MetricsBase {
  pods: PodUsage[];
  overhead: ContainerOverhead[];
  /** The containers closest to a limit, closest first (at most 5). */
  nearLimits: NearLimit[];
  oomKills: OomKill[];
}

/** The `nodeMetrics` stream: one node's usage and its pods'. */
export interface NodeMetricsPicture extends MetricsBase {
  node?: Usage;
  pods: PodUsage[];
}

export interface UsagePoint extends Usage {
  /** Sample time (ms since the epoch). */
  t: number;
}

/** The `podUsage` stream: one pod's total over the window, for its chart. */
export interface PodUsageSeries extends MetricsBase {
  points: UsagePoint[];
  limits: Partial<Usage>;
}
