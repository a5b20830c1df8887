import { describe, expect, it } from 'vitest';
import { gridBlocks, stepTowards } from '../../../../renderer/detail/grid-blocks';
import type { GridCell } from '../../../../renderer/detail/node-grid';

const cell = (node: string, state: GridCell['state'] = 'available'): GridCell => ({
  node,
  state,
  revision: 'new',
  replacing: false,
  nodeReady: true,
});
const cellsOf = (count: number, state?: GridCell['state']): GridCell[] =>
  Array.from({ length: count }, (_, i) => cell(`node-${String(i).padStart(4, '0')}`, state));

describe('gridBlocks', () => {
  it('cuts the cells into blocks of the size, the last one shorter', () => {
    const blocks = gridBlocks(cellsOf(250), [], 100);
    expect(blocks.map((b) => b.length)).toEqual([100, 100, 50]);
    expect(blocks.flat().map((c) => c.node)).toEqual(cellsOf(250).map((c) => c.node));
  });

  it('keeps the blocks whose cells are the same objects and gives back the same list when none changed', () => {
    const cells = cellsOf(250);
    const before = gridBlocks(cells, [], 100);
    expect(gridBlocks([...cells], before, 100)).toBe(before);
    const next = [...cells];
    next[150] = cell(next[150]?.node ?? '', 'missing');
    const after = gridBlocks(next, before, 100);
    expect(after).not.toBe(before);
    expect(after[0]).toBe(before[0]);
    expect(after[1]).not.toBe(before[1]);
    expect(after[1]?.[50]?.state).toBe('missing');
    expect(after[2]).toBe(before[2]);
  });

  it('follows a grid that grows or shrinks', () => {
    const before = gridBlocks(cellsOf(150), [], 100);
    const grown = gridBlocks(cellsOf(150).concat(cell('zz')), before, 100);
    expect(grown.map((b) => b.length)).toEqual([100, 51]);
    expect(gridBlocks(cellsOf(40), grown, 100).map((b) => b.length)).toEqual([40]);
    expect(gridBlocks([], grown, 100)).toEqual([]);
  });
});

describe('stepTowards', () => {
  it('takes over changed blocks in order until the budget of changed cells is spent, then the rest', () => {
    const shown = gridBlocks(cellsOf(500), [], 100);
    const target = gridBlocks(cellsOf(500, 'pulling'), shown, 100);
    const first = stepTowards(shown, target, 150);
    expect(first.done).toBe(false);
    // 100 cells, still under 150: a second block; then the budget is spent.
    expect(first.next.map((b, i) => b === target[i])).toEqual([true, true, false, false, false]);
    expect(first.next[2]).toBe(shown[2]);
    const second = stepTowards(first.next, target, 150);
    const third = stepTowards(second.next, target, 150);
    expect(second.done).toBe(false);
    expect(third.done).toBe(true);
    expect(third.next).toBe(target);
  });

  it('takes at least one block a frame, however large, so it always ends', () => {
    const shown = gridBlocks(cellsOf(300), [], 300);
    const target = gridBlocks(cellsOf(300, 'failing'), shown, 300);
    expect(stepTowards(shown, target, 10)).toEqual({ next: target, done: true });
  });

  it('counts only the cells that changed, so a block with one change costs one', () => {
    const shown = gridBlocks(cellsOf(300), [], 100);
    const cells = shown.flat();
    for (const at of [5, 105, 205]) cells[at] = cell(cells[at]?.node ?? '', 'missing');
    const target = gridBlocks(cells, shown, 100);
    expect(stepTowards(shown, target, 3)).toEqual({ next: target, done: true });
  });

  it('shows new blocks past the end in order and drops the blocks no longer wanted', () => {
    const all = cellsOf(400);
    const shown = gridBlocks(all.slice(0, 100), [], 100);
    const target = gridBlocks(all, shown, 100);
    expect(target[0]).toBe(shown[0]);
    const step = stepTowards(shown, target, 100);
    expect(step.done).toBe(false);
    expect(step.next).toHaveLength(2);
    expect(stepTowards(target, shown, 1)).toEqual({ next: shown, done: true });
  });
});
