// The coverage matrix's keys, as the ARIA grid pattern has them: one cell of the grid is a tab stop, the arrows move
// it, Home/End go to the row's first and last cell, Ctrl+Home/Ctrl+End to the grid's, PageUp/PageDown by the rows in
// view. Columns are the node (row header), the per-node summary, then one per DaemonSet; rows are the nodes.

export interface GridAt {
  row: number;
  col: number;
}

export interface GridSize {
  rows: number;
  cols: number;
  /** How many rows one PageUp or PageDown moves (the rows in view). */
  page: number;
}

export interface GridKey {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  shiftKey: boolean;
}

const clamp = (n: number, max: number): number => Math.max(0, Math.min(n, max - 1));

/** Where a key moves the focus from `at`, or undefined when the key is not a move (it is left to the browser). */
export function gridMove(press: GridKey, at: GridAt, size: GridSize): GridAt | undefined {
  if (press.altKey || press.shiftKey || size.rows === 0 || size.cols === 0) return undefined;
  // Ctrl on Linux and Windows, Cmd on macOS: the grid's corners.
  const corner = press.ctrlKey || press.metaKey;
  const last = { row: size.rows - 1, col: size.cols - 1 };
  const to = (row: number, col: number): GridAt => ({ row: clamp(row, size.rows), col: clamp(col, size.cols) });
  if (corner) {
    if (press.key === 'Home') return { row: 0, col: 0 };
    if (press.key === 'End') return last;
    return undefined;
  }
  switch (press.key) {
    case 'ArrowUp':
      return to(at.row - 1, at.col);
    case 'ArrowDown':
      return to(at.row + 1, at.col);
    case 'ArrowLeft':
      return to(at.row, at.col - 1);
    case 'ArrowRight':
      return to(at.row, at.col + 1);
    case 'Home':
      return to(at.row, 0);
    case 'End':
      return to(at.row, last.col);
    case 'PageUp':
      return to(at.row - Math.max(1, size.page), at.col);
    case 'PageDown':
      return to(at.row + Math.max(1, size.page), at.col);
    default:
      return undefined;
  }
}

/** The scroll offset that brings [start, start + length) into a view of `size` whose first `covered` are sticky. */
export function scrollToShow(offset: number, size: number, covered: number, start: number, length: number): number {
  if (start - covered < offset) return Math.max(0, start - covered);
  if (start + length > offset + size) return start + length - size;
  return offset;
}
