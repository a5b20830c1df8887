import { computed, nextTick, ref, watch, type Ref, type WatchSource } from 'vue';
import { gridMove, scrollToShow, type GridAt } from '../nodes/grid-keys';

/** A virtualised grid's geometry, as the roving focus needs it to scroll a cell into view. */
export interface GridGeometry {
  scroller: Ref<HTMLElement | null>;
  rows: () => number;
  cols: () => number;
  rowHeight: number;
  cellWidth: number;
  /** Columns before this one are sticky (never scrolled), and cover this many pixels on the left. */
  stickyCols: number;
  stickyWidth: number;
  /** Which cell positions are in the DOM now: the focus waits for a cell the list has not drawn yet. */
  drawn: (at: GridAt) => boolean;
  /** Changes when the virtual list draws other rows or columns. */
  redrawn: WatchSource;
}

/**
 * One roving tab stop over a virtualised grid (the coverage matrix): cells carry `data-at="row:col"` and the tabindex
 * this gives; the arrows, Home/End, Ctrl+Home/End and PageUp/PageDown move it (grid-keys.ts), scrolling the list so
 * the cell shows clear of the sticky headers, then focusing it once drawn; Enter follows the cell's link.
 */
export function useGridFocus(g: GridGeometry) {
  const active = ref<GridAt>({ row: 0, col: 0 });
  // The active cell, kept inside the grid as rows come and go (a filter, a node leaving).
  const at = computed(() => ({
    row: Math.max(0, Math.min(active.value.row, g.rows() - 1)),
    col: Math.max(0, Math.min(active.value.col, g.cols() - 1)),
  }));
  // The tab stop: the active cell, or while it is scrolled out of the DOM, the first drawn row's header.
  const stop = ref<GridAt>({ row: 0, col: 0 });
  let wanted: GridAt | null = null;

  function focusWanted(): void {
    const cell = wanted && g.scroller.value?.querySelector(`[data-at="${wanted.row}:${wanted.col}"]`);
    if (!(cell instanceof HTMLElement)) return;
    wanted = null;
    cell.focus({ preventScroll: true });
  }
  watch([g.redrawn, at], () => void nextTick(focusWanted));

  function firstDrawnRow(): number {
    const first = g.scroller.value?.querySelector('[data-at$=":0"]')?.getAttribute('data-at');
    return first ? Number(first.split(':')[0]) : 0;
  }
  watch(
    [g.redrawn, at],
    () => {
      stop.value = g.drawn(at.value) ? at.value : { row: firstDrawnRow(), col: 0 };
    },
    { flush: 'post', immediate: true },
  );

  const headHeight = (el: HTMLElement): number => el.querySelector<HTMLElement>('[role="rowgroup"]')?.offsetHeight ?? 0;

  function reveal(next: GridAt): void {
    const el = g.scroller.value;
    if (!el) return;
    const head = headHeight(el);
    el.scrollTop = scrollToShow(el.scrollTop, el.clientHeight, head, head + next.row * g.rowHeight, g.rowHeight);
    if (next.col >= g.stickyCols) {
      const left = g.stickyWidth + (next.col - g.stickyCols) * g.cellWidth;
      el.scrollLeft = scrollToShow(el.scrollLeft, el.clientWidth, g.stickyWidth, left, g.cellWidth);
    }
    wanted = next;
    focusWanted();
  }

  function onKeydown(event: KeyboardEvent): void {
    const cell = event.target instanceof HTMLElement ? event.target.closest('[data-at]') : null;
    if (!cell || event.target !== cell) return;
    if (event.key === 'Enter') {
      const link = cell.querySelector('a');
      if (!link) return;
      event.preventDefault();
      link.click();
      return;
    }
    const el = g.scroller.value;
    const page = el ? Math.floor((el.clientHeight - headHeight(el)) / g.rowHeight) : 1;
    const next = gridMove(event, at.value, { rows: g.rows(), cols: g.cols(), page });
    if (!next) return;
    event.preventDefault();
    active.value = next;
    reveal(next);
  }

  /** A cell (or a link in it) got the focus, by the mouse too: it becomes the active one. */
  function onFocusin(event: FocusEvent): void {
    const where =
      event.target instanceof HTMLElement ? event.target.closest('[data-at]')?.getAttribute('data-at') : null;
    if (!where) return;
    const [row, col] = where.split(':').map(Number);
    if (row !== undefined && col !== undefined) active.value = { row, col };
  }

  /** The attributes of the cell at (row, col). */
  const cell = (row: number, col: number) => ({
    'data-at': `${row}:${col}`,
    tabindex: stop.value.row === row && stop.value.col === col ? 0 : -1,
  });

  return { cell, onKeydown, onFocusin };
}
