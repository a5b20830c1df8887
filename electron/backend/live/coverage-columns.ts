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

/** Per column (in the columns' order): how many rows expect its pod, and how many have it running. */
export interface ColumnCounts {
  eligible: number[];
  covered: number[];
}

/** Adds a row's cells to the counts (`sign` -1 takes them away: the row before it changed, or a node gone). */
export function tally(counts: ColumnCounts, row: MatrixRow | undefined, sign: 1 | -1): void {
  row?.cells.forEach((cell, i) => {
    if (isExpected(cell)) counts.eligible[i] = (counts.eligible[i] ?? 0) + sign;
    if (isCovered(cell)) counts.covered[i] = (counts.covered[i] ?? 0) + sign;
  });
}

/** The counts over every row, for `width` columns. */
export function countRows(width: number, rows: Iterable<MatrixRow>): ColumnCounts {
  const counts = { eligible: new Array<number>(width).fill(0), covered: new Array<number>(width).fill(0) };
  for (const row of rows) tally(counts, row, 1);
  return counts;
}

/** What a column is sent as: its identity and its counts over the rows. */
export function columnSummaries(columns: Column[], counts: ColumnCounts): MatrixColumn[] {
  return columns.map((c, i) => ({
    key: c.key,
    namespace: c.namespace,
    name: c.name,
    uid: c.uid,
    eligible: counts.eligible[i] ?? 0,
    covered: counts.covered[i] ?? 0,
  }));
}
