import type { DaemonSetRow } from '../../electron/contract/dto';
import type { Message } from './message';
import { issueReason } from './stuck-reason';
import { rolloutOf } from '../../common/status';

export type Phase = 'Updating' | 'Stopped' | 'Running';

export interface RowStatus {
  phase: Phase;
  /** Why the row is in this phase, when there is something to say. */
  reason?: Message;
}

/** The status rules of product.md section 2, in their order (the rollout part is common/status.ts), with reasons. */
export function rowStatus(row: DaemonSetRow): RowStatus {
  const s = row.status;
  const desired = s.desired;
  const fromPods = issueReason(row.podIssues, desired);
  const rolling = row.strategy.type === 'RollingUpdate';
  const rollout = rolloutOf({ ...s, generation: row.generation, observedGeneration: row.observedGeneration, rolling });

  if (rollout === 'unobserved') return { phase: 'Updating', reason: fromPods ?? { key: 'status.reason.notObserved' } };
  if (rollout === 'stopped') return { phase: 'Stopped', reason: { key: 'status.reason.noNodes' } };
  if (rollout === 'rolling') return { phase: 'Updating', reason: fromPods ?? countsReason(row) };
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
