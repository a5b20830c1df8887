import type { DaemonSetDetail } from '../../electron/contract/detail-dto';
import { rowStatus } from '../shared/status';
import { DEFAULT_STALL_MS, stalledSince } from '../shared/stalled';
import { detailNodes } from './eligibility';
import { gridCells, pendingNodes } from './node-grid';

// A rollout "stuck": the DaemonSet is not settled and nothing has moved for a while. Progress is anything that
// changes which pods run where, on which revision, in which state; the store remembers when that last changed.

export const DEFAULT_STUCK_MS = DEFAULT_STALL_MS;

/** What counts as progress: a pod appearing, going, changing state or revision; the controller's counts. */
export function progressSignature(detail: DaemonSetDetail): string {
  const ds = detail.daemonSet;
  if (!ds) return '';
  const s = ds.row.status;
  const pods = detail.pods
    .map((p) => `${p.name}:${p.node}:${p.revisionHash}:${p.phase}:${p.ready}:${p.available}:${p.deleting}`)
    .sort()
    .join(',');
  return `${s.desired}/${s.current}/${s.ready}/${s.available}/${s.updated}/${s.misscheduled}|${pods}`;
}

export interface StuckRollout {
  /** Since when nothing moved (ms since epoch). */
  since: number;
  /** Nodes without an available pod of the current revision. */
  nodes: string[];
}

export function stuckRollout(
  detail: DaemonSetDetail,
  lastProgressAt: number,
  now: number,
  thresholdMs: number,
): StuckRollout | undefined {
  const ds = detail.daemonSet;
  if (!ds || detail.state !== 'ok') return undefined;
  const since = stalledSince(rowStatus(ds.row).phase === 'Updating', lastProgressAt, now, thresholdMs);
  if (since === undefined) return undefined;
  const nodes = detail.nodes.allowed
    ? pendingNodes(gridCells(detailNodes(detail), detail.pods, ds.updateRevisionHash))
    : detail.pods.filter((p) => !p.available || p.revisionHash !== ds.updateRevisionHash).map((p) => p.node);
  return { since, nodes };
}

/**
 * When a page opens on a rollout, the last progress is estimated from the newest pod and the newest revision (a
 * template change creates one), so a rollout stuck before the page opened is flagged without waiting again.
 */
export function initialProgressAt(detail: DaemonSetDetail, now: number): number {
  const times = [...detail.pods.map((p) => p.createdAt), ...detail.revisions.map((r) => r.createdAt)]
    .map((t) => Date.parse(t))
    .filter((t) => Number.isFinite(t));
  return times.length > 0 ? Math.min(now, Math.max(...times)) : now;
}
