import type { PodSpec } from 'kubernetes-types/core/v1';
import type { MatrixColumn, MatrixRow } from '../../contract/index.js';
import type { DaemonSetObject } from '../kinds/objects.js';
import type { RevisionRef } from '../kinds/revision-ref.js';
import type { WarningEvent } from '../kinds/warning-event.js';
import { isCovered, isExpected } from './coverage-cells.js';

// The coverage matrix's columns: one per DaemonSet of the selection, with what its cells read (template, newest
// revision hash, last FailedCreate). A column's `signature` is that as text, so a DaemonSet's change recomputes its
// own column only, and the stream sends that column's cells (common/matrix-delta.ts).

export interface Column extends MatrixColumn {
  spec: PodSpec;
  /** The hash of its newest ControllerRevision: pods with another one run an older template. */
  updateHash?: string;
  /** The controller's newest FailedCreate message (a quota, an admission refusal). */
  createFailed?: string;
  signature: string;
}

function newestFailedCreate(events: WarningEvent[]): string | undefined {
  let newest: WarningEvent | undefined;
  for (const e of events) if (e.reason === 'FailedCreate' && (!newest || e.lastSeen > newest.lastSeen)) newest = e;
  return newest?.message;
}

/** The columns, by key; `eventsOf(uid)`: the Warning events about a DaemonSet. */
export function buildColumns(
  daemonSets: DaemonSetObject[],
  revisions: RevisionRef[],
  eventsOf: (uid: string) => WarningEvent[],
): Column[] {
  const newest = new Map<string, RevisionRef>();
  for (const r of revisions) {
    const seen = newest.get(r.ownerUid);
    if (!seen || r.revision > seen.revision) newest.set(r.ownerUid, r);
  }
  return daemonSets
    .filter((ds) => !ds.metadata?.deletionTimestamp)
    .map((ds): Column => {
      const namespace = ds.metadata?.namespace ?? '';
      const name = ds.metadata?.name ?? '';
      const uid = ds.metadata?.uid ?? '';
      const spec = (ds.spec?.template?.spec ?? {}) as PodSpec;
      const updateHash = newest.get(uid)?.hash;
      const createFailed = newestFailedCreate(eventsOf(uid));
      const column: Column = {
        key: `${namespace}/${name}`,
        namespace,
        name,
        uid,
        eligible: 0,
        covered: 0,
        spec,
        signature: '',
      };
      if (updateHash) column.updateHash = updateHash;
      if (createFailed) column.createFailed = createFailed;
      column.signature = JSON.stringify([uid, updateHash, createFailed, spec]);
      return column;
    })
    .sort((a, b) => a.key.localeCompare(b.key));
}

/** What a column is sent as: its identity and counts over the rows. */
export function columnSummaries(columns: Column[], rows: Iterable<MatrixRow>): MatrixColumn[] {
  const eligible = columns.map(() => 0);
  const covered = columns.map(() => 0);
  for (const row of rows) {
    row.cells.forEach((cell, i) => {
      if (isExpected(cell)) eligible[i] = (eligible[i] ?? 0) + 1;
      if (isCovered(cell)) covered[i] = (covered[i] ?? 0) + 1;
    });
  }
  return columns.map((c, i) => ({
    key: c.key,
    namespace: c.namespace,
    name: c.name,
    uid: c.uid,
    eligible: eligible[i] ?? 0,
    covered: covered[i] ?? 0,
  }));
}
