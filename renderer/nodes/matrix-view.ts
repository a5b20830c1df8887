import type { MatrixCell, MatrixColumn, MatrixDelta, MatrixRow } from '../../electron/contract/matrix-dto';
import { applyPicture } from '../../common/matrix-delta';

// The coverage matrix's pure parts in the renderer: applying deltas, the filters, and what a row or column sums to.
// Cells arrive computed by the backend (electron/backend/live/coverage-cells.ts); nothing here judges eligibility.

export interface MatrixFilter {
  /** Only nodes where some eligible DaemonSet has no pod. */
  missing: boolean;
  /** Only nodes where some DaemonSet's pod is failing. */
  failing: boolean;
  /** `key` or `key=value`: only nodes with that label (value). */
  label: string;
  /** A column key (`namespace/name`), or '' for all. */
  daemonSet: string;
}

export const emptyFilter = (): MatrixFilter => ({ missing: false, failing: false, label: '', daemonSet: '' });

/**
 * The rows after a delta (common/matrix-delta.ts, the backend's own rule): a reset replaces them, otherwise whole rows
 * replace theirs, patches replace cells by column key, removed ones go. `before`: the columns the rows are in now.
 */
export function applyMatrixDelta(rows: Map<string, MatrixRow>, delta: MatrixDelta, before: MatrixColumn[]): void {
  const keys = (columns: MatrixColumn[]) => columns.map((c) => c.key);
  applyPicture(rows, keys(before), keys(delta.columns), delta);
}

function labelMatches(row: MatrixRow, label: string): boolean {
  const wanted = label.trim();
  if (wanted === '') return true;
  const at = wanted.indexOf('=');
  if (at < 0) return wanted in row.node.labels;
  return row.node.labels[wanted.slice(0, at).trim()] === wanted.slice(at + 1).trim();
}

export interface MatrixView {
  columns: { column: MatrixColumn; index: number }[];
  rows: MatrixRow[];
}

/** The columns and rows the filters let through, rows by node name. */
export function filterMatrix(columns: MatrixColumn[], rows: Iterable<MatrixRow>, filter: MatrixFilter): MatrixView {
  const shown = columns
    .map((column, index) => ({ column, index }))
    .filter(({ column }) => filter.daemonSet === '' || column.key === filter.daemonSet);
  const has = (row: MatrixRow, state: MatrixCell['state']): boolean =>
    shown.some(({ index }) => row.cells[index]?.state === state);
  const kept: MatrixRow[] = [];
  for (const row of rows) {
    if (!labelMatches(row, filter.label)) continue;
    if (filter.missing && !has(row, 'missing')) continue;
    if (filter.failing && !has(row, 'failing')) continue;
    kept.push(row);
  }
  kept.sort((a, b) => a.node.name.localeCompare(b.node.name));
  return { columns: shown, rows: kept };
}

/** Every label key of the nodes, for the label filter's suggestions (zone, role, arch, GPU). */
export function labelKeys(rows: Iterable<MatrixRow>): string[] {
  const keys = new Set<string>();
  for (const row of rows) for (const key of Object.keys(row.node.labels)) keys.add(key);
  return [...keys].sort();
}
