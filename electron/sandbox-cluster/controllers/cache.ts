// Informer-style caches for the DaemonSet controller: nodes, and pods grouped by their controller's uid, kept from
// store events so a sync reads them without copying every object out of the store again. Objects handed out are
// shared: callers must not modify them.

import type { ClusterApi, KubeObject, StoreEvent } from '../types.js';
import type { Subscribable } from './event-bus.js';
import type { Node, Pod } from './kinds.js';
import { controllerRef } from './kinds.js';

const keyOf = (o: KubeObject) => `${o.metadata.namespace ?? ''}/${o.metadata.name}`;
const orphanKey = (namespace: string) => `orphans of ${namespace}`;
const ownerKey = (pod: Pod) => controllerRef(pod)?.uid ?? orphanKey(pod.metadata.namespace ?? '');

export class ClusterCache {
  private readonly nodes = new Map<string, Node>();
  private readonly pods = new Map<string, Pod>();
  /** controller uid (or the namespace's orphan key) -> pod keys */
  private readonly byOwner = new Map<string, Set<string>>();
  private readonly unsubscribe: () => void;

  constructor(api: ClusterApi, events: Subscribable = api) {
    // Subscribe first so nothing committed between the listing and the subscription is lost.
    this.unsubscribe = events.subscribe((event) => this.apply(event));
    for (const node of api.list('nodes')) this.nodes.set(node.metadata.name, node as Node);
    for (const pod of api.list('pods')) this.putPod(pod as Pod);
  }

  stop(): void {
    this.unsubscribe();
  }

  nodeList(): Node[] {
    return [...this.nodes.values()];
  }

  /** Pods whose controller reference names this uid. */
  podsOwnedBy(uid: string): Pod[] {
    const out: Pod[] = [];
    for (const key of this.byOwner.get(uid) ?? []) {
      const pod = this.pods.get(key);
      if (pod) out.push(pod);
    }
    return out;
  }

  /** Pods without a controller in the namespace: candidates for adoption. */
  orphans(namespace: string): Pod[] {
    return this.podsOwnedBy(orphanKey(namespace));
  }

  private putPod(pod: Pod): void {
    const key = keyOf(pod);
    this.dropPod(key);
    this.pods.set(key, pod);
    const owner = ownerKey(pod);
    let set = this.byOwner.get(owner);
    if (!set) this.byOwner.set(owner, (set = new Set()));
    set.add(key);
  }

  private dropPod(key: string): void {
    const old = this.pods.get(key);
    if (!old) return;
    this.pods.delete(key);
    const owner = ownerKey(old);
    const set = this.byOwner.get(owner);
    set?.delete(key);
    if (set?.size === 0) this.byOwner.delete(owner);
  }

  private apply(event: StoreEvent): void {
    if (event.resource === 'nodes') {
      if (event.type === 'DELETED') this.nodes.delete(event.object.metadata.name);
      else this.nodes.set(event.object.metadata.name, event.object as Node);
    } else if (event.resource === 'pods') {
      if (event.type === 'DELETED') this.dropPod(keyOf(event.object));
      else this.putPod(event.object as Pod);
    }
  }
}
