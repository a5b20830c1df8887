// The detail page's deltas (the daemonSetDetail stream), computed in the backend and applied in the renderer: one rule
// on both sides, as common/matrix-delta.ts is for the coverage matrix. Pods and nodes (thousands each on a big
// cluster) go as patches keyed by name, so a rollout step sends only the pods it changed; the DaemonSet, its events
// and its history are small and go whole. Pure and generic (common/ imports no contract type).
import { same } from './matrix-delta.js';

type Nodes<N> = { allowed: true; value: N[] } | { allowed: false; message: string };

/** What the page shows, as far as the delta rule cares: pods in (node, name) order, nodes in name order. */
export interface DetailShape<P extends { name: string; node: string }, N extends { name: string }> {
  pods: P[];
  nodes: Nodes<N>;
}

/** Items new or changed (whole) and the names of those gone. */
export interface KeyedChange<T> {
  set: T[];
  removed: string[];
}

/**
 * A change to the picture. `reset`: the lists' `set` are all of them (sent first, and to a late joiner). The other
 * parts of S are whole.
 */
export type DetailChange<
  S extends DetailShape<P, N>,
  P extends { name: string; node: string },
  N extends { name: string },
> = Omit<S, 'pods' | 'nodes'> & {
  reset: boolean;
  pods: KeyedChange<P>;
  nodes: { allowed: true; value: KeyedChange<N> } | { allowed: false; message: string };
};

export const byNodeThenName = (a: { name: string; node: string }, b: { name: string; node: string }): number =>
  a.node.localeCompare(b.node) || a.name.localeCompare(b.name);
export const byName = (a: { name: string }, b: { name: string }): number => a.name.localeCompare(b.name);

const nodeValues = <N>(nodes: Nodes<N>): N[] => (nodes.allowed ? nodes.value : []);

/** What turns `before` into `after` (by name; equal items are left out). */
export function diffKeyed<T extends { name: string }>(before: readonly T[], after: readonly T[]): KeyedChange<T> {
  // A list kept as it was (the backend hands back the same array while nothing in it changed).
  if (before === after) return { set: [], removed: [] };
  const old = new Map(before.map((item) => [item.name, item]));
  const set: T[] = [];
  for (const item of after) {
    const was = old.get(item.name);
    old.delete(item.name);
    if (was === undefined || !same(was, item)) set.push(item);
  }
  return { set, removed: [...old.keys()] };
}

/** `sorted` (in `order`) with `added` put in their places: a merge, not a sort of the whole list. */
export function mergeSorted<T>(sorted: readonly T[], added: T[], order: (a: T, b: T) => number): T[] {
  if (added.length === 0) return [...sorted];
  added.sort(order);
  const out: T[] = [];
  let i = 0;
  let j = 0;
  while (i < sorted.length || j < added.length) {
    const a = sorted[i];
    const b = added[j];
    if (b === undefined || (a !== undefined && order(a, b) <= 0)) {
      out.push(a as T);
      i++;
    } else {
      out.push(b);
      j++;
    }
  }
  return out;
}

/**
 * `list` with `change` applied, in `order`. Items not in the change stay the same objects (so the page re-renders only
 * what changed). A rollout step on 5,000 nodes removes and adds hundreds of pods: the others keep their order, so the
 * new ones are merged in rather than the whole list sorted again.
 */
export function applyKeyed<T extends { name: string }>(
  list: readonly T[],
  change: KeyedChange<T>,
  order: (a: T, b: T) => number,
): T[] {
  if (change.set.length === 0 && change.removed.length === 0) return list as T[];
  const index = new Map(list.map((item, i) => [item.name, i]));
  const next: (T | undefined)[] = [...list];
  const placed: T[] = [];
  for (const name of change.removed) {
    const at = index.get(name);
    if (at !== undefined) next[at] = undefined;
  }
  for (const item of change.set) {
    const at = index.get(item.name);
    const was = at === undefined ? undefined : next[at];
    // In place while it keeps its place in the order; else out, to be merged in with the new ones.
    if (at !== undefined && was !== undefined && order(was, item) === 0) next[at] = item;
    else {
      if (at !== undefined) next[at] = undefined;
      placed.push(item);
    }
  }
  const kept = (
    change.removed.length > 0 || placed.length > 0 ? next.filter((item) => item !== undefined) : next
  ) as T[];
  return placed.length === 0 ? kept : mergeSorted(kept, placed, order);
}

/**
 * The change from `before` (undefined: none yet, a reset) to `after`. `podsChange`: what turns `before.pods` into
 * `after.pods`, when the caller knows it (the backend's pod cache does), instead of comparing every pod.
 */
export function diffDetail<
  S extends DetailShape<P, N>,
  P extends { name: string; node: string },
  N extends { name: string },
>(before: S | undefined, after: S, podsChange?: KeyedChange<P>): DetailChange<S, P, N> {
  const { pods, nodes, ...rest } = after;
  return {
    ...rest,
    reset: before === undefined,
    pods: before !== undefined && podsChange !== undefined ? podsChange : diffKeyed(before?.pods ?? [], pods),
    nodes: nodes.allowed
      ? { allowed: true, value: diffKeyed(before ? nodeValues(before.nodes) : [], nodes.value) }
      : { allowed: false, message: nodes.message },
  };
}

/** Whether a change changes nothing of the lists (the whole parts are the caller's to compare). */
export const listsUnchanged = <P extends { name: string; node: string }, N extends { name: string }>(
  change: DetailChange<DetailShape<P, N>, P, N>,
): boolean =>
  change.pods.set.length === 0 &&
  change.pods.removed.length === 0 &&
  (!change.nodes.allowed || (change.nodes.value.set.length === 0 && change.nodes.value.removed.length === 0));

/** `before` (null: nothing yet) with `change` applied; the lists keep their unchanged items' objects. */
export function applyDetail<
  S extends DetailShape<P, N>,
  P extends { name: string; node: string },
  N extends { name: string },
>(before: S | null, change: DetailChange<S, P, N>): S {
  const { reset, pods, nodes, ...rest } = change;
  const base = reset || before === null ? undefined : before;
  const next = {
    ...rest,
    pods: applyKeyed(base?.pods ?? [], pods, byNodeThenName),
    nodes: nodes.allowed
      ? { allowed: true as const, value: applyKeyed(base ? nodeValues(base.nodes) : [], nodes.value, byName) }
      : nodes,
  };
  return next as unknown as S;
}
