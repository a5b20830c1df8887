import { CacheIndex } from './cache-index.js';
import type { KubeObject } from './types.js';

/**
 * Where an informer keeps what it caches, by key (`namespace/name`). The default is a map of the objects with
 * client-go's indexes (MapStore); a source that keeps millions of small, alike objects can bring a compact store of
 * its own (kinds/pod-cell-store.ts: the coverage matrix's pods), which hands out objects equal to the ones put in.
 */
export interface InformerStore<T> {
  readonly size: number;
  get(key: string): T | undefined;
  put(key: string, object: T): void;
  /** Forgets the key; the object it held, if any. */
  remove(key: string): T | undefined;
  keys(): Iterable<string>;
  values(): T[];
  /** The objects of one namespace ('' for cluster-scoped ones). */
  inNamespace(namespace: string): T[];
  /** The objects whose labels hold every pair; undefined for an empty selector (everything matches). */
  matching(labels: Record<string, string>): T[] | undefined;
  /** The objects the source's own index gives this value. */
  indexed(value: string): T[];
}

/** The objects in a map, with indexes built on their first question (cache-index.ts). */
export class MapStore<T extends KubeObject> implements InformerStore<T> {
  private readonly cache = new Map<string, T>();
  // Typed by the wide KubeObject: the index reads only metadata (and the source's own values), never T's own fields.
  private readonly index: CacheIndex<KubeObject>;

  constructor(indexer: { index?(object: T): string[] } = {}) {
    this.index = new CacheIndex<KubeObject>(this.cache, indexer as { index?(object: KubeObject): string[] });
  }

  get size(): number {
    return this.cache.size;
  }

  get(key: string): T | undefined {
    return this.cache.get(key);
  }

  put(key: string, object: T): void {
    const before = this.cache.get(key);
    if (before !== undefined) this.index.remove(key, before);
    this.cache.set(key, object);
    this.index.add(key, object);
  }

  remove(key: string): T | undefined {
    const before = this.cache.get(key);
    if (before === undefined) return undefined;
    this.cache.delete(key);
    this.index.remove(key, before);
    return before;
  }

  keys(): Iterable<string> {
    return this.cache.keys();
  }

  values(): T[] {
    return [...this.cache.values()];
  }

  inNamespace(namespace: string): T[] {
    return this.pick(this.index.inNamespace(namespace));
  }

  matching(labels: Record<string, string>): T[] | undefined {
    const keys = this.index.matching(labels);
    return keys === undefined ? undefined : this.pick(keys);
  }

  indexed(value: string): T[] {
    return this.pick(this.index.indexed(value));
  }

  private pick(keys: Iterable<string>): T[] {
    const found: T[] = [];
    for (const key of keys) {
      const object = this.cache.get(key);
      if (object !== undefined) found.push(object);
    }
    return found;
  }
}
