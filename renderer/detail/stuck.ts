import type { DaemonSetDetail, DaemonSetDetailDelta, DetailPod } from '../../electron/contract/detail-dto';
import { rowStatus } from '../shared/status';
import { DEFAULT_STALL_MS, stalledSince } from '../shared/stalled';
import { detailNodes } from './eligibility';
import { gridCells, pendingNodes } from './node-grid';

// A rollout "stuck": the DaemonSet is not settled and nothing has moved for a while. Progress is anything that
// changes which pods run where, on which revision, in which state; the store remembers when that last changed.

export const DEFAULT_STUCK_MS = DEFAULT_STALL_MS;

/** What counts as progress in a pod: where it runs, on which revision, in which state. */
const podMark = (p: DetailPod): string =>
  `${p.node}:${p.revisionHash}:${p.phase}:${p.ready}:${p.available}:${p.deleting}`;

/** And in the controller's counts ('' while there is no DaemonSet). */
function countsMark(detail: DaemonSetDetail): string {
  const s = detail.daemonSet?.row.status;
  return s ? `${s.desired}/${s.current}/${s.ready}/${s.available}/${s.updated}/${s.misscheduled}` : '';
}

/**
 * The last picture's progress marks, pod by pod: a delta is judged by the pods it carries, so a rollout step on 5,000
 * nodes looks at the pods it changed, not at all 5,000 (a signature of every pod cost milliseconds per delta).
 */
export class ProgressMarks {
  private pods = new Map<string, string>();
  private counts = '';

  /** Whether a DaemonSet has been seen: the first picture with one dates the progress from its pods (initialProgressAt). */
  started(): boolean {
    return this.counts !== '';
  }

  /** Whether `next`, the picture `change` led to, moved: a pod came, went or changed its mark, or the counts did. */
  moved(change: Pick<DaemonSetDetailDelta, 'reset' | 'pods'>, next: DaemonSetDetail): boolean {
    let moved = false;
    if (change.reset) {
      const fresh = new Map(next.pods.map((p) => [p.name, podMark(p)]));
      moved = fresh.size !== this.pods.size || [...fresh].some(([name, mark]) => this.pods.get(name) !== mark);
      this.pods = fresh;
    } else {
      for (const name of change.pods.removed) if (this.pods.delete(name)) moved = true;
      for (const pod of change.pods.set) {
        const mark = podMark(pod);
        if (this.pods.get(pod.name) === mark) continue;
        this.pods.set(pod.name, mark);
        moved = true;
      }
    }
    const counts = countsMark(next);
    if (counts !== this.counts) moved = true;
    this.counts = counts;
    return moved;
  }
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
