// The garbage collector: dependents whose owners are gone are deleted (Background), owners deleted in the foreground
// wait, with the `foregroundDeletion` finalizer the API server put on them, until their blocking dependents are gone.
// Orphaning is done by the API server itself (it strips the owner references at delete time). Pods bound to a node
// that no longer exists are force-deleted, as the pod GC does.

import { asStatusError } from '../errors.js';
import type { ClusterApi, KubeObject, ResourceName, StoreEvent } from '../types.js';
import { QueuedLoop } from './control-loop.js';
import type { Subscribable } from './event-bus.js';
import { WorkQueue } from './work-queue.js';

export const FOREGROUND_FINALIZER = 'foregroundDeletion';
const SWEEP_MS = 20_000;

interface Ref {
  resource: ResourceName;
  namespace: string | undefined;
  name: string;
}

const refKey = (r: Ref) => `${r.resource}|${r.namespace ?? ''}|${r.name}`;
function parseRef(key: string): Ref {
  const [resource, namespace, name] = key.split('|');
  return { resource: resource as ResourceName, namespace: namespace || undefined, name: name ?? '' };
}

/** Events are neither owners nor dependents here, and are by far the most numerous: the GC does not follow them. */
const UNTRACKED = 'events';

export class GarbageCollector extends QueuedLoop {
  /** uid -> where the object lives, for every tracked object. */
  private readonly byUid = new Map<string, Ref>();
  /** owner uid -> keys of objects that reference it. */
  private readonly dependents = new Map<string, Set<string>>();
  protected readonly queue: WorkQueue;

  constructor(
    private readonly api: ClusterApi,
    events: Subscribable = api,
  ) {
    super();
    this.queue = new WorkQueue((key) => this.process(key));
    this.onStop(events.subscribe((event) => this.onEvent(event)));
    for (const r of api.resources()) {
      if (r.resource === UNTRACKED) continue;
      for (const o of api.list(r.resource)) this.index(r.resource, o, undefined);
    }
    const sweepTimer = setInterval(() => this.sweep(), SWEEP_MS);
    sweepTimer.unref();
    this.onStop(() => clearInterval(sweepTimer));
    this.sweep();
  }

  private index(resource: ResourceName, object: KubeObject, old: KubeObject | undefined): void {
    const key = refKey({ resource, namespace: object.metadata.namespace, name: object.metadata.name });
    for (const ref of old?.metadata.ownerReferences ?? []) this.dependents.get(ref.uid)?.delete(key);
    this.byUid.set(object.metadata.uid, { resource, namespace: object.metadata.namespace, name: object.metadata.name });
    for (const ref of object.metadata.ownerReferences ?? []) {
      let set = this.dependents.get(ref.uid);
      if (!set) this.dependents.set(ref.uid, (set = new Set()));
      set.add(key);
    }
  }

  private onEvent(event: StoreEvent): void {
    if (event.resource === UNTRACKED) return;
    const { object } = event;
    const key = refKey({ resource: event.resource, namespace: object.metadata.namespace, name: object.metadata.name });
    if (event.type === 'DELETED') {
      this.byUid.delete(object.metadata.uid);
      for (const ref of object.metadata.ownerReferences ?? []) {
        this.dependents.get(ref.uid)?.delete(key);
        // An owner waiting in the foreground may now be free to go.
        if (this.byUid.has(ref.uid)) this.queue.add(`owner:${refKey(this.byUid.get(ref.uid) as Ref)}`);
      }
      for (const dependent of this.dependents.get(object.metadata.uid) ?? []) this.queue.add(`dep:${dependent}`);
      if (event.resource === 'nodes') this.queue.add(`node:${object.metadata.name}`);
      return;
    }
    this.index(event.resource, object, event.old);
    if (object.metadata.deletionTimestamp && object.metadata.finalizers?.includes(FOREGROUND_FINALIZER)) {
      this.queue.add(`owner:${key}`);
    }
    if (object.metadata.ownerReferences?.some((r) => !this.byUid.has(r.uid))) this.queue.add(`dep:${key}`);
  }

  /** Catches anything events missed (e.g. state restored from disk): dependents whose owners are unknown. */
  private sweep(): void {
    for (const [ownerUid, keys] of this.dependents) {
      if (this.byUid.has(ownerUid)) continue;
      for (const key of keys) this.queue.add(`dep:${key}`);
    }
  }

  private process(item: string): void {
    const colon = item.indexOf(':');
    const kind = item.slice(0, colon);
    const rest = item.slice(colon + 1);
    if (kind === 'dep') this.attemptToDelete(parseRef(rest));
    else if (kind === 'owner') this.processForegroundOwner(parseRef(rest));
    else if (kind === 'node') this.deletePodsOfMissingNode(rest);
  }

  /** Owners of kinds this cluster serves (custom resources included) can be looked up; others cannot. */
  private servedKind(apiVersion: string, kind: string): boolean {
    const group = apiVersion.includes('/') ? apiVersion.split('/')[0] : '';
    return this.api.resources().some((r) => r.kind === kind && r.group === group);
  }

  private ownerState(uid: string): 'absent' | 'waiting' | 'solid' {
    const where = this.byUid.get(uid);
    const owner = where && this.api.get(where.resource, where.namespace, where.name);
    if (!owner || owner.metadata.uid !== uid) return 'absent';
    const waiting = owner.metadata.deletionTimestamp && owner.metadata.finalizers?.includes(FOREGROUND_FINALIZER);
    return waiting ? 'waiting' : 'solid';
  }

  private attemptToDelete(ref: Ref): void {
    const object = this.api.get(ref.resource, ref.namespace, ref.name);
    const owners = object?.metadata.ownerReferences ?? [];
    if (!object || owners.length === 0) return;
    // An owner of a kind this cluster does not serve cannot be looked up; like the real GC, leave such objects alone.
    const states = owners.map((o) => ({
      uid: o.uid,
      state: this.servedKind(o.apiVersion, o.kind) ? this.ownerState(o.uid) : 'solid',
    }));
    const solid = states.filter((s) => s.state === 'solid');
    if (solid.length === states.length) return;
    if (solid.length > 0) {
      // Still owned by someone alive: only drop the references to owners that are gone or going.
      const keep = new Set(solid.map((s) => s.uid));
      const refs = owners.filter((o) => keep.has(o.uid));
      this.api.update(ref.resource, { ...object, metadata: { ...object.metadata, ownerReferences: refs } });
      return;
    }
    if (object.metadata.deletionTimestamp) return;
    const foreground = states.some((s) => s.state === 'waiting');
    this.tryDelete(ref, foreground ? 'Foreground' : 'Background');
  }

  private processForegroundOwner(ref: Ref): void {
    const owner = this.api.get(ref.resource, ref.namespace, ref.name);
    if (!owner?.metadata.deletionTimestamp || !owner.metadata.finalizers?.includes(FOREGROUND_FINALIZER)) return;
    let blocking = 0;
    for (const key of [...(this.dependents.get(owner.metadata.uid) ?? [])]) {
      const depRef = parseRef(key);
      const dependent = this.api.get(depRef.resource, depRef.namespace, depRef.name);
      const link = dependent?.metadata.ownerReferences?.find((r) => r.uid === owner.metadata.uid);
      if (!dependent || !link) continue;
      if (link.blockOwnerDeletion) blocking++;
      this.attemptToDelete(depRef);
    }
    if (blocking > 0) return;
    const finalizers = owner.metadata.finalizers.filter((f: string) => f !== FOREGROUND_FINALIZER);
    // Removing the last finalizer completes the owner's deletion in the API server.
    this.api.update(ref.resource, { ...owner, metadata: { ...owner.metadata, finalizers } });
  }

  private deletePodsOfMissingNode(node: string): void {
    if (this.api.get('nodes', undefined, node)) return;
    for (const pod of this.api.list('pods')) {
      if (pod.spec?.nodeName !== node) continue;
      this.tryDelete({ resource: 'pods', namespace: pod.metadata.namespace, name: pod.metadata.name }, 'Background', 0);
    }
  }

  private tryDelete(ref: Ref, policy: 'Background' | 'Foreground', gracePeriodSeconds?: number): void {
    try {
      const options: { propagationPolicy: 'Background' | 'Foreground'; gracePeriodSeconds?: number } = {
        propagationPolicy: policy,
      };
      if (gracePeriodSeconds !== undefined) options.gracePeriodSeconds = gracePeriodSeconds;
      this.api.delete(ref.resource, ref.namespace, ref.name, options);
    } catch (error) {
      if (asStatusError(error)?.code !== 404) throw error;
    }
  }
}
