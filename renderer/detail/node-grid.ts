import type { DaemonSetDetail, DetailPod } from '../../electron/contract/detail-dto';
import type { PodProblem } from '../../electron/contract/dto';
import { detailNodes, type DetailNode } from './eligibility';

// The node grid: one cell per node the DaemonSet wants, showing where its pod is in its life (so a rolling update is
// visible wave by wave), and the nodes it does not want with the reason.

export type CellState = 'missing' | 'terminating' | 'failing' | 'pulling' | 'running' | 'ready' | 'available';
export type CellRevision = 'new' | 'old' | 'none';

export interface GridCell {
  node: string;
  state: CellState;
  revision: CellRevision;
  pod?: string;
  /** The waiting or terminated reason behind 'failing' or 'pulling' (ImagePullBackOff, ContainerCreating...). */
  reason?: string;
  /** Why the pod is stuck, as the backend named it (reason, the cluster's message, shortfalls, restarts). */
  problem?: PodProblem;
  /** An old pod is still terminating on this node beside the one shown. */
  replacing: boolean;
  nodeReady: boolean;
}

const FAILING = new Set([
  'CrashLoopBackOff',
  'ImagePullBackOff',
  'ErrImagePull',
  'CreateContainerConfigError',
  'CreateContainerError',
  'InvalidImageName',
  'RunContainerError',
  'OOMKilled',
  'Error',
]);

// States the pod will not leave by itself: the scheduler found no room, a volume cannot be mounted.
const STUCK = new Set(['Unschedulable', 'FailedMount', 'FailedAttachVolume']);

export function podState(pod: DetailPod): { state: CellState; reason?: string } {
  if (pod.deleting) return { state: 'terminating' };
  const problem = pod.problem?.reason;
  if (problem && (STUCK.has(problem) || FAILING.has(problem.replace(/^Init:/, '')))) {
    return { state: 'failing', reason: problem };
  }
  for (const c of pod.containers) {
    if (c.reason && FAILING.has(c.reason) && !c.ready) return { state: 'failing', reason: c.reason };
  }
  if (pod.phase === 'Failed') return { state: 'failing', reason: 'Failed' };
  const waiting = pod.containers.find((c) => c.state === 'waiting');
  if (waiting || pod.phase === 'Pending') {
    return waiting?.reason ? { state: 'pulling', reason: waiting.reason } : { state: 'pulling' };
  }
  if (pod.available) return { state: 'available' };
  if (pod.ready) return { state: 'ready' };
  return { state: 'running' };
}

function revisionOf(pod: DetailPod, updateHash: string | undefined): CellRevision {
  if (!updateHash || !pod.revisionHash) return 'none';
  return pod.revisionHash === updateHash ? 'new' : 'old';
}

/** The cell of `node`, whose pods (of this DaemonSet) are `here`. */
export function cellFor(node: string, here: DetailPod[], nodeReady: boolean, updateHash: string | undefined): GridCell {
  // The live pod wins over one that is terminating; among live ones the newest.
  const live = here.filter((p) => !p.deleting).sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  const shown = live[0] ?? here[0];
  if (!shown) return { node, state: 'missing', revision: 'none', replacing: false, nodeReady };
  const { state, reason } = podState(shown);
  const cell: GridCell = {
    node,
    state,
    revision: revisionOf(shown, updateHash),
    pod: shown.name,
    replacing: live.length > 0 && here.some((p) => p.deleting),
    nodeReady,
  };
  if (reason) cell.reason = reason;
  if (shown.problem && !shown.deleting) cell.problem = shown.problem;
  return cell;
}

/** The pods by the node they are for (pods for no node left out). */
export function podsByNode(pods: readonly DetailPod[]): Map<string, DetailPod[]> {
  const byNode = new Map<string, DetailPod[]>();
  for (const pod of pods) {
    if (!pod.node) continue;
    const list = byNode.get(pod.node) ?? [];
    list.push(pod);
    byNode.set(pod.node, list);
  }
  return byNode;
}

/** One cell per eligible node (and per node that still runs a pod though no longer eligible), in node name order. */
export function gridCells(nodes: DetailNode[], pods: DetailPod[], updateHash: string | undefined): GridCell[] {
  return cellsOf(nodes, podsByNode(pods), updateHash);
}

/** gridCells with the pods already grouped by node (podsByNode). */
export function cellsOf(
  nodes: readonly DetailNode[],
  byNode: Map<string, DetailPod[]>,
  updateHash: string | undefined,
): GridCell[] {
  const ready = new Map(nodes.map((n) => [n.name, n.ready]));
  const names = new Set([...nodes.filter((n) => n.eligible).map((n) => n.name), ...byNode.keys()]);
  return [...names].sort().map((node) => cellFor(node, byNode.get(node) ?? [], ready.get(node) ?? true, updateHash));
}

/** Nodes of the grid without an available pod: what maxUnavailable bounds during a rolling update. */
export function unavailableNodes(cells: GridCell[]): string[] {
  return cells.filter((c) => c.state !== 'available').map((c) => c.node);
}

/** Nodes that block a rollout: no available pod of the new revision yet. */
export function pendingNodes(cells: GridCell[]): string[] {
  return cells.filter((c) => !(c.state === 'available' && c.revision !== 'old')).map((c) => c.node);
}

export function ineligibleNodes(detail: DaemonSetDetail): DetailNode[] {
  // Usually none: the pods (5,000 on a big cluster, at every delta) are looked at only when some node is not wanted.
  const unwanted = detailNodes(detail).filter((n) => !n.eligible);
  if (unwanted.length === 0) return unwanted;
  const withPods = new Set(detail.pods.map((p) => p.node));
  return unwanted.filter((n) => !withPods.has(n.name));
}
