import { describe, expect, it } from 'vitest';
import { gridMove, scrollToShow } from '../../../../renderer/nodes/grid-keys';

const key = (k: string, mods: { ctrlKey?: boolean; metaKey?: boolean; shiftKey?: boolean } = {}) => ({
  key: k,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  shiftKey: false,
  ...mods,
});
const size = { rows: 100, cols: 5, page: 10 };

describe('the matrix keys', () => {
  it('move by one with the arrows, stopping at the edges', () => {
    expect(gridMove(key('ArrowDown'), { row: 3, col: 2 }, size)).toEqual({ row: 4, col: 2 });
    expect(gridMove(key('ArrowUp'), { row: 0, col: 2 }, size)).toEqual({ row: 0, col: 2 });
    expect(gridMove(key('ArrowRight'), { row: 3, col: 4 }, size)).toEqual({ row: 3, col: 4 });
    expect(gridMove(key('ArrowLeft'), { row: 3, col: 1 }, size)).toEqual({ row: 3, col: 0 });
  });

  it('go to the row ends with Home/End and the grid corners with Ctrl (or Cmd)', () => {
    expect(gridMove(key('Home'), { row: 7, col: 3 }, size)).toEqual({ row: 7, col: 0 });
    expect(gridMove(key('End'), { row: 7, col: 1 }, size)).toEqual({ row: 7, col: 4 });
    expect(gridMove(key('Home', { ctrlKey: true }), { row: 7, col: 3 }, size)).toEqual({ row: 0, col: 0 });
    expect(gridMove(key('End', { metaKey: true }), { row: 7, col: 1 }, size)).toEqual({ row: 99, col: 4 });
  });

  it('page by the rows in view, clamped', () => {
    expect(gridMove(key('PageDown'), { row: 3, col: 1 }, size)).toEqual({ row: 13, col: 1 });
    expect(gridMove(key('PageDown'), { row: 95, col: 1 }, size)).toEqual({ row: 99, col: 1 });
    expect(gridMove(key('PageUp'), { row: 5, col: 1 }, size)).toEqual({ row: 0, col: 1 });
  });

  it('leaves other keys, shifted keys and an empty grid alone', () => {
    expect(gridMove(key('Enter'), { row: 0, col: 0 }, size)).toBeUndefined();
    expect(gridMove(key('ArrowDown', { shiftKey: true }), { row: 0, col: 0 }, size)).toBeUndefined();
    expect(gridMove(key('ArrowUp', { ctrlKey: true }), { row: 0, col: 0 }, size)).toBeUndefined();
    expect(gridMove(key('ArrowDown'), { row: 0, col: 0 }, { rows: 0, cols: 5, page: 10 })).toBeUndefined();
  });

  it('scrolls only as far as shows the cell clear of the sticky part', () => {
    // A view of 400 whose first 100 are sticky headers: a cell at 120..164 under them scrolls to 20.
    expect(scrollToShow(40, 400, 100, 120, 44)).toBe(20);
    expect(scrollToShow(0, 400, 100, 200, 44)).toBe(0);
    expect(scrollToShow(0, 400, 100, 500, 44)).toBe(144);
  });
});
