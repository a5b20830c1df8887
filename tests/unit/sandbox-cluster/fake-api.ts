// A small in-memory ClusterApi for unit tests of the controllers and kubelets. It keeps only the registry rules those
// parts depend on (resourceVersions, generateName, DaemonSet generation, graceful pod deletion, finalizers, orphaning);
// integration tests use the real API server.

import { afterEach } from 'vitest';
import { randomUUID } from 'node:crypto';
import {
  admissionHooks,
  seedWorld,
  startControllers,
  startKubelets,
  type KubeletHandle,
} from '../../../electron/sandbox-cluster/controllers/index.js';
import { alreadyExists, conflict, notFound } from '../../../electron/sandbox-cluster/errors.js';
import { builtinKinds } from '../../../electron/sandbox-cluster/kinds/builtins.js';
import { KindCatalog } from '../../../electron/sandbox-cluster/kinds/catalog.js';
import type {
  AdmissionHook,
  AdmissionPlugin,
  ClusterApi,
  EventSource,
  KubeObject,
  ResourceName,
  StoreEvent,
  StoredResource,
} from '../../../electron/sandbox-cluster/types.js';

export interface RecordedEvent {
  involved: string;
  type: string;
  reason: string;
  message: string;
  source: EventSource;
}

export class FakeApi implements ClusterApi {
  readonly objects = new Map<string, KubeObject>();
  readonly events: RecordedEvent[] = [];
  private readonly listeners = new Set<(e: StoreEvent) => void>();
  private readonly hooks: AdmissionHook[] = [];
  /**
   * Mutating admission, run before the validating hooks: LimitRanger's defaults only. ServiceAccount and Priority
   * admission need the bootstrap objects and the API controllers, which the workload controllers' tests do not run.
   */
  private readonly mutators: AdmissionHook[] = [];
  /** What `resources()` reports: the kinds the controllers under test sweep. */
  storedResources: StoredResource[] = new KindCatalog(builtinKinds())
    .stored()
    .map(({ resource, group, version, kind, plural, namespaced }) => ({
      resource,
      group,
      version,
      kind,
      plural,
      namespaced,
    }));
  private rv = 1;
  private suffix = 0;
  clockOffset = 0;

  private key(resource: ResourceName, namespace: string | undefined, name: string): string {
    return `${resource}|${namespace ?? ''}|${name}`;
  }

  private emit(event: StoreEvent): void {
    for (const l of [...this.listeners]) l(structuredClone(event));
  }

  now = (): number => Date.now() + this.clockOffset;

  resources(): StoredResource[] {
    return this.storedResources;
  }

  get(resource: ResourceName, namespace: string | undefined, name: string): KubeObject | undefined {
    const o = this.objects.get(this.key(resource, namespace, name));
    return o ? structuredClone(o) : undefined;
  }

  list(resource: ResourceName, namespace?: string, labelSelector?: Record<string, string>): KubeObject[] {
    const out: KubeObject[] = [];
    for (const [k, o] of this.objects) {
      if (!k.startsWith(`${resource}|`)) continue;
      if (namespace !== undefined && o.metadata.namespace !== namespace) continue;
      const labels = o.metadata.labels ?? {};
      if (labelSelector && !Object.entries(labelSelector).every(([lk, lv]) => labels[lk] === lv)) continue;
      out.push(structuredClone(o));
    }
    return out;
  }

  create(resource: ResourceName, input: Omit<KubeObject, 'metadata'> & { metadata: Partial<KubeObject['metadata']> }) {
    const o = structuredClone(input) as KubeObject;
    if (!o.metadata.name && o.metadata.generateName) o.metadata.name = `${o.metadata.generateName}x${++this.suffix}`;
    const k = this.key(resource, o.metadata.namespace, o.metadata.name);
    if (this.objects.has(k)) throw alreadyExists(resource, '', o.metadata.name);
    o.metadata.uid = randomUUID();
    o.metadata.creationTimestamp = new Date(this.now()).toISOString().replace(/\.\d{3}Z$/, 'Z');
    if (resource === 'daemonsets') {
      o.metadata.generation = 1;
      o.metadata.annotations = { ...o.metadata.annotations, 'deprecated.daemonset.template.generation': '1' };
      delete o.status;
    }
    for (const hook of [...this.mutators, ...this.hooks])
      hook({ operation: 'CREATE', resource, object: o, dryRun: false });
    o.metadata.resourceVersion = String(++this.rv);
    this.objects.set(k, o);
    this.emit({ type: 'ADDED', resource, object: o });
    return structuredClone(o);
  }

  private stored(resource: ResourceName, o: KubeObject): KubeObject {
    const old = this.objects.get(this.key(resource, o.metadata.namespace, o.metadata.name));
    if (!old) throw notFound(resource, '', o.metadata.name);
    const rv = o.metadata.resourceVersion;
    if (rv && rv !== old.metadata.resourceVersion) throw conflict(resource, '', o.metadata.name);
    return old;
  }

  private commit(resource: ResourceName, next: KubeObject, old: KubeObject): KubeObject {
    next.metadata.resourceVersion = String(++this.rv);
    const k = this.key(resource, next.metadata.namespace, next.metadata.name);
    if (next.metadata.deletionTimestamp && (next.metadata.finalizers ?? []).length === 0 && resource !== 'pods') {
      this.objects.delete(k);
      this.emit({ type: 'DELETED', resource, object: next, old });
      return structuredClone(next);
    }
    this.objects.set(k, next);
    this.emit({ type: 'MODIFIED', resource, object: next, old });
    return structuredClone(next);
  }

  update(resource: ResourceName, input: KubeObject): KubeObject {
    const old = this.stored(resource, input);
    const next = structuredClone(input);
    next.metadata.uid = old.metadata.uid;
    next.metadata.creationTimestamp = old.metadata.creationTimestamp;
    if ('status' in old) next.status = old.status;
    if (resource === 'daemonsets') {
      next.metadata.generation = old.metadata.generation;
      if (JSON.stringify(next.spec) !== JSON.stringify(old.spec))
        next.metadata.generation = (old.metadata.generation ?? 1) + 1;
      if (JSON.stringify(next.spec.template) !== JSON.stringify(old.spec.template)) {
        const generation = Number(old.metadata.annotations?.['deprecated.daemonset.template.generation'] ?? 1) + 1;
        next.metadata.annotations = {
          ...next.metadata.annotations,
          'deprecated.daemonset.template.generation': String(generation),
        };
      }
    }
    for (const hook of this.hooks) hook({ operation: 'UPDATE', resource, object: next, old, dryRun: false });
    return this.commit(resource, next, old);
  }

  updateStatus(resource: ResourceName, input: KubeObject): KubeObject {
    const old = this.stored(resource, input);
    return this.commit(resource, { ...structuredClone(old), status: structuredClone(input.status) }, old);
  }

  delete(
    resource: ResourceName,
    namespace: string | undefined,
    name: string,
    options: { propagationPolicy?: 'Background' | 'Foreground' | 'Orphan'; gracePeriodSeconds?: number } = {},
  ): void {
    const k = this.key(resource, namespace, name);
    const current = this.objects.get(k);
    if (!current) throw notFound(resource, '', name);
    if (resource === 'pods' && current.spec?.nodeName) {
      const grace = options.gracePeriodSeconds ?? current.spec.terminationGracePeriodSeconds ?? 30;
      if (grace > 0) {
        if (current.metadata.deletionTimestamp) return;
        const marked = structuredClone(current);
        marked.metadata.deletionTimestamp = new Date(this.now() + grace * 1000).toISOString();
        marked.metadata.deletionGracePeriodSeconds = grace;
        this.commit(resource, marked, current);
        return;
      }
    }
    const policy = options.propagationPolicy ?? 'Background';
    const dependents = [...this.objects.entries()].filter(([, o]) =>
      o.metadata.ownerReferences?.some((r) => r.uid === current.metadata.uid),
    );
    if (policy === 'Orphan') {
      for (const [dk, d] of dependents) {
        const copy = structuredClone(d);
        copy.metadata.ownerReferences = copy.metadata.ownerReferences?.filter((r) => r.uid !== current.metadata.uid);
        this.commit(dk.split('|')[0] as ResourceName, copy, d);
      }
    }
    if (policy === 'Foreground' && dependents.length > 0) {
      const waiting = structuredClone(current);
      waiting.metadata.deletionTimestamp = new Date(this.now()).toISOString();
      waiting.metadata.finalizers = [...(waiting.metadata.finalizers ?? []), 'foregroundDeletion'];
      this.commit(resource, waiting, current);
      return;
    }
    this.objects.delete(k);
    this.rv++;
    this.emit({ type: 'DELETED', resource, object: current, old: current });
  }

  subscribe(listener: (event: StoreEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  addAdmission(hook: AdmissionHook | AdmissionPlugin): void {
    if (typeof hook === 'function') this.hooks.push(hook);
    else {
      if (hook.name === 'ServiceAccount' || hook.name === 'Priority') return;
      if (hook.mutate) this.mutators.push(hook.mutate);
      if (hook.validate) this.hooks.push(hook.validate);
    }
  }

  recordEvent(involved: KubeObject, type: 'Normal' | 'Warning', reason: string, message: string, source: EventSource) {
    this.events.push({ involved: `${involved.kind}/${involved.metadata.name}`, type, reason, message, source });
  }
}

/** Resolves once `check` returns a truthy value (polled), or rejects after `timeoutMs`. */
export async function waitFor<T>(check: () => T | undefined | false, timeoutMs = 5000, what = 'condition'): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** The seed world with every control loop and the kubelets running fast; what to stop goes into `stops`. */
export function runningWorld(stops: (() => void)[], nodes = 6): FakeApi {
  const api = new FakeApi();
  for (const hook of admissionHooks(api)) api.addAdmission(hook);
  seedWorld(api, { nodes });
  const controllers = startControllers(api, { speed: 100 });
  const kubelets = startKubelets(api, { speed: 100 });
  stops.push(
    () => controllers.stop(),
    () => kubelets.stop(),
  );
  return api;
}

/** One bare node, worker-1 (10.0.0.21, pods in 10.244.7.0/24), and the kubelets at `speed`. */
export function oneNode(speed: number): { api: FakeApi; kubelets: KubeletHandle } {
  const api = new FakeApi();
  api.create('nodes', {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name: 'worker-1' },
    spec: { podCIDR: '10.244.7.0/24' },
    status: { addresses: [{ type: 'InternalIP', address: '10.0.0.21' }] },
  });
  return { api, kubelets: startKubelets(api, { speed }) };
}

/** `world()` for tests that each want the running seed world: its loops are stopped after every test. */
export function worldPerTest(nodes?: number): () => FakeApi {
  const stops: (() => void)[] = [];
  afterEach(() => {
    while (stops.length) stops.pop()?.();
  });
  return () => runningWorld(stops, nodes);
}

/** `setup()` for tests that each want oneNode at `speed`; `kubelets()` is the latest one's, stopped after the test. */
export function oneNodePerTest(speed: number): { setup(): FakeApi; kubelets(): KubeletHandle | undefined } {
  let handle: KubeletHandle | undefined;
  afterEach(() => handle?.stop());
  return {
    setup() {
      const { api, kubelets } = oneNode(speed);
      handle = kubelets;
      return api;
    },
    kubelets: () => handle,
  };
}
