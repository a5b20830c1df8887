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

export interface QueryRunner {
  /** A batch replaced these rows in the Map (same keys, new objects). */
  noteReplaced(keys: Iterable<string>): void;
  /** A batch added or removed rows, or reset them: the next run looks at every row. */
  noteAll(): void;
  /** The rows the table shows (applyQuery's answer), from the rows and the notes since the last run. */
  run(rows: Map<string, DaemonSetRow>, query: ListQuery): DaemonSetRow[];
}

/**
 * applyQuery with memory, in two steps.
 *
 * Under churn nearly every batch only replaces rows with new status counts. When the store says which rows a batch
 * replaced and none of them changed what the filter and sort read, the previous answer is kept and only those rows
 * are swapped in at their positions: a batch costs its own size, not a pass over thousands of rows, and a batch that
 * touches no row shown returns the very same array, so nothing downstream recomputes.
 *
 * Otherwise every row is looked at, still without sorting while the order cannot have changed: rows are immutable (a
 * change is a new object, list/row-map.ts), so only row objects not seen last time have their order input read.
 * Anything else (a new query, a row whose order input changed, rows added or removed) sorts afresh.
 */
export function createQueryRunner(): QueryRunner {
  let lastQuery = '';
  let lastMap: Map<string, DaemonSetRow> | null = null;
  let lastSize = -1;
  let lastRows = new Map<string, DaemonSetRow>();
  let lastInputs = new Map<string, string>();
  let lastIndex = new Map<string, number>();
  let lastOut: DaemonSetRow[] = [];
  let replaced = new Set<string>();
  let all = true;

  const plainOf = (query: ListQuery): PlainQuery => ({
    search: query.search,
    status: query.status,
    helm: query.helm,
    sortKey: query.sort.key,
  });
  const keyOf = (plain: PlainQuery, query: ListQuery): string =>
    JSON.stringify([plain.search, plain.status, plain.helm, plain.sortKey, query.sort.direction]);

  /** Swaps the replaced rows in; undefined when one of them could move, appear or vanish. */
  function swapIn(rows: Map<string, DaemonSetRow>, plain: PlainQuery): DaemonSetRow[] | undefined {
    let out = lastOut;
    for (const key of replaced) {
      const row = rows.get(key);
      if (!row || orderInput(row, plain) !== lastInputs.get(key)) return undefined;
    }
    for (const key of replaced) {
      const row = rows.get(key) as DaemonSetRow;
      lastRows.set(key, row);
      const index = lastIndex.get(key);
      if (index === undefined) continue;
      if (out === lastOut) out = lastOut.slice();
      out[index] = row;
    }
    return out;
  }

  function full(rows: Map<string, DaemonSetRow>, query: ListQuery, plain: PlainQuery, queryKey: string) {
    const current = new Map<string, DaemonSetRow>();
    let same = queryKey === lastQuery;
    for (const row of rows.values()) {
      current.set(row.key, row);
      if (!same || lastRows.get(row.key) === row) continue;
      if (lastInputs.get(row.key) !== orderInput(row, plain)) same = false;
    }
    let out: DaemonSetRow[];
    if (same && current.size === lastRows.size) {
      out = lastOut.map((row) => current.get(row.key) as DaemonSetRow);
    } else {
      const inputs = new Map<string, string>();
      for (const row of current.values()) inputs.set(row.key, orderInput(row, plain));
      out = applyQuery(current.values(), query);
      lastInputs = inputs;
      lastIndex = new Map(out.map((row, i) => [row.key, i]));
    }
    lastQuery = queryKey;
    lastRows = current;
    return out;
  }

  return {
    noteReplaced(keys) {
      if (!all) for (const key of keys) replaced.add(key);
    },
    noteAll() {
      all = true;
      replaced = new Set();
    },
    run(rows, query) {
      const plain = plainOf(query);
      const queryKey = keyOf(plain, query);
      // The notes only describe the Map they were taken on; a new Map (a new stream) or one whose size moved
      // without a note is looked at in full.
      const noted = !all && queryKey === lastQuery && rows === lastMap && rows.size === lastSize;
      const out = (noted && swapIn(rows, plain)) || full(rows, query, plain, queryKey);
      lastOut = out;
      lastMap = rows;
      lastSize = rows.size;
      replaced = new Set();
      all = false;
      return out;
    },
  };
}
