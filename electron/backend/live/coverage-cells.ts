import type { PodSpec } from 'kubernetes-types/core/v1';
import type { MatrixCell, MatrixNode, NodeRoom, PodProblem } from '../../contract/index.js';
import { unmetAffinity, whyNot } from '../../../common/coverage.js';
import { fitProblems } from '../../../common/fit.js';
import { PROGRESS_REASONS } from '../resources/pod-problem.js';
import type { PodCell } from '../kinds/pod-cell.js';
import type { WarningEvent } from '../kinds/warning-event.js';

// The state of one DaemonSet's pod on one node: the one rule of the coverage matrix. Eligibility is the wizard
// preview's (common/coverage.ts, the DaemonSet controller's nodeShouldRunDaemonPod); a pod's reason is the list's
// (resources/pod-problem.ts). Pure: everything it reads is passed in.

export interface CellInput {
  /** The DaemonSet's pod template spec, its uid and the hash of its newest ControllerRevision (if known). */
  spec: PodSpec;
  uid: string;
  updateHash?: string;
  /** The node; undefined when the user may not list nodes (then a node without a pod is unknown). */
  node?: MatrixNode;
  /** The DaemonSet's pods on this node. */
  pods: PodCell[];
  /** The node's room, when every pod on it is known: a missing pod is then checked for fit (read only then). */
  room?: () => NodeRoom | undefined;
  /** The newest FailedCreate message of this DaemonSet, if any. */
  createFailed?: string;
  /** The user may not list pods of the DaemonSet's namespace. */
  podsForbidden?: boolean;
  /** The Warning events about a pod (by uid) that its status cannot say: FailedMount, Unhealthy. */
  eventsOf?: (uid: string) => WarningEvent[];
}

// Not trouble yet: a pod being set up, waiting to be scheduled in general, or not ready yet.
const starting = (reason: string): boolean =>
  PROGRESS_REASONS.has(reason) || /^Init:\d+\/\d+$/.test(reason) || reason === 'Pending' || reason === 'NotReady';

function podWhy(problem: PodProblem): MatrixCell['why'] {
  const why: MatrixCell['why'] = { kind: 'pod', reason: problem.reason };
  if (problem.message) why.message = problem.message;
  const short = (problem.shortfalls ?? []).map((s) =>
    s.kind === 'resource' ? s.resource : s.kind === 'taint' ? s.taint : s.kind === 'other' ? s.text : s.kind,
  );
  if (short.length > 0) why.shortfalls = short;
  return why;
}

const newest = (events: WarningEvent[], reasons: string[], prefix = ''): WarningEvent | undefined => {
  let found: WarningEvent | undefined;
  for (const e of events) {
    if (!reasons.includes(e.reason) || !e.message.startsWith(prefix)) continue;
    if (!found || e.lastSeen > found.lastSeen) found = e;
  }
  return found;
};

/**
 * A pod's problem with what only its events say, by the list's rule (resources/pod-problem.ts): a pod whose status
 * says only that it is being set up (ContainerCreating, Init:0/1) and that has started no container is stuck on a
 * volume when the kubelet said FailedMount; a running pod that is not ready says why its probe failed.
 */
function withEvents(pod: PodCell, problem: PodProblem, eventsOf: CellInput['eventsOf']): PodProblem {
  const events = eventsOf?.(pod.metadata.uid ?? '') ?? [];
  if (events.length === 0) return problem;
  if (!pod.started && starting(problem.reason) && problem.reason !== 'NotReady') {
    const mount = newest(events, ['FailedMount', 'FailedAttachVolume']);
    if (mount) return { reason: mount.reason, ...(mount.message ? { message: mount.message } : {}) };
  }
  if (problem.reason === 'NotReady' && problem.message === undefined) {
    const probe = newest(events, ['Unhealthy'], 'Readiness probe') ?? newest(events, ['Unhealthy'], 'Startup probe');
    if (probe) return { ...problem, message: probe.message };
  }
  return problem;
}

/** The cell of a node that has a pod of the DaemonSet: the newest pod not being deleted decides. */
function podCellState(input: CellInput, pods: PodCell[]): MatrixCell {
  const current = pods.find((p) => input.updateHash !== undefined && p.revisionHash === input.updateHash);
  const pod = current ?? pods[0];
  if (!pod) return { state: 'unknown' };
  const name = pod.metadata.name ?? '';
  if (pod.problem) {
    const problem = withEvents(pod, pod.problem, input.eventsOf);
    const state = starting(problem.reason) ? 'starting' : 'failing';
    return { state, pod: name, why: podWhy(problem) };
  }
  const old = input.updateHash !== undefined && input.updateHash !== '' && pod.revisionHash !== input.updateHash;
  return { state: old ? 'updating' : 'available', pod: name };
}

/** What the cell of this DaemonSet on this node is, and why. */
export function cellState(input: CellInput): MatrixCell {
  const pods = input.pods.filter((p) => !p.deleting && p.ownerUid === input.uid);
  if (pods.length > 0) return podCellState(input, pods);
  const { node } = input;
  if (node === undefined) return { state: 'unknown' };
  const why = whyNot(input.spec, node);
  if (why) {
    switch (why.kind) {
      case 'nodeSelector':
        return { state: 'notWanted', why: { kind: 'selector', detail: why.detail } };
      // A template pinned to one node (spec.nodeName) acts as a selector on the node's name.
      case 'nodeName':
        return { state: 'notWanted', why: { kind: 'selector', detail: `nodeName=${why.detail}` } };
      case 'affinity':
        return { state: 'notWanted', why: { kind: 'affinity', detail: unmetAffinity(input.spec, node) ?? why.detail } };
      case 'taint':
        return { state: 'notWanted', why: { kind: 'taint', detail: why.detail } };
    }
  }
  // Eligible and no pod: the gap the matrix is for. Unknown when the pods cannot be seen at all.
  if (input.podsForbidden) return { state: 'unknown' };
  if (input.createFailed) return { state: 'missing', why: { kind: 'createFailed', message: input.createFailed } };
  const room = input.room?.();
  const problems = room ? fitProblems(input.spec, room, input.uid) : [];
  if (problems.length > 0) return { state: 'missing', why: { kind: 'fit', problems } };
  return { state: 'missing', why: { kind: 'notCreated' } };
}

/** Whether a cell counts as expected (the node wants the pod) and as covered (a ready pod runs there). */
export const isExpected = (cell: MatrixCell): boolean => cell.state !== 'notWanted' && cell.state !== 'unknown';
export const isCovered = (cell: MatrixCell): boolean => cell.state === 'available' || cell.state === 'updating';
