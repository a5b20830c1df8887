// A minimal default-scheduler: binds every pod without spec.nodeName to a feasible node (node selector and required
// affinity, taints, cordon), preferring the least loaded one. Daemon pods name their node through a matchFields
// affinity term, so they land exactly where the DaemonSet controller meant them to.

import type { ClusterApi, KubeObject, StoreEvent } from '../types.js';
import { QueuedLoop } from './control-loop.js';
import type { Subscribable } from './event-bus.js';
import { fitsNodeAffinity, nodeOfPod, untoleratedTaint } from './eligibility.js';
import type { Node, Pod } from './kinds.js';
import { keyOf, splitKey } from './kinds.js';
import { WorkQueue } from './work-queue.js';

const SOURCE = { component: 'default-scheduler' };

export function feasible(pod: Pod, node: Node): boolean {
  if (!fitsNodeAffinity(pod.spec, node)) return false;
  const tolerations = pod.spec.tolerations ?? [];
  const taints = [...(node.spec?.taints ?? [])];
  // A cordoned node refuses new pods unless they tolerate the unschedulable taint, even before the taint is written.
  if (node.spec?.unschedulable) taints.push({ key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' });
  return untoleratedTaint(taints, tolerations) === undefined;
}

export class Scheduler extends QueuedLoop {
  protected readonly queue: WorkQueue;
  private readonly unschedulable = new Set<string>();
  /** Pods per node and each pod's node, kept from events so choosing a node never scans every pod. */
  private readonly load = new Map<string, number>();
  private readonly placement = new Map<string, string>();

  constructor(
    private readonly api: ClusterApi,
    events: Subscribable = api,
  ) {
    super();
    this.queue = new WorkQueue((key) => this.schedule(key));
    this.onStop(events.subscribe((event) => this.onEvent(event)));
    for (const pod of api.list('pods')) {
      this.track(keyOf(pod), pod.spec?.nodeName as string | undefined);
      if (!pod.spec?.nodeName) this.queue.add(keyOf(pod));
    }
  }

  private track(key: string, node: string | undefined): void {
    const before = this.placement.get(key);
    if (before === node) return;
    if (before !== undefined) this.load.set(before, (this.load.get(before) ?? 1) - 1);
    if (node === undefined) this.placement.delete(key);
    else {
      this.placement.set(key, node);
      this.load.set(node, (this.load.get(node) ?? 0) + 1);
    }
  }

  private onEvent(event: StoreEvent): void {
    if (event.resource === 'pods') {
      const key = keyOf(event.object);
      this.track(key, event.type === 'DELETED' ? undefined : (event.object.spec?.nodeName as string | undefined));
      if (event.type === 'DELETED') this.unschedulable.delete(key);
      else if (!event.object.spec?.nodeName && !event.object.metadata.deletionTimestamp) {
        this.queue.add(keyOf(event.object));
      }
    } else if (event.resource === 'nodes') {
      // A new or changed node may fit pods that did not fit before.
      for (const key of this.unschedulable) this.queue.add(key);
    }
  }

  private schedule(key: string): void {
    const { namespace, name } = splitKey(key);
    const pod = this.api.get('pods', namespace, name) as Pod | undefined;
    if (!pod || pod.spec.nodeName || pod.metadata.deletionTimestamp) return;
    // A daemon pod names its node; checking that one node keeps thousands of daemon pods cheap to place.
    const pinned = nodeOfPod(pod.spec);
    const pinnedNode = pinned ? (this.api.get('nodes', undefined, pinned) as Node | undefined) : undefined;
    const nodes = pinnedNode ? [pinnedNode] : (this.api.list('nodes') as Node[]);
    const fits = nodes.filter((node) => feasible(pod, node));
    if (fits.length === 0) {
      this.markUnschedulable(pod, pinnedNode ? this.api.list('nodes').length : nodes.length);
      return;
    }
    this.unschedulable.delete(key);
    const load = this.load;
    fits.sort(
      (a, b) =>
        (load.get(a.metadata.name) ?? 0) - (load.get(b.metadata.name) ?? 0) ||
        a.metadata.name.localeCompare(b.metadata.name),
    );
    const chosen = fits[0];
    if (chosen) this.bind(pod, chosen.metadata.name);
  }

  private bind(pod: Pod, node: string): void {
    const bound = this.api.update('pods', { ...pod, spec: { ...pod.spec, nodeName: node } });
    const conditions = (bound.status?.conditions ?? []).filter((c: { type: string }) => c.type !== 'PodScheduled');
    conditions.push({ type: 'PodScheduled', status: 'True', lastProbeTime: null, lastTransitionTime: iso(this.api) });
    this.api.updateStatus('pods', { ...bound, status: { phase: 'Pending', ...(bound.status ?? {}), conditions } });
    const message = `Successfully assigned ${pod.metadata.namespace}/${pod.metadata.name} to ${node}`;
    this.api.recordEvent(bound, 'Normal', 'Scheduled', message, SOURCE);
  }

  private markUnschedulable(pod: KubeObject, nodeCount: number): void {
    const key = keyOf(pod);
    if (this.unschedulable.has(key)) return;
    this.unschedulable.add(key);
    const message = `0/${nodeCount} nodes are available: ${nodeCount} node(s) didn't match Pod's node affinity/selector, or had untolerated taints.`;
    const conditions = [
      {
        type: 'PodScheduled',
        status: 'False',
        reason: 'Unschedulable',
        message,
        lastProbeTime: null,
        lastTransitionTime: iso(this.api),
      },
    ];
    this.api.updateStatus('pods', { ...pod, status: { phase: 'Pending', ...(pod.status ?? {}), conditions } });
    this.api.recordEvent(pod, 'Warning', 'FailedScheduling', message, SOURCE);
  }
}

export function iso(api: ClusterApi): string {
  return new Date(api.now()).toISOString().replace(/\.\d{3}Z$/, 'Z');
}
