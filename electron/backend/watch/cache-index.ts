import type { KubeObject } from './types.js';

// An informer cache's indexes, as client-go's Indexer keeps them: index value → the keys of the objects that have it.
// Only keys are held (the objects stay in the cache alone) and an empty set is dropped at once. Each index is built on
// its first question and kept up to date from then on, so an informer nobody asks by label (the list page's 5,000
// DaemonSets) pays nothing for it.

type Index = Map<string, Set<string>>;
// A method, not a function property: an index of T serves wherever an index of a wider object type is expected.
interface Values<T> {
  of(object: T): Iterable<string>;
}

// A label pair as one index value; NUL cannot occur in a label key or value.
const pair = (key: string, value: string): string => `${key}\u0000${value}`;

const namespaceOf: Values<KubeObject> = { of: (object) => [object.metadata?.namespace ?? ''] };
const labelsOf: Values<KubeObject> = {
  of: (object) => Object.entries(object.metadata?.labels ?? {}).map(([label, value]) => pair(label, value)),
};

function add<T>(index: Index, values: Values<T>, key: string, object: T): void {
  for (const value of values.of(object)) {
    let keys = index.get(value);
    if (!keys) index.set(value, (keys = new Set()));
    keys.add(key);
  }
}

function remove<T>(index: Index, values: Values<T>, key: string, object: T): void {
  for (const value of values.of(object)) {
    const keys = index.get(value);
    if (!keys) continue;
    keys.delete(key);
    if (keys.size === 0) index.delete(value);
  }
}

export class CacheIndex<T extends KubeObject> {
  /** The indexes asked for so far, each with how it reads an object's values. */
  private readonly built = new Map<string, { index: Index; values: Values<T> }>();

  constructor(
    /** The cache, to build an index from on its first question. */
    private readonly cache: ReadonlyMap<string, T>,
    /** `indexer.index`: the source's own index values of an object (the uid a Warning event is about). */
    private readonly indexer: { index?(object: T): string[] } = {},
  ) {}

  add(key: string, object: T): void {
    for (const { index, values } of this.built.values()) add(index, values, key, object);
  }

  remove(key: string, object: T): void {
    for (const { index, values } of this.built.values()) remove(index, values, key, object);
  }

  inNamespace(namespace: string): Iterable<string> {
    return this.index('namespace', namespaceOf).get(namespace) ?? [];
  }

  indexed(value: string): Iterable<string> {
    return this.index('source', { of: (object) => this.indexer.index?.(object) ?? [] }).get(value) ?? [];
  }

  /** Keys of the objects holding every pair; undefined for an empty selector (everything matches). */
  matching(selector: Record<string, string>): Iterable<string> | undefined {
    const labels = this.index('labels', labelsOf);
    const sets = Object.entries(selector).map(([label, value]) => labels.get(pair(label, value)));
    if (sets.length === 0) return undefined;
    if (sets.some((keys) => keys === undefined)) return [];
    // Walk the smallest set, check the others.
    const [smallest, ...rest] = (sets as Set<string>[]).sort((a, b) => a.size - b.size);
    return [...(smallest ?? [])].filter((key) => rest.every((keys) => keys.has(key)));
  }

  private index(name: string, values: Values<T>): Index {
    let entry = this.built.get(name);
    if (!entry) {
      entry = { index: new Map(), values };
      for (const [key, object] of this.cache) add(entry.index, values, key, object);
      this.built.set(name, entry);
    }
    return entry.index;
  }
}
