import type { DaemonSetRow } from '../../electron/contract/dto';
import { applyQuery, matchesSearch, type ListQuery } from './list-query';
import { statusOf } from './status';

/** What filtering and sorting read from a row: while it is the same for every row, the order cannot change. */
function orderInput(row: DaemonSetRow, query: ListQuery): string {
  const shown =
    (!query.search || matchesSearch(row, query.search)) &&
    (query.status === 'all' || statusOf(row).phase === query.status);
  if (!shown) return '-';
  if (query.sort.key === 'created') return row.createdAt;
  if (query.sort.key === 'status') return statusOf(row).phase;
  // Name order reads name and namespace, which are the row's key.
  return '+';
}

/**
 * applyQuery with memory. Under churn most batches only change status counts: the rows and everything the filter and
 * sort read stay the same, so the previous order is reused with the new row objects (one pass, no comparisons),
 * instead of sorting thousands of rows with the collator on every frame. Any other change sorts afresh.
 */
export function createQueryRunner(): (rows: Iterable<DaemonSetRow>, query: ListQuery) => DaemonSetRow[] {
  let lastQuery = '';
  let lastInputs = new Map<string, string>();
  let lastOrder: string[] = [];

  return (rows, query) => {
    const queryKey = JSON.stringify([query.search, query.status, query.sort.key, query.sort.direction]);
    const inputs = new Map<string, string>();
    const current = new Map<string, DaemonSetRow>();
    let same = queryKey === lastQuery;
    for (const row of rows) {
      const input = orderInput(row, query);
      inputs.set(row.key, input);
      current.set(row.key, row);
      if (same && lastInputs.get(row.key) !== input) same = false;
    }
    if (same && inputs.size === lastInputs.size) {
      return lastOrder.map((key) => current.get(key) as DaemonSetRow);
    }
    const out = applyQuery(current.values(), query);
    lastQuery = queryKey;
    lastInputs = inputs;
    lastOrder = out.map((row) => row.key);
    return out;
  };
}
