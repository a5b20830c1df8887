// The registry: every write, from HTTP or in-process, goes through here, so controllers and kubectl see one set of
// rules. In the order of kube-apiserver's generic store: defaulting, mutating admission, the kind's strategy
// (preparation and validation), optimistic concurrency, validating admission, then storage; deletes honour graceful
// termination, finalizers and propagation. What each kind adds comes from its descriptor (kinds/).
import { isDeepStrictEqual } from 'node:util';
import { alreadyExists, conflict, forbidden, notFound } from '../errors.js';
import type { KindCatalog } from '../kinds/catalog.js';
import type { KindDescriptor, ValidationEnv } from '../kinds/descriptor.js';
import { generateName, newUid, timestamp } from '../store/names.js';
import type { ObjectStore } from '../store/store.js';
import {
  SYSTEM_ACTOR,
  type Actor,
  type AdmissionHook,
  type AdmissionPlugin,
  type AdmissionRequest,
  type KubeObject,
  type ResourceName,
} from '../types.js';
import { prepareCreate, prepareUpdate } from './strategies.js';

export interface WriteOptions {
  dryRun?: boolean;
  actor?: Actor;
  fieldManager?: string;
  /** `status` for writes to the /status subresource, `finalize` for a namespace's /finalize. */
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
/** The finalizer of spec.finalizers the namespace controller removes once a namespace is empty. */
export const NAMESPACE_FINALIZER = 'kubernetes';

function withoutRv(o: KubeObject): unknown {
  return { ...o, metadata: { ...o.metadata, resourceVersion: undefined } };
}

function withoutVersion(o: KubeObject): unknown {
  return { ...o, metadata: { ...o.metadata, resourceVersion: undefined, managedFields: undefined } };
}

export class Registry {
  readonly plugins: AdmissionPlugin[] = [];
  readonly env: ValidationEnv;

  constructor(
    readonly store: ObjectStore,
    private readonly clock: () => number,
    readonly kinds: KindCatalog,
  ) {
    this.env = { get: (r, ns, name) => store.get(r, ns, name), list: (r, ns) => store.list(r, ns) };
  }

  /** Admission hooks given as a function are validating checks (quota's, for one). */
  addAdmission(hook: AdmissionHook | AdmissionPlugin): void {
    this.plugins.push(typeof hook === 'function' ? { name: hook.name || 'validating', validate: hook } : hook);
  }

  get(resource: ResourceName, namespace: string | undefined, name: string): KubeObject {
    const d = this.kinds.get(resource);
    const o = this.store.get(resource, d.namespaced ? namespace : undefined, name);
    if (!o) throw notFound(d.plural, d.group, name);
    return o;
  }

  private stamp(object: KubeObject): KubeObject {
    object.metadata.resourceVersion = String(this.store.nextRv());
    return object;
  }

  private admit(phase: 'mutate' | 'validate', request: AdmissionRequest): void {
    for (const plugin of this.plugins) plugin[phase]?.(request);
  }

  /** NamespaceLifecycle: namespaced objects need an existing namespace that is not being terminated. */
  private checkNamespace(d: KindDescriptor, object: KubeObject): void {
    if (!d.namespaced || d.resource === 'events') return;
    const ns = object.metadata.namespace ?? '';
    const namespace = this.store.get('namespaces', undefined, ns);
    if (!namespace) throw notFound('namespaces', '', ns);
    if (namespace.status?.phase === 'Terminating') {
      const name = object.metadata.name || object.metadata.generateName || '';
      throw forbidden(
        `${d.group ? `${d.plural}.${d.group}` : d.plural} "${name}" is forbidden: unable to create new content in namespace ${ns} because it is being terminated`,
        { name, group: d.group || undefined, kind: d.plural },
      );
    }
  }

  create(resource: ResourceName, input: KubeObject, options: WriteOptions = {}): KubeObject {
    const d = this.kinds.get(resource);
    const dryRun = options.dryRun === true;
    const actor = options.actor ?? SYSTEM_ACTOR;
    const object = structuredClone(input);
    object.apiVersion = d.group ? `${d.group}/${d.version}` : d.version;
    object.kind = d.kind;
    const m = object.metadata;
    if (!d.namespaced) delete m.namespace;
    else m.namespace ||= 'default';
    this.checkNamespace(d, object);
    d.strategy?.defaults?.(object);
    this.admit('mutate', { operation: 'CREATE', resource, object, dryRun, actor });
    if (!m.name && m.generateName) m.name = generateName(m.generateName);
    m.uid = newUid();
    m.creationTimestamp = timestamp(this.clock());
    delete m.deletionTimestamp;
    delete m.deletionGracePeriodSeconds;
    Reflect.deleteProperty(m, 'resourceVersion');
    delete m.generation;
    prepareCreate(d, object, this.env);
    if (m.name && this.store.get(resource, m.namespace, m.name)) throw alreadyExists(d.plural, d.group, m.name);
    const final = options.beforeCommit ? options.beforeCommit(object, undefined) : object;
    this.admit('validate', { operation: 'CREATE', resource, object: final, dryRun, actor });
    if (dryRun) return final;
    this.store.commit('ADDED', resource, this.stamp(final));
    return final;
  }

  update(resource: ResourceName, input: KubeObject, options: WriteOptions = {}): KubeObject {
    const d = this.kinds.get(resource);
    const ns = d.namespaced ? input.metadata.namespace : undefined;
    const old = this.get(resource, ns, input.metadata.name);
    const dryRun = options.dryRun === true;
    const actor = options.actor ?? SYSTEM_ACTOR;
    const rv = input.metadata.resourceVersion;
    if (rv !== undefined && rv !== '' && rv !== old.metadata.resourceVersion) {
      throw conflict(d.plural, d.group, old.metadata.name);
    }
    if (input.metadata.uid && input.metadata.uid !== old.metadata.uid) {
      throw conflict(
        d.plural,
        d.group,
        old.metadata.name,
        `Precondition failed: UID in precondition: ${input.metadata.uid}, UID in object meta: ${old.metadata.uid}`,
      );
    }
    const sub = options.subresource;
    let object: KubeObject;
    if (sub === 'status') {
      // Only the status is new: the rest is the stored object's, shared as it is (stored objects are never mutated),
      // so a status write copies its own status and a fresh metadata, not the whole object (spec, template, labels).
      object = { ...old, metadata: { ...old.metadata }, status: structuredClone(input.status) };
      d.strategy?.validateStatus?.(object, old);
    } else if (sub === 'finalize') {
      object = structuredClone({ ...old, spec: { ...old.spec, finalizers: input.spec?.finalizers ?? [] } });
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
      if (!d.namespaced) delete object.metadata.namespace;
      d.strategy?.defaults?.(object);
      this.admit('mutate', { operation: 'UPDATE', resource, object, old, dryRun, actor });
      prepareUpdate(d, object, old, this.env);
    }
    object.metadata.resourceVersion = old.metadata.resourceVersion;
    // managedFields sent by the client are part of the write (kubectl's client-side to server-side apply migration
    // patches nothing else); left out, they are the server's to keep.
    const sentManaged = input.metadata.managedFields !== undefined && sub === undefined;
    const strip = sentManaged ? withoutRv : withoutVersion;
    if (isDeepStrictEqual(strip(object), strip(old))) return old;
    if (options.beforeCommit) object = options.beforeCommit(object, old);
    this.admit('validate', { operation: 'UPDATE', resource, subresource: sub, object, old, dryRun, actor });
    if (dryRun) return object;
    if (this.finishesDeletion(resource, object)) {
      this.store.commit('DELETED', resource, this.stamp(object), old);
      return object;
    }
    this.store.commit('MODIFIED', resource, this.stamp(object), old);
    return object;
  }

  /** The last finalizer removed from an object being deleted completes its deletion (pods: the kubelet's grace-0). */
  private finishesDeletion(resource: ResourceName, object: KubeObject): boolean {
    if (!object.metadata.deletionTimestamp || resource === 'pods') return false;
    if ((object.metadata.finalizers ?? []).length > 0) return false;
    return resource !== 'namespaces' || (object.spec?.finalizers ?? []).length === 0;
  }

  delete(
    resource: ResourceName,
    namespace: string | undefined,
    name: string,
    options: DeleteOptions = {},
  ): DeleteResult {
    const d = this.kinds.get(resource);
    const current = this.get(resource, namespace, name);
    const pre = options.preconditions;
    if (pre?.uid && pre.uid !== current.metadata.uid) {
      throw conflict(
        d.plural,
        d.group,
        name,
        `Precondition failed: UID in precondition: ${pre.uid}, UID in object meta: ${current.metadata.uid}`,
      );
    }
    if (pre?.resourceVersion && pre.resourceVersion !== current.metadata.resourceVersion) {
      throw conflict(
        d.plural,
        d.group,
        name,
        `Precondition failed: ResourceVersion in precondition: ${pre.resourceVersion}, ResourceVersion in object meta: ${current.metadata.resourceVersion}`,
      );
    }
    d.strategy?.beforeDelete?.(current);
    const dryRun = options.dryRun === true;
    const now = this.clock();
    if (resource === 'pods') {
      const graceful = this.gracefulPodDelete(current, options, now, dryRun);
      if (graceful) return graceful;
    }
    if (resource === 'namespaces') return this.terminateNamespace(current, now, dryRun);
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
    const gone = structuredClone(current);
    if (dryRun) return { object: gone, finished: true };
    this.store.commit('DELETED', resource, this.stamp(gone), current);
    return { object: gone, finished: true };
  }

  /**
   * Deleting a namespace only marks it Terminating (pkg/registry/core/namespace/storage): the namespace controller
   * deletes its content, then removes the `kubernetes` finalizer, and that completes the deletion.
   */
  private terminateNamespace(ns: KubeObject, now: number, dryRun: boolean): DeleteResult {
    if (ns.metadata.deletionTimestamp) {
      throw conflict(
        'namespaces',
        '',
        ns.metadata.name,
        'The system is ensuring all content is removed from this namespace.  Upon completion, this namespace will automatically be purged by the system.',
      );
    }
    const marked = structuredClone(ns);
    marked.metadata.deletionTimestamp = timestamp(now);
    marked.metadata.deletionGracePeriodSeconds = 0;
    marked.status = { ...marked.status, phase: 'Terminating' };
    if (this.finishesDeletion('namespaces', marked)) {
      if (!dryRun) this.store.commit('DELETED', 'namespaces', this.stamp(marked), ns);
      return { object: marked, finished: true };
    }
    if (!dryRun) this.store.commit('MODIFIED', 'namespaces', this.stamp(marked), ns);
    return { object: marked, finished: false };
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
    for (const d of this.kinds.stored()) {
      if (d.resource === 'events') continue;
      const candidates = d.namespaced
        ? this.store.list(d.resource, owner.metadata.namespace)
        : this.store.list(d.resource);
      for (const o of candidates) {
        if (o.metadata.ownerReferences?.some((r) => r.uid === owner.metadata.uid))
          out.push({ resource: d.resource, object: o });
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
}
