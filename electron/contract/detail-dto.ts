// Data of the DaemonSet detail page (issue 6). Plain JSON only, like dto.ts.
import type { AppErrorDTO, DaemonSetRow, NodeSummary, PodProblem, Readable } from './dto.js';

export interface DetailContainer {
  name: string;
  image: string;
  state: 'waiting' | 'running' | 'terminated' | 'unknown';
  /** Waiting or terminated reason: ContainerCreating, ImagePullBackOff, CrashLoopBackOff, Error... */
  reason?: string;
  message?: string;
  ready: boolean;
  restarts: number;
  /** Its declared TCP ports (issue 16: where a port-forward can start); absent when it declares none. */
  ports?: DetailPort[];
}

/** A TCP containerPort of a container, with its name when it has one ("metrics", "http"). */
export interface DetailPort {
  port: number;
  name?: string;
}

export interface DetailPod {
  name: string;
  uid: string;
  /** The node it is for: where it is bound, else the node its affinity pins it to (empty when neither). */
  node: string;
  /** Bound to its node (spec.nodeName): a pod the scheduler cannot place is not. */
  bound: boolean;
  phase: string;
  ready: boolean;
  /** Ready for at least minReadySeconds (as the DaemonSet controller counts it). */
  available: boolean;
  restarts: number;
  /** The pod's controller-revision-hash label. */
  revisionHash: string;
  createdAt: string;
  /** Set once deletion has begun (deletionTimestamp). */
  deleting: boolean;
  containers: DetailContainer[];
  /** Why it is not running and ready, in the cluster's terms (undefined when it is, or while it goes away). */
  problem?: PodProblem;
}

export interface DetailEvent {
  uid: string;
  type: string;
  reason: string;
  message: string;
  /** The object the event is about: the DaemonSet or one of its pods. */
  object: { kind: string; name: string };
  count: number;
  /** First time seen (RFC 3339): its firstTimestamp, else when it was created. */
  firstSeen: string;
  /** Last time seen (RFC 3339). */
  lastSeen: string;
}

export interface DetailRevision {
  name: string;
  revision: number;
  hash: string;
  /** kubernetes.io/change-cause annotation. */
  changeCause?: string;
  createdAt: string;
  /** The pod template the revision recorded (its `data.spec.template`, without `$patch`). */
  template: Record<string, unknown>;
}

export interface DetailCondition {
  type: string;
  status: string;
  reason?: string;
  message?: string;
}

export interface DaemonSetDetailInfo {
  row: DaemonSetRow;
  annotations: Record<string, string>;
  conditions: DetailCondition[];
  /** Hash of the newest revision: pods with it run the current template. */
  updateRevisionHash?: string;
  /** Template of the live object, for diffs against revisions. */
  template: Record<string, unknown>;
}

/**
 * One complete picture of a DaemonSet's detail page. `state`: 'loading' until the first lists arrive; 'deleted' when
 * the DaemonSet disappeared while watched; 'not-found' when it did not exist when the stream opened.
 */
export interface DaemonSetDetail {
  state: 'loading' | 'ok' | 'deleted' | 'not-found';
  daemonSet?: DaemonSetDetailInfo;
  pods: DetailPod[];
  /** The cluster's nodes; which of them the DaemonSet wants, the renderer decides from `daemonSet.template`. */
  nodes: Readable<NodeSummary[]>;
  /** Newest first, at most 200. */
  events: DetailEvent[];
  /** Oldest revision first. */
  revisions: DetailRevision[];
  error?: AppErrorDTO;
}

export interface LogOptions {
  follow: boolean;
  previous: boolean;
  /** Lines from the end to start with; omitted = all. */
  tailLines?: number;
}

/** A chunk of a log stream: complete lines; `ended` once the stream is over (pod gone, stopped, not following). */
export interface LogChunk {
  lines: string[];
  ended: boolean;
  error?: AppErrorDTO;
}

/** SelfSubjectAccessReview answers for the page's actions. */
export interface DetailAccess {
  deletePods: boolean;
  patchDaemonSet: boolean;
  /** `update` (PUT), which the YAML edit sends. */
  updateDaemonSet: boolean;
  deleteDaemonSet: boolean;
  readLogs: boolean;
}

/** The live DaemonSet as the user edits it (no status, no managedFields), and the version it was read at. */
export interface EditableDaemonSet {
  manifest: Record<string, unknown>;
  /** Sent back with the update, so a change made meanwhile gives a 409 instead of being overwritten. */
  resourceVersion: string;
}

// ---- issue 17: the daemonSetDetail stream sends deltas (common/detail-delta.ts's diffDetail / applyDetail) ----
/** Items new or changed (whole) and the names of those gone. */
export interface DetailListChange<T> {
  set: T[];
  removed: string[];
}

/**
 * A change to a DaemonSetDetail. `reset`: the lists' `set` are all of them (sent first, and to a late joiner);
 * otherwise only the pods and nodes that changed, by name. `state`, `daemonSet`, `events`, `revisions` and `error`
 * are whole.
 */
export interface DaemonSetDetailDelta extends Omit<DaemonSetDetail, 'pods' | 'nodes'> {
  reset: boolean;
  pods: DetailListChange<DetailPod>;
  nodes: Readable<DetailListChange<NodeSummary>>;
}
