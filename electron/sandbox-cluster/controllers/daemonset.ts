// The DaemonSet controller: reacts to DaemonSet, pod, node and revision changes through a coalescing work queue,
// resyncs periodically (availability after minReadySeconds is a matter of time, not of events), and for each
// DaemonSet creates and deletes pods, runs the rolling update, keeps revisions and writes status.

import { asStatusError } from '../errors.js';
import type { ClusterApi, KubeObject, StoreEvent } from '../types.js';
import { ClusterCache } from './cache.js';
import { QueuedLoop } from './control-loop.js';
import type { Subscribable } from './event-bus.js';
import { newDaemonPod } from './daemon-pod.js';
import { nodeOfPod } from './eligibility.js';
import { cleanupHistory, constructHistory, HashCollision } from './history.js';
import type { DaemonSet, DaemonSetStatus, Node, Pod } from './kinds.js';
import { controllerRef, keyOf, ownerRefTo, splitKey } from './kinds.js';
import { computeStatus, planManage, planRollingUpdate, type Actions, type Snapshot } from './plan.js';
import { isTerminal, isTerminating } from './pod-util.js';
import { matchesSelectorObject } from '../apimachinery/selectors.js';
import { WorkQueue } from './work-queue.js';

const SOURCE = { component: 'daemonset-controller' };
// Time-based availability has its own delayed requeue; the resync only catches anything missed.
const RESYNC_MS = 30_000;

export class DaemonSetController extends QueuedLoop {
  protected readonly queue: WorkQueue;
  private readonly cache: ClusterCache;

  constructor(
    private readonly api: ClusterApi,
    private readonly speed: number,
    events: Subscribable = api,
  ) {
    super();
    this.queue = new WorkQueue(
      (key) => this.sync(key),
      (key, error) => {
        if (!(error instanceof HashCollision) && !(error instanceof CreateFailed)) {
          console.warn(`daemonset-controller: sync ${key} failed:`, error);
        }
      },
    );
    this.cache = new ClusterCache(api, events);
    this.onStop(() => this.cache.stop());
    this.onStop(events.subscribe((event) => this.onEvent(event)));
    const resync = setInterval(() => this.enqueueAll(), RESYNC_MS);
    resync.unref();
    this.onStop(() => clearInterval(resync));
    this.enqueueAll();
  }

  override resume(): void {
    super.resume();
    this.enqueueAll();
  }

  private enqueueAll(): void {
    for (const ds of this.api.list('daemonsets')) this.queue.add(keyOf(ds));
  }

  private onEvent(event: StoreEvent): void {
    switch (event.resource) {
      case 'daemonsets':
        this.queue.add(keyOf(event.object));
        return;
      case 'pods':
      case 'controllerrevisions':
        this.enqueueOwner(event.object);
        if (event.old) this.enqueueOwner(event.old);
        return;
      case 'nodes':
        if (event.type !== 'MODIFIED' || schedulingChanged(event.old, event.object)) this.enqueueAll();
        return;
      default:
        return;
    }
  }

  private enqueueOwner(obj: KubeObject): void {
    const ref = controllerRef(obj);
    if (ref) {
      if (ref.kind === 'DaemonSet') this.queue.add(`${obj.metadata.namespace ?? ''}/${ref.name}`);
      return;
    }
    // An orphan pod may be adopted by a DaemonSet whose selector matches it.
    if (obj.kind !== 'Pod') return;
    for (const ds of this.api.list('daemonsets', obj.metadata.namespace) as DaemonSet[]) {
      if (matchesSelectorObject(ds.spec.selector, obj.metadata.labels)) this.queue.add(keyOf(ds));
    }
  }

  private minReadyMs(ds: DaemonSet): number {
    return ((ds.spec.minReadySeconds ?? 0) * 1000) / this.speed;
  }

  /** The DaemonSet's pods (adopting matching orphans), grouped by target node. */
  private claimPods(ds: DaemonSet): Pod[] {
    const owned = this.cache.pods.ownedBy(ds.metadata.uid);
    for (const pod of this.cache.pods.orphans(ds.metadata.namespace ?? '')) {
      if (isTerminating(pod) || !matchesSelectorObject(ds.spec.selector, pod.metadata.labels)) continue;
      const adopted = { ...pod, metadata: { ...pod.metadata } };
      adopted.metadata.ownerReferences = [...(pod.metadata.ownerReferences ?? []), ownerRefTo(ds)];
      owned.push(this.api.update('pods', adopted) as Pod);
    }
    return owned;
  }

  private snapshot(ds: DaemonSet, nodes: Node[], pods: Pod[], hash: string): Snapshot {
    const podsByNode = new Map<string, Pod[]>();
    for (const pod of pods) {
      if (isTerminal(pod) && isTerminating(pod)) continue;
      const node = nodeOfPod(pod.spec);
      if (!node) continue;
      const list = podsByNode.get(node);
      if (list) list.push(pod);
      else podsByNode.set(node, [pod]);
    }
    return { ds, nodes, podsByNode, hash, now: this.api.now(), minReadyMs: this.minReadyMs(ds) };
  }

  private sync(key: string): void {
    const { namespace, name } = splitKey(key);
    const ds = this.api.get('daemonsets', namespace, name) as DaemonSet | undefined;
    // A DaemonSet being deleted is left to the garbage collector.
    if (!ds || ds.metadata.deletionTimestamp) return;
    const nodes = this.cache.nodeList();
    const { old, hash } = constructHistory(this.api, ds, this.cache.revisions);
    let pods = this.claimPods(ds);

    const managed = this.execute(ds, planManage(this.snapshot(ds, nodes, pods, hash)), hash);
    let writes = managed.writes;
    let createFailed = managed.createFailed;
    // Like upstream's expectations: the rolling update only runs on a snapshot the manage step did not change.
    const strategy = ds.spec.updateStrategy?.type ?? 'RollingUpdate';
    if (writes === 0 && strategy === 'RollingUpdate') {
      const rolled = this.execute(ds, planRollingUpdate(this.snapshot(ds, nodes, pods, hash)), hash);
      writes += rolled.writes;
      createFailed ||= rolled.createFailed;
    }
    if (writes > 0) pods = this.claimPods(ds);
    cleanupHistory(this.api, ds, old, pods);
    this.writeStatus(ds, this.snapshot(ds, nodes, pods, hash), writes === 0);
    // As upstream's sync returns the create error: the work queue retries with back-off (and the event repeats).
    if (createFailed) throw new CreateFailed();
  }

  /** Creates and deletes pods; returns how many writes succeeded. Stops creating at the first failure. */
  private execute(ds: DaemonSet, actions: Actions, hash: string): { writes: number; createFailed: boolean } {
    let createFailed = false;
    let writes = 0;
    for (const { pod, node } of actions.failed ?? []) {
      const message = `Found failed daemon pod ${ds.metadata.namespace}/${pod} on node ${node}, will try to kill it`;
      this.api.recordEvent(ds, 'Warning', 'FailedDaemonPod', message, SOURCE);
    }
    for (const pod of actions.delete) {
      try {
        this.api.delete('pods', ds.metadata.namespace, pod);
        this.api.recordEvent(ds, 'Normal', 'SuccessfulDelete', `Deleted pod: ${pod}`, SOURCE);
        writes++;
      } catch (error) {
        if (asStatusError(error)?.code === 404) continue;
        this.api.recordEvent(ds, 'Warning', 'FailedDelete', `Error deleting: ${errorMessage(error)}`, SOURCE);
      }
    }
    for (const node of actions.create) {
      try {
        const pod = this.api.create('pods', newDaemonPod(ds, node, hash));
        this.api.recordEvent(ds, 'Normal', 'SuccessfulCreate', `Created pod: ${pod.metadata.name}`, SOURCE);
        writes++;
      } catch (error) {
        this.api.recordEvent(ds, 'Warning', 'FailedCreate', `Error creating: ${errorMessage(error)}`, SOURCE);
        createFailed = true;
        break;
      }
    }
    return { writes, createFailed };
  }

  private writeStatus(ds: DaemonSet, snapshot: Snapshot, settled: boolean): void {
    const computed = computeStatus(snapshot);
    const previous: Partial<DaemonSetStatus> = ds.status ?? {};
    const next: DaemonSetStatus = { ...previous, ...computed };
    if (settled) next.observedGeneration = ds.metadata.generation;
    const fields: (keyof DaemonSetStatus)[] = [
      'currentNumberScheduled',
      'numberMisscheduled',
      'desiredNumberScheduled',
      'numberReady',
      'updatedNumberScheduled',
      'numberAvailable',
      'numberUnavailable',
      'observedGeneration',
    ];
    if (fields.some((f) => previous[f] !== next[f])) {
      const latest = this.api.get('daemonsets', ds.metadata.namespace, ds.metadata.name) as DaemonSet | undefined;
      if (latest && latest.metadata.resourceVersion === ds.metadata.resourceVersion) {
        this.api.updateStatus('daemonsets', { ...latest, status: next });
      } else {
        // The DaemonSet changed meanwhile; its own event requeues it.
        return;
      }
    }
    // Pods that are ready but not yet available become available by the passage of time alone.
    if (snapshot.minReadyMs > 0 && computed.numberReady !== computed.numberAvailable) {
      this.queue.addAfter(keyOf(ds), snapshot.minReadyMs + 50);
    }
    if (!settled) this.queue.add(keyOf(ds));
  }
}

/** A pod create the API refused: already recorded as a FailedCreate event, retried by the work queue. */
class CreateFailed extends Error {}

function schedulingChanged(old: KubeObject | undefined, now: KubeObject): boolean {
  if (!old) return true;
  return (
    JSON.stringify(old.metadata.labels ?? {}) !== JSON.stringify(now.metadata.labels ?? {}) ||
    JSON.stringify(old.spec?.taints ?? []) !== JSON.stringify(now.spec?.taints ?? []) ||
    old.spec?.unschedulable !== now.spec?.unschedulable
  );
}

function errorMessage(error: unknown): string {
  return asStatusError(error)?.message ?? (error instanceof Error ? error.message : String(error));
}
