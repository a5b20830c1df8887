// The object store: one global resourceVersion counter (as etcd's revision), objects per resource, and a bounded
// history per resource from which watches resume. Stored objects are never mutated: every write stores a new object,
// so readers may share references safely (outside production they are frozen to prove it: store/freeze.ts).
import type { KubeObject, ResourceName, WatchEventType } from '../types.js';
import { deepFreeze, FREEZE_STORED_OBJECTS } from './freeze.js';

export interface CommittedEvent {
  rv: number;
  type: WatchEventType;
  resource: ResourceName;
  object: KubeObject;
  old?: KubeObject;
}

export type HistoryResult = { expired: false; events: CommittedEvent[] } | { expired: true; oldest: number };

interface Table {
  objects: Map<string, KubeObject>;
  sortedKeys?: string[];
  history: CommittedEvent[];
  /** Every event with rv > floor is still in `history`. */
  floor: number;
}

export const DEFAULT_HISTORY_LIMIT = 10_000;

export function objectKey(namespace: string | undefined, name: string): string {
  return namespace ? `${namespace}/${name}` : name;
}

export class ObjectStore {
  private rv = 0;
  /** Floor of tables created later: no events of theirs were ever dropped before this version. */
  private baseFloor = 0;
  private readonly tables = new Map<ResourceName, Table>();
  private readonly listeners = new Set<(event: CommittedEvent) => void>();
  private pending: CommittedEvent[] = [];
  private dispatching = false;

  constructor(private readonly historyLimit = DEFAULT_HISTORY_LIMIT) {}

  currentRv(): number {
    return this.rv;
  }

  private table(resource: ResourceName): Table {
    let t = this.tables.get(resource);
    if (!t) {
      t = { objects: new Map(), history: [], floor: this.baseFloor };
      this.tables.set(resource, t);
    }
    return t;
  }

  /** Reserves the next resourceVersion (the caller stamps it on the object it commits). */
  nextRv(): number {
    return this.rv + 1;
  }

  get(resource: ResourceName, namespace: string | undefined, name: string): KubeObject | undefined {
    return this.table(resource).objects.get(objectKey(namespace, name));
  }

  /** Objects in key order (namespace/name), optionally in one namespace. */
  list(resource: ResourceName, namespace?: string): KubeObject[] {
    const t = this.table(resource);
    t.sortedKeys ??= [...t.objects.keys()].sort();
    const out: KubeObject[] = [];
    const prefix = namespace ? `${namespace}/` : undefined;
    for (const key of t.sortedKeys) {
      if (prefix && !key.startsWith(prefix)) continue;
      const o = t.objects.get(key);
      if (o) out.push(o);
    }
    return out;
  }

  count(resource: ResourceName): number {
    return this.table(resource).objects.size;
  }

  /**
   * Commits a change. The object must already carry `metadata.resourceVersion === String(nextRv())`; for DELETED the
   * object is the final state (also stamped with the new version, as the API server does).
   */
  commit(type: WatchEventType, resource: ResourceName, object: KubeObject, old?: KubeObject): CommittedEvent {
    this.rv += 1;
    if (FREEZE_STORED_OBJECTS) deepFreeze(object);
    const t = this.table(resource);
    const key = objectKey(object.metadata.namespace, object.metadata.name);
    if (type === 'DELETED') {
      t.objects.delete(key);
      t.sortedKeys = undefined;
    } else {
      if (!t.objects.has(key)) t.sortedKeys = undefined;
      t.objects.set(key, object);
    }
    const event: CommittedEvent = { rv: this.rv, type, resource, object, old };
    // Every subscriber receives this same event object.
    if (FREEZE_STORED_OBJECTS) Object.freeze(event);
    t.history.push(event);
    if (t.history.length > this.historyLimit * 1.1) {
      const drop = t.history.length - this.historyLimit;
      t.floor = t.history[drop - 1]?.rv ?? t.floor;
      t.history.splice(0, drop);
    }
    this.pending.push(event);
    if (!this.dispatching) this.dispatch();
    return event;
  }

  /** Events of a resource after `rv`, or `expired` when some of them were dropped from the bounded history. */
  eventsSince(resource: ResourceName, rv: number): HistoryResult {
    const t = this.table(resource);
    if (rv < t.floor) return { expired: true, oldest: t.floor + 1 };
    // History is sorted by rv: binary search for the first event after rv.
    let lo = 0;
    let hi = t.history.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((t.history[mid]?.rv ?? 0) <= rv) lo = mid + 1;
      else hi = mid;
    }
    return { expired: false, events: t.history.slice(lo) };
  }

  /** Forgets all history and consumes one version, so any resume from an earlier version gets 410 Expired. */
  compact(): void {
    this.rv += 1;
    this.baseFloor = this.rv;
    for (const t of this.tables.values()) {
      t.history = [];
      t.floor = this.rv;
    }
  }

  /**
   * Delivers queued events to every subscriber in commit order. A subscriber that writes while being notified (a
   * nested commit) queues its event behind the current one, so no subscriber ever sees changes out of order.
   */
  private dispatch(): void {
    this.dispatching = true;
    try {
      for (let i = 0; i < this.pending.length; i++) {
        const event = this.pending[i];
        if (!event) continue;
        for (const listener of [...this.listeners]) {
          // One failing subscriber (a controller bug) must not starve the others: watches and persistence still run.
          try {
            listener(event);
          } catch (e) {
            console.error(`sandbox: a store subscriber failed: ${e instanceof Error ? e.message : String(e)}`);
          }
        }
      }
    } finally {
      this.pending = [];
      this.dispatching = false;
    }
  }

  subscribe(listener: (event: CommittedEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Everything persistence needs to restore the same state. */
  snapshot(): { resourceVersion: number; objects: Partial<Record<ResourceName, KubeObject[]>> } {
    const objects: Partial<Record<ResourceName, KubeObject[]>> = {};
    for (const [resource, t] of this.tables) objects[resource] = [...t.objects.values()];
    return { resourceVersion: this.rv, objects };
  }

  /** Loads a snapshot into an empty store; history starts empty, so older resumes get 410 and relist. */
  restore(snapshot: { resourceVersion: number; objects: Partial<Record<ResourceName, KubeObject[]>> }): void {
    this.rv = snapshot.resourceVersion;
    this.baseFloor = this.rv;
    this.tables.clear();
    for (const [resource, objects] of Object.entries(snapshot.objects) as [ResourceName, KubeObject[]][]) {
      const t = this.table(resource);
      for (const o of objects) {
        if (FREEZE_STORED_OBJECTS) deepFreeze(o);
        t.objects.set(objectKey(o.metadata.namespace, o.metadata.name), o);
      }
    }
    for (const t of this.tables.values()) t.floor = this.rv;
  }
}
