import type { KubeObject } from './types.js';

// An informer cache's indexes, as client-go's Indexer keeps them: index value → the keys of the objects that have it.
// Only keys are held (the objects stay in the cache alone), and an empty set is dropped at once, so an index costs a
// few strings per object and per label.

type Index = Map<string, Set<string>>;

function addTo(index: Index, value: string, key: string): void {
  let keys = index.get(value);
  if (!keys) index.set(value, (keys = new Set()));
  keys.add(key);
}

function removeFrom(index: Index, value: string, key: string): void {
  const keys = index.get(value);
  if (!keys) return;
  keys.delete(key);
  if (keys.size === 0) index.delete(value);
}

// A label pair as one index value; NUL cannot occur in a label key or value.
const pair = (key: string, value: string): string => `${key}\u0000${value}`;

export class CacheIndex<T extends KubeObject> {
  private readonly namespaces: Index = new Map();
  private readonly labels: Index = new Map();
  private readonly custom: Index = new Map();

  /** `indexer.index`: the source's own index values of an object (the uid a Warning event is about). */
  constructor(private readonly indexer: { index?(object: T): string[] } = {}) {}

  add(key: string, object: T): void {
    addTo(this.namespaces, object.metadata?.namespace ?? '', key);
    for (const [label, value] of Object.entries(object.metadata?.labels ?? {})) {
      addTo(this.labels, pair(label, value), key);
    }
    for (const value of this.indexer.index?.(object) ?? []) addTo(this.custom, value, key);
  }

  remove(key: string, object: T): void {
    removeFrom(this.namespaces, object.metadata?.namespace ?? '', key);
    for (const [label, value] of Object.entries(object.metadata?.labels ?? {})) {
      removeFrom(this.labels, pair(label, value), key);
    }
    for (const value of this.indexer.index?.(object) ?? []) removeFrom(this.custom, value, key);
  }

  indexed(value: string): Iterable<string> {
    return this.custom.get(value) ?? [];
  }

  inNamespace(namespace: string): Iterable<string> {
    return this.namespaces.get(namespace) ?? [];
  }

  /** Keys of the objects holding every pair; undefined for an empty selector (everything matches). */
  matching(selector: Record<string, string>): Iterable<string> | undefined {
    const sets = Object.entries(selector).map(([label, value]) => this.labels.get(pair(label, value)));
    if (sets.length === 0) return undefined;
    if (sets.some((keys) => keys === undefined)) return [];
    // Walk the smallest set, check the others.
    const sorted = (sets as Set<string>[]).sort((a, b) => a.size - b.size);
    const [smallest, ...rest] = sorted;
    return [...(smallest ?? [])].filter((key) => rest.every((keys) => keys.has(key)));
  }
}
