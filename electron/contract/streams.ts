import type { DaemonSetDelta, ProjectSelection } from './dto.js';
import type { DaemonSetDetailDelta, LogChunk, LogOptions } from './detail-dto.js';
import type { MatrixDelta } from './matrix-dto.js';
import type { ExecChunk, TerminalSize } from './exec-dto.js';
import type { NodeView } from './node-view-dto.js';
import type { PodView } from './pod-view-dto.js';
import type { ForwardState } from './forward-dto.js';
import type { NodeMetricsPicture, PodMetricsPicture, PodUsageSeries } from './metrics-dto.js';

/** The contract's one cleanup type (as VS Code's): whatever starts something the caller must end hands one back. */
export interface Disposable {
  dispose(): void;
}

/**
 * Every live view the backend serves: what opening it takes and what it sends. One wire protocol carries them all:
 * `streams.open(name, args)` answers with a stream id, deltas arrive as `onDidReceiveDelta` events tagged with that
 * id, and `streams.dispose(id)` ends the stream. Validators for each stream's args are in channels.ts.
 */
export interface EverynodeStreams {
  /** The DaemonSets of a project (or '*' for all): a reset batch first, then changes. */
  daemonSets: { args: [context: string, selection: ProjectSelection]; delta: DaemonSetDelta };
  /** One DaemonSet with its pods, nodes, events and revisions: a reset first (and to a late joiner), then the pods and nodes that changed. */
  daemonSetDetail: { args: [context: string, namespace: string, name: string]; delta: DaemonSetDetailDelta };
  /** One read of a container's log; its last chunk says `ended`. Never shared between clients. */
  logs: {
    args: [context: string, namespace: string, pod: string, container: string, options: LogOptions];
    delta: LogChunk;
  };
  /** The coverage matrix of a project (or '*' for all): nodes × DaemonSets, a reset first, then changed rows. */
  coverage: { args: [context: string, selection: ProjectSelection]; delta: MatrixDelta };
  // ---- issue 16: a shell in the pod ----
  /** An interactive shell (tty) in a container: its output, the last chunk saying how it ended. Never shared. */
  exec: {
    args: [context: string, namespace: string, pod: string, container: string, size: TerminalSize];
    delta: ExecChunk;
  };
  /** One node with its pods and the DaemonSets that do not run there: a reset first (and to a late joiner), then the pods and nodes that changed. */
  nodeView: { args: [context: string, node: string]; delta: NodeView };
  // ---- issue 15: the pod panel ----
  /** One pod with its events: a reset first (and to a late joiner), then the pods and nodes that changed. */
  podView: { args: [context: string, namespace: string, pod: string]; delta: PodView };
  // ---- issue 16: port-forward ----
  /**
   * A listener on 127.0.0.1:`localPort` (0: a free one) tunnelled to `port` of the pod; its state, the last delta
   * saying how it ended. Never shared; it ends with its stream (Stop, the client going away, a context switch).
   */
  forward: {
    args: [context: string, namespace: string, pod: string, port: number, localPort: number];
    delta: ForwardState;
  };
  // ---- issue 16: CPU and memory (sampled from metrics.k8s.io while one is open; every delta a complete picture) ----
  /** The pods of a label selector in a namespace: latest usage, overhead across nodes, near limits, OOM kills. */
  podMetrics: { args: [context: string, namespace: string, labelSelector: string]; delta: PodMetricsPicture };
  /** One node's usage and its pods'. */
  nodeMetrics: { args: [context: string, node: string]; delta: NodeMetricsPicture };
  /** One pod's total usage over the window, for its chart. */
  podUsage: { args: [context: string, namespace: string, pod: string]; delta: PodUsageSeries };
}

export type StreamName = keyof EverynodeStreams;
export type StreamArgs<N extends StreamName> = EverynodeStreams[N]['args'];
export type StreamDelta<N extends StreamName> = EverynodeStreams[N]['delta'];

/** One delta of an open stream, as the `onDidReceiveDelta` event carries it. */
export interface StreamEvent<N extends StreamName = StreamName> {
  streamId: string;
  delta: StreamDelta<N>;
  /** Set on the stream's last delta: the backend has ended it (its log ended, its context went away). */
  ended?: true;
}
