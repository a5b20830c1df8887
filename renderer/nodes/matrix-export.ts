import type { MatrixCell } from '../../electron/contract/matrix-dto';
import type { MatrixView } from './matrix-view';

// The matrix as an SRE attaches it to an incident: CSV (one row per node, one column per DaemonSet, cells as
// `state: reason`) or JSON (the same, with the reasons structured). What is exported is what the filters show.

/** A CSV field as RFC 4180 writes it: quoted when it holds a comma, a quote or a line break. */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** A cell's reason in the cluster's own terms (untranslated: the file is read next to kubectl output). */
export function cellReason(cell: MatrixCell): string {
  const why = cell.why;
  switch (why?.kind) {
    case undefined:
    case 'notCreated':
      return '';
    case 'selector':
    case 'affinity':
    case 'taint':
      return `${why.kind}: ${why.detail}`;
    case 'pod':
      return [why.reason, ...(why.shortfalls ?? [])].join(' ');
    case 'createFailed':
      return why.message;
    case 'fit':
      return why.problems.map((p) => (p.kind === 'hostPort' ? `hostPort ${p.port}/${p.protocol}` : p.kind)).join(' ');
  }
}

const cellText = (cell: MatrixCell | undefined): string => {
  if (!cell) return '';
  const reason = cellReason(cell);
  return reason ? `${cell.state}: ${reason}` : cell.state;
};

export function matrixCsv(view: MatrixView): string {
  const header = ['node', ...view.columns.map(({ column }) => column.key), 'ok', 'expected'];
  const lines = [header.map(csvField).join(',')];
  for (const row of view.rows) {
    const cells = view.columns.map(({ index }) => cellText(row.cells[index]));
    lines.push([row.node.name, ...cells, String(row.ok), String(row.expected)].map(csvField).join(','));
  }
  return `${lines.join('\r\n')}\r\n`;
}

export function matrixJson(context: string, view: MatrixView): string {
  const daemonSets = view.columns.map(({ column }) => ({
    namespace: column.namespace,
    name: column.name,
    eligible: column.eligible,
    covered: column.covered,
  }));
  const nodes = view.rows.map((row) => ({
    name: row.node.name,
    labels: row.node.labels,
    ok: row.ok,
    expected: row.expected,
    cells: Object.fromEntries(view.columns.map(({ column, index }) => [column.key, row.cells[index] ?? null])),
  }));
  return `${JSON.stringify({ context, daemonSets, nodes }, null, 2)}\n`;
}
