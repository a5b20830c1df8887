// The coverage matrix's deltas, computed in the backend and applied in the renderer: one rule on both sides, so what
// the renderer holds after a delta is what the backend holds. A row's cells are in the columns' order and cells are
// matched across deltas by column key, so a column added, removed or changed costs one cell per row (its column), not
// the whole matrix. Pure and generic (common/ imports no contract type): N is a node, C a cell.

export interface PictureRow<N extends { name: string }, C> {
  node: N;
  cells: C[];
  ok: number;
  expected: number;
}

/** A row whose node is the same as before: its new totals and only the cells that changed, by column key. */
export interface RowPatch<C> {
  node: string;
  ok: number;
  expected: number;
  cells: Record<string, C>;
}

export interface Picture<N extends { name: string }, C> {
  /** Column keys, in order. */
  columns: string[];
  rows: Map<string, PictureRow<N, C>>;
}

export interface PictureChange<N extends { name: string }, C> {
  /** Whole rows: nodes that are new, or whose node facts changed. */
  rows: PictureRow<N, C>[];
  patches: RowPatch<C>[];
  removed: string[];
}

/** Equality of plain JSON values (cells, nodes): kept cells are the same objects, so most compares stop at `===`. */
export function same(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  const keys = Object.keys(x).filter((k) => x[k] !== undefined);
  if (keys.length !== Object.keys(y).filter((k) => y[k] !== undefined).length) return false;
  return keys.every((k) => same(x[k], y[k]));
}

/**
 * What turns `before` into `after`. `touched`: the only nodes that may differ besides those whose cells a column
 * change moves (every row when the column keys differ); all nodes when omitted.
 */
export function diffPicture<N extends { name: string }, C>(
  before: Picture<N, C>,
  after: Picture<N, C>,
  touched?: Iterable<string>,
): PictureChange<N, C> {
  const change: PictureChange<N, C> = { rows: [], patches: [], removed: [] };
  const columnsMoved = !same(before.columns, after.columns);
  const names = touched === undefined || columnsMoved ? after.rows.keys() : touched;
  const oldIndex = new Map(before.columns.map((key, i) => [key, i]));
  for (const name of names) {
    const row = after.rows.get(name);
    if (!row) continue;
    const old = before.rows.get(name);
    if (!old || !same(old.node, row.node)) {
      change.rows.push(row);
      continue;
    }
    const cells: Record<string, C> = {};
    let changed = old.ok !== row.ok || old.expected !== row.expected;
    after.columns.forEach((key, i) => {
      const at = oldIndex.get(key);
      const was = at === undefined ? undefined : old.cells[at];
      const now = row.cells[i] as C;
      if (was === undefined || !same(was, now)) {
        cells[key] = now;
        changed = true;
      }
    });
    if (changed) change.patches.push({ node: name, ok: row.ok, expected: row.expected, cells });
  }
  for (const name of before.rows.keys()) if (!after.rows.has(name)) change.removed.push(name);
  return change;
}

/**
 * Applies a change to rows held in the old columns' order (`before`), in place: afterwards they are in `columns`'
 * order. A reset first empties the rows (its `rows` are all of them).
 */
export function applyPicture<N extends { name: string }, C>(
  rows: Map<string, PictureRow<N, C>>,
  before: string[],
  columns: string[],
  change: PictureChange<N, C> & { reset: boolean },
): void {
  if (change.reset) rows.clear();
  for (const name of change.removed) rows.delete(name);
  if (!change.reset && !same(before, columns)) {
    const oldIndex = new Map(before.map((key, i) => [key, i]));
    for (const [name, row] of rows) {
      const cells = columns.map((key) => {
        const at = oldIndex.get(key);
        return at === undefined ? undefined : row.cells[at];
      });
      rows.set(name, { ...row, cells: cells as C[] });
    }
  }
  const index = new Map(columns.map((key, i) => [key, i]));
  for (const patch of change.patches) {
    const row = rows.get(patch.node);
    if (!row) continue;
    const cells = [...row.cells];
    for (const [key, cell] of Object.entries(patch.cells)) {
      const at = index.get(key);
      if (at !== undefined) cells[at] = cell;
    }
    rows.set(patch.node, { ...row, cells, ok: patch.ok, expected: patch.expected });
  }
  for (const row of change.rows) rows.set(row.node.name, row);
}
