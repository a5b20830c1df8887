import { fuzzyMatch } from './fuzzy';

// What the command palette offers, and how a query filters and groups it. Pure: the component builds the entries
// from the stores and runs the chosen one.

export type EntryKind = 'action' | 'daemonSet' | 'node' | 'project' | 'context';
/** The order the groups show in. */
export const KINDS: readonly EntryKind[] = ['action', 'daemonSet', 'node', 'project', 'context'];

export interface PaletteEntry {
  /** Unique across the palette: the option's DOM id is built from it. */
  id: string;
  kind: EntryKind;
  /** What is matched and shown (a DaemonSet's name, a node's, an action's translated title). */
  label: string;
  /** Shown after the label, not matched (a DaemonSet's project, a context's cluster). */
  detail?: string;
}

export interface PaletteGroup<E extends PaletteEntry> {
  kind: EntryKind;
  entries: E[];
}

/** Entries of each kind shown at most: the palette jumps, it does not list a 5,000-node cluster. */
export const PER_KIND = 8;

/** The entries matching `query`, best first within each kind, grouped in KINDS order; empty groups are left out. */
export function searchPalette<E extends PaletteEntry>(entries: readonly E[], query: string): PaletteGroup<E>[] {
  const scored = new Map<EntryKind, { entry: E; score: number }[]>();
  for (const entry of entries) {
    const match = fuzzyMatch(query, entry.label);
    if (match === null) continue;
    const list = scored.get(entry.kind) ?? [];
    list.push({ entry, score: match.score });
    scored.set(entry.kind, list);
  }
  return KINDS.flatMap((kind) => {
    const list = scored.get(kind);
    if (!list) return [];
    // A stable sort: equal scores keep the order given (actions as listed, names as the stores hold them).
    list.sort((a, b) => b.score - a.score);
    return [{ kind, entries: list.slice(0, PER_KIND).map((s) => s.entry) }];
  });
}

/** The next option index for an arrow key, wrapping at both ends; -1 when there is none. */
export function moveActive(current: number, count: number, step: 1 | -1): number {
  if (count === 0) return -1;
  if (current < 0) return step === 1 ? 0 : count - 1;
  return (current + step + count) % count;
}
