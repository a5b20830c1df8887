// Informer-style caches for the DaemonSet controller: nodes, and pods and ControllerRevisions grouped by their
// controller's uid, kept from store events so a sync finds a DaemonSet's objects without scanning every pod.
// Objects handed out are the stored ones, shared: callers must not modify them.

import type { ClusterApi, KubeObject, ResourceName, StoreEvent } from '../types.js';
import type { Subscribable } from './event-bus.js';
import type { ControllerRevision, Node, Pod } from './kinds.js';
import { controllerRef } from './kinds.js';

const keyOf = (o: KubeObject) => `${o.metadata.namespace ?? ''}/${o.metadata.name}`;
const orphanKey = (namespace: string) => `orphans of ${namespace}`;
const ownerKey = (o: KubeObject) => controllerRef(o)?.uid ?? orphanKey(o.metadata.namespace ?? '');

/** Objects of one resource, indexed by controller uid (or by namespace for objects without a controller). */
class OwnerIndex<T extends KubeObject> {
  private readonly objects = new Map<string, T>();
  private readonly byOwner = new Map<string, Set<string>>();

  put(object: T): void {
    const key = keyOf(object);
    this.drop(key);
    this.objects.set(key, object);
    const owner = ownerKey(object);
    let set = this.byOwner.get(owner);
    if (!set) this.byOwner.set(owner, (set = new Set()));
    set.add(key);
  }

  drop(key: string): void {
    const old = this.objects.get(key);
    if (!old) return;
    this.objects.delete(key);
    const owner = ownerKey(old);
    const set = this.byOwner.get(owner);
    set?.delete(key);
    if (set?.size === 0) this.byOwner.delete(owner);
  }

  apply(event: StoreEvent): void {
    if (event.type === 'DELETED') this.drop(keyOf(event.object));
    else this.put(event.object as T);
  }

  ownedBy(uid: string): T[] {
    const out: T[] = [];
    for (const key of this.byOwner.get(uid) ?? []) {
      const object = this.objects.get(key);
      if (object) out.push(object);
    }
    return out;
  }

  orphans(namespace: string): T[] {
    return this.ownedBy(orphanKey(namespace));
  }
}

export class ClusterCache {
  private readonly nodes = new Map<string, Node>();
  readonly pods = new OwnerIndex<Pod>();
  readonly revisions = new OwnerIndex<ControllerRevision>();
  private readonly unsubscribe: () => void;

  constructor(api: ClusterApi, events: Subscribable = api) {
    // Subscribe first so nothing committed between the listing and the subscription is lost.
    this.unsubscribe = events.subscribe((event) => this.apply(event));
    for (const node of api.list('nodes')) this.nodes.set(node.metadata.name, node as Node);
    const indexes: [ResourceName, OwnerIndex<KubeObject>][] = [
      ['pods', this.pods],
      ['controllerrevisions', this.revisions],
    ];
    for (const [resource, index] of indexes) for (const o of api.list(resource)) index.put(o);
  }

  stop(): void {
    this.unsubscribe();
  }

  nodeList(): Node[] {
    return [...this.nodes.values()];
  }

  private apply(event: StoreEvent): void {
    if (event.resource === 'nodes') {
      if (event.type === 'DELETED') this.nodes.delete(event.object.metadata.name);
      else this.nodes.set(event.object.metadata.name, event.object as Node);
    } else if (event.resource === 'pods') {
      this.pods.apply(event);
    } else if (event.resource === 'controllerrevisions') {
      this.revisions.apply(event);
    }
  }
}
