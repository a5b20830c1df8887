// The registry: every write, from HTTP or in-process, goes through here, so controllers and kubectl see one set of
// rules (defaulting, validation, generation, optimistic concurrency, admission, graceful deletion, finalizers).
import { isDeepStrictEqual } from 'node:util';
import { alreadyExists, conflict, notFound } from '../errors.js';
import { generateName, newUid, timestamp } from '../store/names.js';
import { resourceInfo, RESOURCES } from '../store/resources.js';
import type { ObjectStore } from '../store/store.js';
import type { Actor, AdmissionHook, KubeObject, ResourceName } from '../types.js';
import { prepareCreate, prepareUpdate } from './strategies.js';

export interface WriteOptions {
  dryRun?: boolean;
  actor?: Actor;
  fieldManager?: string;
  /** `status` for writes to the /status subresource. */
  subresource?: string;
  /** Last step before admission and commit (managedFields bookkeeping of API writes); returns the object to store. */
  beforeCommit?: (object: KubeObject, old: KubeObject | undefined) => KubeObject;
}

export type PropagationPolicy = 'Background' | 'Foreground' | 'Orphan';

export interface DeleteOptions {
  propagationPolicy?: PropagationPolicy;
  gracePeriodSeconds?: number;
  dryRun?: boolean;
  preconditions?: { uid?: string; resourceVersion?: string };
}

export interface DeleteResult {
  /** The object as deleted, or as it now waits (graceful deletion, finalizers). */
  object: KubeObject;
  /** True when the object is gone from the store. */
  finished: boolean;
}

export const FOREGROUND_FINALIZER = 'foregroundDeletion';

function qualified(resource: ResourceName): { name: string; group: string } {
  const info = resourceInfo(resource);
  return { name: info.name, group: info.group };
}

function withoutVersion(o: KubeObject): unknown {
  return { ...o, metadata: { ...o.metadata, resourceVersion: undefined, managedFields: undefined } };
}

export class Registry {
  readonly admission: AdmissionHook[] = [];

  constructor(
    readonly store: ObjectStore,
    private readonly clock: () => number,
  ) {}

  get(resource: ResourceName, namespace: string | undefined, name: string): KubeObject {
    const o = this.store.get(resource, namespace, name);
    if (!o) {
      const q = qualified(resource);
      throw notFound(q.name, q.group, name);
    }
    return o;
  }

  private stamp(object: KubeObject): KubeObject {
    object.metadata.resourceVersion = String(this.store.nextRv());
    return object;
  }

  private admit(
    operation: 'CREATE' | 'UPDATE',
    resource: ResourceName,
    object: KubeObject,
    old: KubeObject | undefined,
    dryRun: boolean,
  ): void {
    for (const hook of this.admission) hook({ operation, resource, object, old, dryRun });
  }

  create(resource: ResourceName, input: KubeObject, options: WriteOptions = {}): KubeObject {
    const info = resourceInfo(resource);
    const object = structuredClone(input);
    object.apiVersion = info.group ? `${info.group}/${info.version}` : info.version;
    object.kind = info.kind;
    const m = object.metadata;
    if (!info.namespaced) delete m.namespace;
    else m.namespace ||= 'default';
    if (!m.name && m.generateName) m.name = generateName(m.generateName);
    if (
      info.namespaced &&
      m.namespace &&
      resource !== 'events' &&
      !this.store.get('namespaces', undefined, m.namespace)
    ) {
      throw notFound('namespaces', '', m.namespace);
    }
    m.uid = newUid();
    m.creationTimestamp = timestamp(this.clock());
    delete m.deletionTimestamp;
    delete m.deletionGracePeriodSeconds;
    Reflect.deleteProperty(m, 'resourceVersion');
    delete m.generation;
    prepareCreate(resource, object);
    if (m.name && this.store.get(resource, m.namespace, m.name)) {
      throw alreadyExists(info.name, info.group, m.name);
    }
    const final = options.beforeCommit ? options.beforeCommit(object, undefined) : object;
    this.admit('CREATE', resource, final, undefined, options.dryRun === true);
    if (options.dryRun) return final;
    this.store.commit('ADDED', resource, this.stamp(final));
    return final;
  }

  update(resource: ResourceName, input: KubeObject, options: WriteOptions = {}): KubeObject {
    const info = resourceInfo(resource);
    const ns = info.namespaced ? input.metadata.namespace : undefined;
    const old = this.get(resource, ns, input.metadata.name);
    const rv = input.metadata.resourceVersion;
    if (rv !== undefined && rv !== '' && rv !== old.metadata.resourceVersion) {
      throw conflict(info.name, info.group, old.metadata.name);
    }
    if (input.metadata.uid && input.metadata.uid !== old.metadata.uid) {
      throw conflict(
        info.name,
        info.group,
        old.metadata.name,
        `Precondition failed: UID in precondition: ${input.metadata.uid}, UID in object meta: ${old.metadata.uid}`,
      );
    }
    let object: KubeObject;
    if (options.subresource === 'status') {
      object = structuredClone({ ...old, status: input.status });
    } else {
      object = structuredClone(input);
      object.apiVersion = old.apiVersion;
      object.kind = old.kind;
      const keep = old.metadata;
      Object.assign(object.metadata, {
        uid: keep.uid,
        creationTimestamp: keep.creationTimestamp,
        deletionTimestamp: keep.deletionTimestamp,
        deletionGracePeriodSeconds: keep.deletionGracePeriodSeconds,
        generation: keep.generation,
        namespace: keep.namespace,
      });
      if (object.metadata.generation === undefined) delete object.metadata.generation;
      if (keep.deletionTimestamp === undefined) delete object.metadata.deletionTimestamp;
      if (keep.deletionGracePeriodSeconds === undefined) delete object.metadata.deletionGracePeriodSeconds;
      if (!info.namespaced) delete object.metadata.namespace;
      prepareUpdate(resource, object, old);
    }
    object.metadata.resourceVersion = old.metadata.resourceVersion;
    if (isDeepStrictEqual(withoutVersion(object), withoutVersion(old))) return old;
    if (options.beforeCommit) object = options.beforeCommit(object, old);
    this.admit('UPDATE', resource, object, old, options.dryRun === true);
    if (options.dryRun) return object;
    // The last finalizer removed from an object being deleted completes the deletion.
    if (object.metadata.deletionTimestamp && (object.metadata.finalizers ?? []).length === 0 && resource !== 'pods') {
      this.store.commit('DELETED', resource, this.stamp(object), old);
      return object;
    }
    this.store.commit('MODIFIED', resource, this.stamp(object), old);
    return object;
  }

  delete(
    resource: ResourceName,
    namespace: string | undefined,
    name: string,
    options: DeleteOptions = {},
  ): DeleteResult {
    const info = resourceInfo(resource);
    const ns = info.namespaced ? namespace : undefined;
    const current = this.get(resource, ns, name);
    const pre = options.preconditions;
    if (pre?.uid && pre.uid !== current.metadata.uid) {
      throw conflict(
        info.name,
        info.group,
        name,
        `Precondition failed: UID in precondition: ${pre.uid}, UID in object meta: ${current.metadata.uid}`,
      );
    }
    if (pre?.resourceVersion && pre.resourceVersion !== current.metadata.resourceVersion) {
      throw conflict(
        info.name,
        info.group,
        name,
        `Precondition failed: ResourceVersion in precondition: ${pre.resourceVersion}, ResourceVersion in object meta: ${current.metadata.resourceVersion}`,
      );
    }
    const dryRun = options.dryRun === true;
    const now = this.clock();
    if (resource === 'pods') {
      const graceful = this.gracefulPodDelete(current, options, now, dryRun);
      if (graceful) return graceful;
    }
    const policy = options.propagationPolicy ?? 'Background';
    if (policy === 'Orphan' && !dryRun) this.orphanDependents(current);
    const finalizers = [...(current.metadata.finalizers ?? [])];
    if (policy === 'Foreground' && this.hasDependents(current) && !finalizers.includes(FOREGROUND_FINALIZER)) {
      finalizers.push(FOREGROUND_FINALIZER);
    }
    if (finalizers.length > 0) {
      const waiting = structuredClone(current);
      waiting.metadata.finalizers = finalizers;
      waiting.metadata.deletionTimestamp ??= timestamp(now);
      waiting.metadata.deletionGracePeriodSeconds ??= 0;
      if (dryRun || isDeepStrictEqual(waiting, current)) return { object: waiting, finished: false };
      this.store.commit('MODIFIED', resource, this.stamp(waiting), current);
      return { object: waiting, finished: false };
    }
    if (resource === 'namespaces' && !dryRun) this.deleteNamespaceContents(name);
    const gone = structuredClone(current);
    if (dryRun) return { object: gone, finished: true };
    this.store.commit('DELETED', resource, this.stamp(gone), current);
    return { object: gone, finished: true };
  }

  /** Pods on a node terminate gracefully: mark them and let the kubelet finish with a grace-0 delete. */
  private gracefulPodDelete(
    pod: KubeObject,
    options: DeleteOptions,
    now: number,
    dryRun: boolean,
  ): DeleteResult | undefined {
    let grace = options.gracePeriodSeconds ?? pod.spec?.terminationGracePeriodSeconds ?? 30;
    if (typeof grace !== 'number' || grace < 0) grace = 0;
    // Never scheduled, or already finished: nothing runs to be stopped.
    if (!pod.spec?.nodeName || pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed') grace = 0;
    if (grace === 0) return undefined;
    const previous = pod.metadata.deletionGracePeriodSeconds;
    if (pod.metadata.deletionTimestamp && previous !== undefined && previous <= grace)
      return { object: pod, finished: false };
    const marked = structuredClone(pod);
    marked.metadata.deletionTimestamp = timestamp(now + grace * 1000);
    marked.metadata.deletionGracePeriodSeconds = grace;
    if (!dryRun) this.store.commit('MODIFIED', 'pods', this.stamp(marked), pod);
    return { object: marked, finished: false };
  }

  private dependentsOf(owner: KubeObject): { resource: ResourceName; object: KubeObject }[] {
    const out: { resource: ResourceName; object: KubeObject }[] = [];
    for (const info of RESOURCES) {
      const candidates = info.namespaced
        ? this.store.list(info.name, owner.metadata.namespace)
        : this.store.list(info.name);
      for (const o of candidates) {
        if (o.metadata.ownerReferences?.some((r) => r.uid === owner.metadata.uid))
          out.push({ resource: info.name, object: o });
      }
    }
    return out;
  }

  hasDependents(owner: KubeObject): boolean {
    return this.dependentsOf(owner).length > 0;
  }

  private orphanDependents(owner: KubeObject): void {
    for (const { resource, object } of this.dependentsOf(owner)) {
      const copy = structuredClone(object);
      copy.metadata.ownerReferences = (copy.metadata.ownerReferences ?? []).filter((r) => r.uid !== owner.metadata.uid);
      if (copy.metadata.ownerReferences.length === 0) delete copy.metadata.ownerReferences;
      this.store.commit('MODIFIED', resource, this.stamp(copy), object);
    }
  }

  private deleteNamespaceContents(namespace: string): void {
    for (const info of RESOURCES) {
      if (!info.namespaced) continue;
      for (const o of this.store.list(info.name, namespace)) {
        this.store.commit('DELETED', info.name, this.stamp(structuredClone(o)), o);
      }
    }
  }
}
