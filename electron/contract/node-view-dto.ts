import type { CoverageReason } from '../../common/coverage.js';
import type { FitProblem } from '../../common/fit.js';
import type { AppErrorDTO, NodeTaint } from './dto.js';
import type { DetailPod } from './detail-dto.js';

// The node view (#/nodes/<context>/<node>): one node, the pods on it, the DaemonSets that do not run there, and what
// the user may do to it. Every delta of its stream is a complete picture.

export interface NodeCondition {
  type: string;
  status: string;
  reason?: string;
  message?: string;
}

/** Milli-CPU, bytes, pods; absent where the node does not say. */
export interface NodeAmounts {
  cpu?: number;
  memory?: number;
  pods?: number;
}

export interface NodeFacts {
  name: string;
  labels: Record<string, string>;
  taints: NodeTaint[];
  conditions: NodeCondition[];
  /** Cordoned: spec.unschedulable. */
  unschedulable: boolean;
  allocatable: NodeAmounts;
  /** The requests of the pods bound here that have not finished, as the scheduler counts them. */
  requested: { cpu: number; memory: number; pods: number };
}

/** A DaemonSet's pod on the node, with the detail page's pod state. */
export interface NodeDaemonPod {
  namespace: string;
  daemonSet: string;
  pod: DetailPod;
}

/**
 * What `kubectl drain --ignore-daemonsets` needs to evict a pod besides the defaults: --force for a pod no controller
 * manages, --delete-emptydir-data for one with emptyDir volumes (neither for a pod that has finished).
 */
export type DrainNeed = 'force' | 'deleteEmptyDirData';

/** A pod on the node that no DaemonSet owns. */
export interface NodeOtherPod {
  namespace: string;
  name: string;
  /** Its controller (`ReplicaSet web-7c9f`), empty when none. */
  owner: string;
  phase: string;
  deleting: boolean;
  /** A static pod's mirror: the kubelet owns it, drain leaves it. */
  mirror: boolean;
  needs: DrainNeed[];
}

/** A DaemonSet without a pod here: not wanted (and why), or wanted and missing (and what does not fit, if anything). */
export interface NodeAbsentDaemonSet {
  namespace: string;
  name: string;
  reason: CoverageReason | { kind: 'missing'; unfit: FitProblem[] };
}

export interface NodeView {
  state: 'loading' | 'ok' | 'not-found' | 'forbidden';
  node?: NodeFacts;
  daemonPods: NodeDaemonPod[];
  otherPods: NodeOtherPod[];
  absent: NodeAbsentDaemonSet[];
  /** SelfSubjectAccessReviews: patch nodes (cordon), and that plus create pods/eviction in every namespace (drain). */
  may: { cordon: boolean; drain: boolean };
  /** Why the DaemonSets or pods are not shown in full (the user may not list them cluster-wide). */
  gaps: string[];
  error?: AppErrorDTO;
}

export interface DrainOptions {
  /** --force: also evict pods no controller manages. */
  force: boolean;
  /** --delete-emptydir-data: also evict pods with emptyDir volumes. */
  deleteEmptyDirData: boolean;
}

/** One pod's outcome; `blocked` is a 429 from a PodDisruptionBudget that did not clear within the drain's time. */
export interface DrainPodResult {
  namespace: string;
  name: string;
  outcome: 'evicted' | 'gone' | 'blocked' | 'failed' | 'not-confirmed';
  message?: string;
}

export interface DrainResult {
  cordoned: boolean;
  pods: DrainPodResult[];
}
