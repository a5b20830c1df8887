// The default-scheduler: binds every pod without spec.nodeName to a node that passes the filters (see fit.ts), the
// least loaded first. A pod that fits nowhere stays Pending with PodScheduled=False and a FailedScheduling event in
// the real wording, may preempt pods of lower priority, and is tried again (with back-off) when a node changes or a
// pod leaves a node. Daemon pods name their node through a matchFields affinity term, so only that node is filtered.

import type { ClusterApi, KubeObject, StoreEvent } from '../types.js';
import { QueuedLoop } from './control-loop.js';
import type { Subscribable } from './event-bus.js';
import { fitMessage, nodeFilter, pinnedNodeNames, roomFilter, type Candidate } from './fit.js';
import type { Node, Pod, PodCondition } from './kinds.js';
import { keyOf, splitKey } from './kinds.js';
import { NodeUsage, podUse, type PodUse } from './node-usage.js';
import { podHostPorts, podRequests } from './pod-resources.js';
import { preempt, type NodeAttempt, type PreemptionResult } from './preemption.js';
import { WorkQueue } from './work-queue.js';

const SOURCE = { component: 'default-scheduler' };
/** The scheduling queue's pod back-off: 1 s doubling to 10 s. */
const BACKOFF_MS = { initial: 1_000, max: 10_000 };
/** Unschedulable pods are tried again at least this often even without a relevant change (upstream: 5 min). */
const FLUSH_MS = 5 * 60_000;

interface Waiting {
  backoffMs: number;
  retryAt: number;
}

export class Scheduler extends QueuedLoop {
  protected readonly queue: WorkQueue;
  private readonly usage = new NodeUsage();
  private readonly waiting = new Map<string, Waiting>();
  /** Unbound pods a preemption made room for, by key: their node keeps that room for them. */
  private readonly nominated = new Map<string, { node: string; use: PodUse }>();

  constructor(
    private readonly api: ClusterApi,
    events: Subscribable = api,
  ) {
    super();
    this.queue = new WorkQueue((key) => this.schedule(key));
    this.onStop(events.subscribe((event) => this.onEvent(event)));
    const flush = setInterval(() => this.retryWaiting(), FLUSH_MS);
    flush.unref();
    this.onStop(() => clearInterval(flush));
    for (const pod of api.list('pods') as Pod[]) {
      this.usage.apply('ADDED', pod);
      this.trackNomination(pod, false);
      if (!pod.spec?.nodeName && !pod.metadata.deletionTimestamp) this.queue.add(keyOf(pod));
    }
  }

  private onEvent(event: StoreEvent): void {
    if (event.resource === 'nodes' || (event.resource === 'persistentvolumeclaims' && event.type === 'ADDED')) {
      // A new or changed node may fit pods that did not fit before; a new claim may be the one a pod waits for.
      this.retryWaiting();
      return;
    }
    if (event.resource !== 'pods') return;
    const pod = event.object as Pod;
    const key = keyOf(pod);
    const freed = this.usage.apply(event.type, pod);
    this.trackNomination(pod, event.type === 'DELETED');
    if (event.type === 'DELETED') this.waiting.delete(key);
    else if (!pod.spec.nodeName && !pod.metadata.deletionTimestamp && specChanged(event.old, pod)) this.queue.add(key);
    if (freed !== undefined) this.retryWaiting();
  }

  private trackNomination(pod: Pod, deleted: boolean): void {
    const node = pod.status?.nominatedNodeName as string | undefined;
    if (deleted || pod.spec.nodeName || !node) this.nominated.delete(keyOf(pod));
    else this.nominated.set(keyOf(pod), { node, use: podUse(pod) });
  }

  private retryWaiting(): void {
    const now = this.api.now();
    for (const [key, state] of this.waiting) this.queue.addAfter(key, state.retryAt - now);
  }

  /** Pods counted on the node for this pod: those bound there, and pods nominated there that outrank it or tie. */
  private podsOn(node: string, self: string, priority: number): PodUse[] {
    const pods = this.usage.pods(node);
    for (const [key, n] of this.nominated) {
      if (n.node === node && key !== self && n.use.priority >= priority) pods.push(n.use);
    }
    return pods;
  }

  private schedule(key: string): void {
    const { namespace, name } = splitKey(key);
    const pod = this.api.get('pods', namespace, name) as Pod | undefined;
    if (!pod || pod.spec.nodeName || pod.metadata.deletionTimestamp) {
      this.waiting.delete(key);
      return;
    }
    const candidate: Candidate = { pod, requests: podRequests(pod.spec), ports: podHostPorts(pod.spec) };
    const missingClaim = this.missingClaim(pod);
    if (missingClaim) return this.failed(pod, candidate, [], this.api.list('nodes').length, missingClaim);
    const priority = typeof pod.spec.priority === 'number' ? pod.spec.priority : 0;
    // A daemon pod names its node; checking that one node keeps thousands of daemon pods cheap to place.
    const pinned = pinnedNodeNames(pod);
    const nodes = pinned
      ? [...pinned].map((n) => this.api.get('nodes', undefined, n) as Node | undefined).filter((n) => n !== undefined)
      : (this.api.list('nodes') as Node[]);
    const attempts: NodeAttempt[] = [];
    const fits: Node[] = [];
    for (const node of nodes) {
      const onNode = this.podsOn(node.metadata.name, key, priority);
      const status = nodeFilter(pod, node) ?? roomFilter(candidate, node, onNode);
      if (status) attempts.push({ node, status, onNode: this.usage.pods(node.metadata.name) });
      else fits.push(node);
    }
    if (fits.length > 0) {
      this.waiting.delete(key);
      const usage = this.usage;
      fits.sort(
        (a, b) =>
          usage.count(a.metadata.name) - usage.count(b.metadata.name) || a.metadata.name.localeCompare(b.metadata.name),
      );
      this.bind(pod, (fits[0] as Node).metadata.name);
      return;
    }
    const allNodes = pinned ? this.api.list('nodes').length : nodes.length;
    this.failed(pod, candidate, attempts, allNodes);
  }

  private bind(pod: Pod, node: string): void {
    const bound = this.api.update('pods', { ...pod, spec: { ...pod.spec, nodeName: node } });
    const conditions = (bound.status?.conditions ?? []).filter((c: PodCondition) => c.type !== 'PodScheduled');
    conditions.push({ type: 'PodScheduled', status: 'True', lastProbeTime: null, lastTransitionTime: iso(this.api) });
    this.api.updateStatus('pods', { ...bound, status: { phase: 'Pending', ...(bound.status ?? {}), conditions } });
    const message = `Successfully assigned ${pod.metadata.namespace}/${pod.metadata.name} to ${node}`;
    this.api.recordEvent(bound, 'Normal', 'Scheduled', message, SOURCE);
  }

  /** VolumeBinding's PreFilter: every claim the pod names must exist. */
  private missingClaim(pod: Pod): string | undefined {
    const volumes = (pod.spec.volumes ?? []) as { persistentVolumeClaim?: { claimName?: string } }[];
    for (const v of volumes) {
      const claim = v.persistentVolumeClaim?.claimName;
      if (claim !== undefined && !this.api.get('persistentvolumeclaims', pod.metadata.namespace, claim)) {
        return `persistentvolumeclaim "${claim}" not found`;
      }
    }
    return undefined;
  }

  private failed(pod: Pod, candidate: Candidate, attempts: NodeAttempt[], allNodes: number, preFilter?: string): void {
    const key = keyOf(pod);
    let message = 'no nodes available to schedule pods';
    let result: PreemptionResult = { message: '' };
    if (allNodes > 0 && preFilter) {
      // A PreFilter failure rejects every node alike, and removing pods helps none of them.
      message = `0/${allNodes} nodes are available: ${preFilter}. preemption: 0/${allNodes} nodes are available: ${allNodes} Preemption is not helpful for scheduling.`;
    } else if (allNodes > 0) {
      const nominatedNode = pod.status?.nominatedNodeName as string | undefined;
      const onNominated = nominatedNode ? this.usage.pods(nominatedNode) : undefined;
      result = preempt(candidate, attempts, allNodes - attempts.length, allNodes, onNominated);
      const fit = fitMessage(
        allNodes,
        attempts.map((a) => a.status),
        allNodes - attempts.length,
      );
      message = result.message ? `${fit} ${result.message}` : fit;
      if (result.plan) this.evict(pod, result.plan.node, result.plan.victims);
    }
    this.writeUnschedulable(pod, message, result);
    this.api.recordEvent(pod, 'Warning', 'FailedScheduling', message, SOURCE);
    const previous = this.waiting.get(key);
    const backoffMs = previous ? Math.min(previous.backoffMs * 2, BACKOFF_MS.max) : BACKOFF_MS.initial;
    this.waiting.set(key, { backoffMs, retryAt: this.api.now() + backoffMs });
  }

  private writeUnschedulable(pod: Pod, message: string, result: PreemptionResult): void {
    const status: Record<string, unknown> = { phase: 'Pending', ...(pod.status ?? {}) };
    // A successful preemption nominates its node; a failed one clears the nomination; the others leave it.
    if (result.plan) status.nominatedNodeName = result.plan.node;
    else if (result.message.startsWith('preemption: 0/')) delete status.nominatedNodeName;
    const before = pod.status?.conditions?.find((c) => c.type === 'PodScheduled');
    const unchanged =
      before?.status === 'False' &&
      before.message === message &&
      status.nominatedNodeName === pod.status?.nominatedNodeName;
    if (unchanged) return;
    const condition: PodCondition = {
      type: 'PodScheduled',
      status: 'False',
      reason: 'Unschedulable',
      message,
      lastProbeTime: null,
      lastTransitionTime: before?.status === 'False' ? before.lastTransitionTime : iso(this.api),
    };
    const others = (pod.status?.conditions ?? []).filter((c) => c.type !== 'PodScheduled');
    this.api.updateStatus('pods', { ...pod, status: { ...status, conditions: [...others, condition] } });
  }

  /** Deletes the victims gracefully, each marked with the DisruptionTarget condition first, as upstream does. */
  private evict(preemptor: Pod, node: string, victims: PodUse[]): void {
    for (const v of victims) {
      const { namespace, name } = splitKey(v.key);
      const victim = this.api.get('pods', namespace, name);
      if (!victim || victim.metadata.uid !== v.uid) continue;
      if (!victim.metadata.deletionTimestamp) {
        const condition = {
          type: 'DisruptionTarget',
          status: 'True',
          reason: 'PreemptionByScheduler',
          message: `${preemptor.spec.schedulerName ?? 'default-scheduler'}: preempting to accommodate a higher priority pod`,
          lastProbeTime: null,
          lastTransitionTime: iso(this.api),
        };
        const conditions = [...((victim.status?.conditions ?? []) as PodCondition[]), condition];
        this.api.updateStatus('pods', { ...victim, status: { ...(victim.status ?? {}), conditions } });
        this.api.delete('pods', namespace, name);
      }
      const message = `Preempted by pod ${preemptor.metadata.uid} on node ${node}`;
      this.api.recordEvent(victim, 'Normal', 'Preempted', message, SOURCE);
    }
  }
}

/** A status-only write (ours or anyone's) changes nothing the filters read. */
function specChanged(old: KubeObject | undefined, now: KubeObject): boolean {
  return !old || (old.spec !== now.spec && JSON.stringify(old.spec) !== JSON.stringify(now.spec));
}

export function iso(api: ClusterApi): string {
  return new Date(api.now()).toISOString().replace(/\.\d{3}Z$/, 'Z');
}
