import type { DaemonSetRow, PodIssue } from '../../electron/contract/dto';
import type { Message } from './message';

export type Phase = 'Updating' | 'Stopped' | 'Running';

export interface RowStatus {
  phase: Phase;
  /** Why the row is in this phase, when there is something to say. */
  reason?: Message;
}

// Worst first: a crashing container matters more than a pull in progress.
const severity: Record<string, number> = {
  CrashLoopBackOff: 0,
  ImagePullBackOff: 1,
  ErrImagePull: 2,
  CreateContainerConfigError: 3,
  CreateContainerError: 3,
  InvalidImageName: 3,
  RunContainerError: 3,
  OOMKilled: 4,
  Error: 4,
  Unschedulable: 5,
  Pending: 6,
};
const pullingReasons = new Set(['ContainerCreating', 'Pulling', 'PodInitializing']);

function rank(issue: PodIssue): number {
  if (pullingReasons.has(issue.reason)) return 100;
  return severity[issue.reason] ?? 50;
}

/** The reason a not-yet-settled DaemonSet gives, taken from its own pods' issues (worst first). */
export function issueReason(issues: PodIssue[], desired: number): Message | undefined {
  const worst = [...issues].filter((issue) => issue.nodes.length > 0).sort((a, b) => rank(a) - rank(b))[0];
  if (!worst) return undefined;
  const count = worst.nodes.length;
  if (pullingReasons.has(worst.reason)) {
    return { key: 'status.reason.pulling', params: { count, desired: Math.max(desired, count) } };
  }
  const node = worst.nodes[0];
  if (count === 1 && node) return { key: 'status.reason.onNode', params: { reason: worst.reason, node } };
  return { key: 'status.reason.onNodes', params: { reason: worst.reason, count }, plural: count };
}

/**
 * The status rules of product.md section 2, in their order. KubeSphere's own rule only compares ready pods, so a
 * rollout in progress looks Running there; here every part of the status block counts.
 */
export function rowStatus(row: DaemonSetRow): RowStatus {
  const s = row.status;
  const desired = s.desired;
  const fromPods = issueReason(row.podIssues, desired);

  if (row.observedGeneration === undefined || row.observedGeneration < row.generation) {
    return { phase: 'Updating', reason: fromPods ?? { key: 'status.reason.notObserved' } };
  }
  if (desired === 0) {
    return { phase: 'Stopped', reason: { key: 'status.reason.noNodes' } };
  }
  const rolling = row.strategy.type === 'RollingUpdate';
  if (s.available < desired || s.misscheduled > 0 || (rolling && s.updated < desired)) {
    return { phase: 'Updating', reason: fromPods ?? countsReason(row) };
  }
  if (!rolling) {
    // OnDelete: old pods stay until someone deletes them, which is a state the user chose, not a rollout.
    const old = row.oldRevisionPods ?? Math.max(0, s.current - s.updated);
    if (old > 0)
      return { phase: 'Running', reason: { key: 'status.reason.oldRevision', params: { old, total: desired } } };
  }
  return { phase: 'Running' };
}

function countsReason(row: DaemonSetRow): Message {
  const s = row.status;
  if (s.misscheduled > 0)
    return { key: 'status.reason.misscheduled', params: { count: s.misscheduled }, plural: s.misscheduled };
  if (row.strategy.type === 'RollingUpdate' && s.updated < s.desired) {
    return { key: 'status.reason.updated', params: { updated: s.updated, desired: s.desired } };
  }
  return { key: 'status.reason.available', params: { available: s.available, desired: s.desired } };
}

// Rows are immutable (a change replaces the object), so a row's status is computed once, however often the list is
// filtered, sorted and rendered.
const cache = new WeakMap<DaemonSetRow, RowStatus>();

/** rowStatus, memoised per row object. */
export function statusOf(row: DaemonSetRow): RowStatus {
  let status = cache.get(row);
  if (!status) cache.set(row, (status = rowStatus(row)));
  return status;
}

/** "ready/desired" as the table shows it. */
export function readyText(row: DaemonSetRow): string {
  return `${row.status.ready}/${row.status.desired}`;
}
