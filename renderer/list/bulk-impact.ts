import type { DaemonSetRow } from '../../electron/contract/dto';

/** What a redeploy or delete of these DaemonSets does to their pods, for the confirmation that names it. */
export interface BulkImpact {
  names: string[];
  /** Every pod they have now: on the nodes they should run on and on those they should not (misscheduled). */
  pods: number;
  /** The pods a redeploy replaces now: those of RollingUpdate DaemonSets, as the controller rolls them. */
  restarting: number;
  /** OnDelete DaemonSets: a redeploy changes their template, and their pods only when someone deletes them. */
  onDelete: string[];
}

export function bulkImpact(rows: readonly DaemonSetRow[]): BulkImpact {
  const impact: BulkImpact = { names: [], pods: 0, restarting: 0, onDelete: [] };
  for (const row of rows) {
    impact.names.push(row.name);
    impact.pods += row.status.current + row.status.misscheduled;
    if (row.strategy.type === 'OnDelete') impact.onDelete.push(row.name);
    else impact.restarting += row.status.current;
  }
  return impact;
}
