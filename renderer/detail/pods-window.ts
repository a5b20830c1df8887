import type { DetailPod } from '../../electron/contract/detail-dto';

// The pods table's rules that do not need the DOM: from how many pods it renders only the rows in view, and which
// pods a search leaves. A DaemonSet has one pod per node, so at thousands of nodes a full <table> costs seconds of
// layout and paint on every change; below this count it renders every row, as it always did (the browser's own find
// still sees every pod).
export const VIRTUAL_FROM = 100;

/** A row's height before it is measured (one line of text and the row's buttons). */
export const ROW_ESTIMATE_PX = 37;

/** Rows rendered beyond each edge of the view, so scrolling and Tab find the next rows already there. */
export const OVERSCAN = 10;

export const isVirtual = (count: number): boolean => count > VIRTUAL_FROM;

/** The pods whose name or node holds the search (case-insensitive); all of them for an empty search. */
export function matchingPods(pods: readonly DetailPod[], search: string): readonly DetailPod[] {
  const needle = search.trim().toLowerCase();
  if (needle === '') return pods;
  return pods.filter((pod) => pod.name.toLowerCase().includes(needle) || pod.node.toLowerCase().includes(needle));
}

/** The heights above and below the rendered rows, which keep the scroll bar the size of the whole table. */
export function spacers(
  items: readonly { start: number; end: number }[],
  totalSize: number,
): { before: number; after: number } {
  const first = items[0];
  const last = items[items.length - 1];
  if (first === undefined || last === undefined) return { before: 0, after: 0 };
  return { before: first.start, after: Math.max(0, totalSize - last.end) };
}
