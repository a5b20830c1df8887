import type { DaemonSetRow } from '../../electron/contract/dto';
import { applyQuery, matchesHelm, matchesSearch, type ListQuery } from './list-query';
import { statusOf } from '../shared/status';

/** The query as plain values: read once per run, not once per row through the store's reactive proxy. */
interface PlainQuery {
  search: string;
  status: ListQuery['status'];
  helm: string;
  sortKey: ListQuery['sort']['key'];
}

/** What filtering and sorting read from a row: while it is the same for every row, the order cannot change. */
function orderInput(row: DaemonSetRow, query: PlainQuery): string {
  const shown =
    (!query.search || matchesSearch(row, query.search)) &&
    matchesHelm(row, query.helm) &&
    (query.status === 'all' || statusOf(row).phase === query.status);
  if (!shown) return '-';
  if (query.sortKey === 'created') return row.createdAt;
  if (query.sortKey === 'status') return statusOf(row).phase;
  // Name order reads name and namespace, which are the row's key.
  return '+';
}

/**
 * applyQuery with memory. Under churn most batches only change status counts: the rows and everything the filter and
 * sort read stay the same, so the previous order is reused with the new row objects (one pass, no comparisons),
 * instead of sorting thousands of rows with the collator on every frame. Any other change sorts afresh.
 *
 * Rows are immutable (a change is a new object, see list/row-map.ts), so a row object seen last time has the same
 * order input as then: only replaced rows are looked at, and a frame of churn costs a Map lookup per row.
 */
export function createQueryRunner(): (rows: Iterable<DaemonSetRow>, query: ListQuery) => DaemonSetRow[] {
  let lastQuery = '';
  let lastRows = new Map<string, DaemonSetRow>();
  let lastInputs = new Map<string, string>();
  let lastOrder: string[] = [];

  return (rows, query) => {
    const plain: PlainQuery = { search: query.search, status: query.status, helm: query.helm, sortKey: query.sort.key };
    const queryKey = JSON.stringify([plain.search, plain.status, plain.helm, plain.sortKey, query.sort.direction]);
    const current = new Map<string, DaemonSetRow>();
    let same = queryKey === lastQuery;
    for (const row of rows) {
      current.set(row.key, row);
      if (!same || lastRows.get(row.key) === row) continue;
      const before = lastInputs.get(row.key);
      const input = orderInput(row, plain);
      if (before !== input) same = false;
    }
    if (same && current.size === lastRows.size) {
      lastRows = current;
      return lastOrder.map((key) => current.get(key) as DaemonSetRow);
    }
    const inputs = new Map<string, string>();
    for (const row of current.values()) inputs.set(row.key, orderInput(row, plain));
    const out = applyQuery(current.values(), query);
    lastQuery = queryKey;
    lastRows = current;
    lastInputs = inputs;
    lastOrder = out.map((row) => row.key);
    return out;
  };
}
