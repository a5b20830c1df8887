import type { GridCell } from './node-grid';

// The node grid at thousands of nodes: its cells go to the page in blocks (one small component each), so a flush that
// changed a few cells re-renders their blocks instead of walking all 5,000, and a flush that changed every cell (a new
// revision turns them all "old") reaches the DOM a bounded number of cells per frame instead of in one long task.

/**
 * Cells per block: small enough that re-rendering or laying out one is cheap, few enough blocks that walking them is
 * too; a multiple of most column counts (1–6, 8, 10, 12...), so block ends rarely leave a row of the grid half empty.
 */
export const BLOCK_CELLS = 240;
/**
 * Changed cells the page patches per frame before it yields: a rolling update's step of 10 % on 5,000 nodes reaches
 * the DOM in one frame (25–35 ms of work on this 2-core machine; at 250, its second half waited a frame more).
 */
export const CELLS_PER_FRAME = 500;

/**
 * `cells` cut into blocks of `size`, each the same array as the block at its place in `before` while none of its cells
 * changed (cells kept by identity, as keepEqual keeps them); `before` itself when no block changed.
 */
export function gridBlocks(
  cells: readonly GridCell[],
  before: readonly GridCell[][],
  size = BLOCK_CELLS,
): GridCell[][] {
  const blocks: GridCell[][] = [];
  let changed = Math.ceil(cells.length / size) !== before.length;
  for (let start = 0, i = 0; start < cells.length; start += size, i++) {
    const was = before[i];
    const end = Math.min(start + size, cells.length);
    if (was !== undefined && was.length === end - start && was.every((cell, j) => cell === cells[start + j])) {
      blocks.push(was);
    } else {
      blocks.push(cells.slice(start, end));
      changed = true;
    }
  }
  return changed ? blocks : (before as GridCell[][]);
}

function differing(have: readonly GridCell[] | undefined, want: readonly GridCell[]): number {
  if (have === undefined) return want.length;
  let count = Math.abs(have.length - want.length);
  for (let j = 0; j < Math.min(have.length, want.length); j++) if (have[j] !== want[j]) count++;
  return count;
}

/**
 * One frame's step from the blocks shown to the blocks wanted: blocks are taken over in order until `budget` changed
 * cells have been (at least one block, so it always ends); the rest stay as shown for the next frame. `done` when what
 * is returned is `target`'s picture.
 */
export function stepTowards(
  shown: readonly GridCell[][],
  target: readonly GridCell[][],
  budget = CELLS_PER_FRAME,
): { next: GridCell[][]; done: boolean } {
  const next: GridCell[][] = [];
  let spent = 0;
  for (let i = 0; i < target.length; i++) {
    const want = target[i] as GridCell[];
    const have = shown[i];
    if (want === have) {
      next.push(want);
      continue;
    }
    if (spent >= budget) {
      // Beyond the blocks shown, the rest come in a later frame (nothing after this one is shown yet either).
      if (have === undefined) return { next, done: false };
      next.push(have);
      continue;
    }
    spent += differing(have, want);
    next.push(want);
  }
  const done = next.every((block, i) => block === target[i]);
  return { next: done ? (target as GridCell[][]) : next, done };
}

/** A cell's words, translated once per locale for all of them (5,000 cells × 4 lookups was most of a full re-render). */
export interface CellLabels {
  state: Record<GridCell['state'], string>;
  revision: Record<GridCell['revision'], string>;
  replacing: string;
  nodeNotReady: string;
}
