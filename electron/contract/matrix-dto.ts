// Data of the coverage matrix (issue 15): nodes × DaemonSets of one context, every cell computed in the backend.
// Plain JSON only, like dto.ts.
import type { FitProblem } from '../../common/fit.js';
import type { AppErrorDTO, NodeTaint } from './dto.js';

/**
 * What one DaemonSet's pod on one node is: available (ready, current revision), updating (ready, older revision),
 * starting, failing, missing although the node is eligible (the gap that matters), not wanted there (selector,
 * affinity, taint), or unknown (the user may not list nodes, so eligibility cannot be judged).
 */
export type CellState = 'available' | 'updating' | 'starting' | 'failing' | 'missing' | 'notWanted' | 'unknown';

/** Why a cell is what it is, in the cluster's terms (translated by kind in the renderer). */
export type CellWhy =
  /** notWanted: the first rule of the DaemonSet controller the node fails. */
  | { kind: 'selector' | 'affinity' | 'taint'; detail: string }
  /** failing or starting: the pod's reason (ImagePullBackOff, CrashLoopBackOff, Unschedulable, ContainerCreating). */
  | { kind: 'pod'; reason: string; message?: string; shortfalls?: string[] }
  /** missing: the controller's last FailedCreate (a quota, an admission refusal). */
  | { kind: 'createFailed'; message: string }
  /** missing: the pod would not fit (resources, host port). */
  | { kind: 'fit'; problems: FitProblem[] }
  /** missing: no pod and nothing that says why (the controller has not made it yet). */
  | { kind: 'notCreated' };

export interface MatrixCell {
  state: CellState;
  /** The pod's name, when there is one. */
  pod?: string;
  why?: CellWhy;
}

/** A DaemonSet column: `namespace/name` is its key. */
export interface MatrixColumn {
  key: string;
  namespace: string;
  name: string;
  uid: string;
  /** Nodes that want its pod, and how many of those run one that is available or updating. */
  eligible: number;
  covered: number;
}

export interface MatrixNode {
  name: string;
  labels: Record<string, string>;
  taints: NodeTaint[];
  unschedulable: boolean;
  ready: boolean;
  /** Conditions other than Ready that are True (DiskPressure, MemoryPressure, ...), and Ready when it is not. */
  conditions: { type: string; status: string; reason?: string }[];
  allocatable: { cpu?: number; memory?: number; pods?: number };
}

/** One node's row: a cell per column, in the columns' order; `expected` eligible cells, `ok` of them covered. */
export interface MatrixRow {
  node: MatrixNode;
  cells: MatrixCell[];
  ok: number;
  expected: number;
}

/** A row whose node facts did not change: its new totals and only its changed cells, by column key. */
export interface MatrixRowPatch {
  node: string;
  ok: number;
  expected: number;
  cells: Record<string, MatrixCell>;
}

/**
 * A change to the matrix (applied by common/matrix-delta.ts's applyPicture). `reset`: `rows` are the whole matrix
 * (sent first). Otherwise `rows` are whole rows of nodes that are new or whose node facts changed, `patches` the
 * changed cells of the other rows (a DaemonSet's change is its column's cells, not the matrix), and `removed` the
 * nodes that left. `columns` are always all of them (tens): cells are matched to them by key.
 */
export interface MatrixDelta {
  reset: boolean;
  columns: MatrixColumn[];
  rows: MatrixRow[];
  patches: MatrixRowPatch[];
  removed: string[];
  synced: boolean;
  /** Namespaces whose pods the user may not list: their DaemonSets' cells say unknown, never a silent gap. */
  forbiddenNamespaces: string[];
  /** The user may not list nodes: rows are only the nodes pods are bound to, and eligibility is unknown. */
  nodesForbidden: boolean;
  error?: AppErrorDTO;
}
