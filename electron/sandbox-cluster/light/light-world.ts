// Light-pod mode's driver: the bench (or a test) plays the DaemonSet controller and the kubelets for thousands of
// nodes. Nodes, namespaces, DaemonSets and ControllerRevisions are written through the registry (validated as any
// write); light pods (light-objects.ts) are committed straight to the store, because the registry's defaulting,
// admission and managedFields would multiply their size and the bench's write time. Watches, lists, tables and
// kubectl serve them like any pod. Used with the sandbox started in light mode (SandboxOptions.light): no seed world,
// controllers and kubelets paused, so nothing but this driver touches the pods.
import { newUid, timestamp } from '../store/names.js';
import type { ObjectStore } from '../store/store.js';
import type { ClusterApi, KubeObject, WatchEventType } from '../types.js';
import type { DaemonSet, PodTemplate } from '../controllers/kinds.js';
import { revisionData, templateHash } from '../controllers/revision.js';
import {
  HASH_LABEL,
  lightNode,
  lightPod,
  lightStatus,
  revisionParts,
  type LightState,
  type RevisionParts,
} from './light-objects.js';

export interface LightDaemonSetSpec {
  namespace: string;
  name: string;
  image: string;
  /** updateStrategy.rollingUpdate.maxUnavailable (default '10%'). */
  maxUnavailable?: string | number;
}

interface Tracked {
  namespace: string;
  name: string;
  current: RevisionParts;
  /** Pod name per node, in node order. */
  pods: Map<string, string>;
  state: LightState;
  revision: number;
}

const RUNNING: LightState = { running: true };

export class LightWorld {
  private readonly daemonSets = new Map<string, Tracked>();
  private readonly nodeNames: string[] = [];
  private serial = 0;
  /** Shared statuses by image and state: one object for all pods that look alike. */
  private readonly statuses = new Map<string, Record<string, unknown>>();

  constructor(
    private readonly store: ObjectStore,
    private readonly api: ClusterApi,
  ) {}

  nodes(): string[] {
    return [...this.nodeNames];
  }

  /** Adds `count` Ready nodes named `<prefix>-00000`…; returns their names. */
  addNodes(count: number, prefix = 'node'): string[] {
    const now = this.api.now();
    const width = Math.max(5, String(count).length);
    const added: string[] = [];
    for (let i = 0; i < count; i++) {
      const index = this.nodeNames.length;
      const name = `${prefix}-${String(index).padStart(width, '0')}`;
      this.api.create('nodes', lightNode(name, index, now));
      this.nodeNames.push(name);
      added.push(name);
    }
    return added;
  }

  private ensureNamespace(name: string): void {
    if (this.api.get('namespaces', undefined, name)) return;
    this.api.create('namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name } });
  }

  private tracked(namespace: string, name: string): Tracked {
    const found = this.daemonSets.get(`${namespace}/${name}`);
    if (!found) throw new Error(`light mode: no DaemonSet ${namespace}/${name}`);
    return found;
  }

  private status(image: string, state: LightState): Record<string, unknown> {
    const key = `${image}|${state.running ? 'running' : state.reason}`;
    let status = this.statuses.get(key);
    if (!status) {
      status = lightStatus(image, state, this.api.now());
      this.statuses.set(key, status);
    }
    return status;
  }

  private commit(type: WatchEventType, pod: KubeObject, old?: KubeObject): void {
    pod.metadata.resourceVersion = String(this.store.nextRv());
    this.store.commit(type, 'pods', pod, old);
  }

  private addPod(ds: Tracked, node: string): void {
    const name = `${ds.name}-${(this.serial++).toString(36).padStart(5, '0')}`;
    const pod = lightPod(
      ds.current,
      ds.namespace,
      name,
      node,
      timestamp(this.api.now()),
      this.status(ds.current.image, ds.state),
    );
    pod.metadata.uid = newUid();
    this.commit('ADDED', pod);
    ds.pods.set(node, name);
  }

  private deletePod(ds: Tracked, node: string): void {
    const name = ds.pods.get(node);
    const old = name ? this.store.get('pods', ds.namespace, name) : undefined;
    if (!old) return;
    this.commit('DELETED', { ...old, metadata: { ...old.metadata } }, old);
    ds.pods.delete(node);
  }

  private revision(ds: KubeObject, hash: string, number: number): void {
    this.api.create('controllerrevisions', {
      apiVersion: 'apps/v1',
      kind: 'ControllerRevision',
      metadata: {
        name: `${ds.metadata.name}-${hash}`,
        namespace: ds.metadata.namespace,
        labels: { ...(ds.spec.template.metadata?.labels ?? {}), [HASH_LABEL]: hash },
        ownerReferences: [
          { apiVersion: 'apps/v1', kind: 'DaemonSet', name: ds.metadata.name, uid: ds.metadata.uid, controller: true },
        ],
      },
      data: revisionData(ds as DaemonSet),
      revision: number,
    });
  }

  /** Writes the DaemonSet's status as its controller would from the pods it has now. */
  private writeStatus(ds: Tracked): void {
    const stored = this.api.get('daemonsets', ds.namespace, ds.name);
    if (!stored) return;
    let updated = 0;
    for (const name of ds.pods.values()) {
      const pod = this.store.get('pods', ds.namespace, name);
      if (pod?.metadata.labels?.[HASH_LABEL] === ds.current.hash) updated++;
    }
    const scheduled = ds.pods.size;
    const ready = ds.state.running ? scheduled : 0;
    this.api.updateStatus('daemonsets', {
      ...stored,
      status: {
        observedGeneration: stored.metadata.generation ?? 1,
        desiredNumberScheduled: this.nodeNames.length,
        currentNumberScheduled: scheduled,
        numberMisscheduled: 0,
        numberReady: ready,
        numberAvailable: ready,
        numberUnavailable: this.nodeNames.length - ready,
        updatedNumberScheduled: updated,
      },
    });
  }

  /** A DaemonSet tolerating every taint, with one running pod on every node. Returns its pods' count. */
  addDaemonSet(spec: LightDaemonSetSpec): { pods: number; hash: string } {
    this.ensureNamespace(spec.namespace);
    const labels = { 'app.kubernetes.io/name': spec.name };
    const template: PodTemplate = {
      metadata: { labels },
      spec: {
        tolerations: [{ operator: 'Exists' }],
        containers: [{ name: 'agent', image: spec.image, resources: { requests: { cpu: '10m', memory: '16Mi' } } }],
      },
    } as PodTemplate;
    const ds = this.api.create('daemonsets', {
      apiVersion: 'apps/v1',
      kind: 'DaemonSet',
      metadata: { name: spec.name, namespace: spec.namespace, labels },
      spec: {
        selector: { matchLabels: labels },
        updateStrategy: {
          type: 'RollingUpdate',
          rollingUpdate: { maxUnavailable: spec.maxUnavailable ?? '10%', maxSurge: 0 },
        },
        template,
      },
    });
    const hash = templateHash(ds.spec.template as PodTemplate);
    this.revision(ds, hash, 1);
    const tracked: Tracked = {
      namespace: spec.namespace,
      name: spec.name,
      current: revisionParts(ds, hash, spec.image),
      pods: new Map(),
      state: RUNNING,
      revision: 1,
    };
    this.daemonSets.set(`${spec.namespace}/${spec.name}`, tracked);
    for (const node of this.nodeNames) this.addPod(tracked, node);
    this.writeStatus(tracked);
    return { pods: tracked.pods.size, hash };
  }

  /** Changes the template's image (a new revision); pods move to it with rolloutStep. Returns the new hash. */
  startRollout(namespace: string, name: string, image: string): string {
    const ds = this.tracked(namespace, name);
    const stored = this.api.get('daemonsets', namespace, name);
    if (!stored) throw new Error(`light mode: DaemonSet ${namespace}/${name} is gone`);
    const template = structuredClone(stored.spec.template) as PodTemplate & {
      spec: { containers: { image: string }[] };
    };
    for (const container of template.spec.containers) container.image = image;
    const updated = this.api.update('daemonsets', { ...stored, spec: { ...stored.spec, template } });
    const hash = templateHash(template);
    ds.revision += 1;
    this.revision(updated, hash, ds.revision);
    ds.current = revisionParts(updated, hash, image);
    ds.state = RUNNING;
    this.writeStatus(ds);
    return hash;
  }

  /**
   * One step of a rolling update, as the controller does with maxUnavailable: deletes up to `count` pods of older
   * revisions and creates their replacements, running and ready, on the same nodes. The controller picks no order;
   * this one takes every n-th old pod (n = old pods ÷ count), so each step touches nodes all over the node list (and
   * so the rows a view shows). Returns how many moved and how many old pods remain.
   */
  rolloutStep(namespace: string, name: string, count: number): { moved: number; remaining: number } {
    const ds = this.tracked(namespace, name);
    const old = [...ds.pods.entries()].filter(([, pod]) => {
      const stored = this.store.get('pods', namespace, pod);
      return stored?.metadata.labels?.[HASH_LABEL] !== ds.current.hash;
    });
    const take = Math.min(old.length, Math.max(0, Math.floor(count)));
    const stride = take > 0 ? Math.floor(old.length / take) : 1;
    const moving = old
      .filter((_, i) => i % stride === 0)
      .slice(0, take)
      .map(([node]) => node);
    for (const node of moving) this.deletePod(ds, node);
    for (const node of moving) this.addPod(ds, node);
    this.writeStatus(ds);
    return { moved: moving.length, remaining: old.length - moving.length };
  }

  /** Puts every pod of the DaemonSet in one state (e.g. waiting on ImagePullBackOff); returns how many changed. */
  setState(namespace: string, name: string, state: LightState): number {
    const ds = this.tracked(namespace, name);
    ds.state = state;
    const status = this.status(ds.current.image, state);
    let changed = 0;
    for (const pod of ds.pods.values()) {
      const old = this.store.get('pods', namespace, pod);
      if (!old || old.status === status) continue;
      this.commit('MODIFIED', { ...old, metadata: { ...old.metadata }, status }, old);
      changed++;
    }
    this.writeStatus(ds);
    return changed;
  }
}
