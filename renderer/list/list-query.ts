import type { DaemonSetRow } from '../../electron/contract/dto';
import { statusOf, type Phase } from '../shared/status';

export type SortKey = 'name' | 'status' | 'created';
export type StatusFilter = 'all' | Phase;

export interface ListQuery {
  search: string;
  status: StatusFilter;
  /** Issue 18: '' every row; '-' rows no Helm release manages; `<namespace>/<release>` that release's rows. */
  helm: string;
  sort: { key: SortKey; direction: 'asc' | 'desc' };
}

export const defaultQuery = (): ListQuery => ({
  search: '',
  status: 'all',
  helm: '',
  sort: { key: 'name', direction: 'asc' },
});

/**
 * One search term matches a row when: `k=v` — the row has label k with value v; otherwise the term is part of the
 * name or alias, or is exactly a label key. Terms separated by spaces must all match.
 */
export function matchesSearch(row: DaemonSetRow, search: string): boolean {
  const terms = search.trim().toLowerCase().split(/\s+/).filter(Boolean);
  return terms.every((term) => {
    const eq = term.indexOf('=');
    if (eq > 0) {
      const key = term.slice(0, eq);
      const value = term.slice(eq + 1);
      return Object.entries(row.labels).some(([k, v]) => k.toLowerCase() === key && v.toLowerCase() === value);
    }
    if (row.name.toLowerCase().includes(term)) return true;
    if (row.alias?.toLowerCase().includes(term)) return true;
    return Object.keys(row.labels).some((k) => k.toLowerCase() === term);
  });
}

// One collator for all comparisons: much cheaper than String.localeCompare on thousands of rows.
const collator = new Intl.Collator('en', { numeric: true });

const phaseOrder: Record<Phase, number> = { Updating: 0, Stopped: 1, Running: 2 };

function compareBy(key: SortKey, phases: Map<string, Phase>): (a: DaemonSetRow, b: DaemonSetRow) => number {
  const byName = (a: DaemonSetRow, b: DaemonSetRow) =>
    collator.compare(a.name, b.name) || collator.compare(a.namespace, b.namespace);
  if (key === 'name') return byName;
  if (key === 'created') return (a, b) => Date.parse(a.createdAt) - Date.parse(b.createdAt) || byName(a, b);
  return (a, b) =>
    phaseOrder[phases.get(a.key) ?? 'Running'] - phaseOrder[phases.get(b.key) ?? 'Running'] || byName(a, b);
}

/** The Helm filter's key of a row's release ('-' when none manages it). */
export const helmKey = (row: DaemonSetRow): string => (row.helm ? `${row.helm.namespace}/${row.helm.release}` : '-');

/** The Helm releases of the rows, sorted; `previous` itself when it holds the same ones. */
export function helmReleasesOf(rows: Iterable<DaemonSetRow>, previous?: string[]): string[] {
  const keys = new Set<string>();
  for (const row of rows) if (row.helm) keys.add(helmKey(row));
  const next = [...keys].sort();
  return previous?.length === next.length && previous.every((key, i) => key === next[i]) ? previous : next;
}

export const matchesHelm = (row: DaemonSetRow, helm: string): boolean => helm === '' || helmKey(row) === helm;

/** The rows the table shows: searched, filtered by status, sorted. Status is computed once per row. */
export function applyQuery(rows: Iterable<DaemonSetRow>, query: ListQuery): DaemonSetRow[] {
  const phases = new Map<string, Phase>();
  const out: DaemonSetRow[] = [];
  for (const row of rows) {
    if (query.search && !matchesSearch(row, query.search)) continue;
    if (!matchesHelm(row, query.helm)) continue;
    const phase = statusOf(row).phase;
    if (query.status !== 'all' && phase !== query.status) continue;
    phases.set(row.key, phase);
    out.push(row);
  }
  const compare = compareBy(query.sort.key, phases);
  out.sort(query.sort.direction === 'asc' ? compare : (a, b) => compare(b, a));
  return out;
}
