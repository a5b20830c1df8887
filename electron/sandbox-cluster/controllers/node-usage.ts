// The scheduler's view of what is already on each node (its cache's NodeInfo): the pods bound there that are not
// finished, each with its requests, host ports and priority, kept from store events so a scheduling attempt never
// scans every pod of the cluster.

import type { KubeObject } from '../types.js';
import type { Pod } from './kinds.js';
import { keyOf } from './kinds.js';
import { podHostPorts, podRequests, type HostPort, type ResourceAmounts } from './pod-resources.js';

export interface PodUse {
  key: string;
  uid: string;
  requests: ResourceAmounts;
  ports: HostPort[];
  priority: number;
  /** Sandbox ms the pod started (for the scheduler's choice of the least important victim). */
  startedAt: number;
  terminating: boolean;
}

export function podUse(pod: Pod): PodUse {
  const started = (pod.status?.startTime as string | undefined) ?? pod.metadata.creationTimestamp;
  return {
    key: keyOf(pod),
    uid: pod.metadata.uid,
    requests: podRequests(pod.spec),
    ports: podHostPorts(pod.spec),
    priority: typeof pod.spec.priority === 'number' ? pod.spec.priority : 0,
    startedAt: Date.parse(started) || 0,
    terminating: pod.metadata.deletionTimestamp !== undefined,
  };
}

const finished = (pod: KubeObject) => pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed';

export class NodeUsage {
  private readonly byNode = new Map<string, Map<string, PodUse>>();
  private readonly nodeOf = new Map<string, string>();

  /** Follows a pod event; returns the node that lost a pod (its room grew), if any. */
  apply(type: 'ADDED' | 'MODIFIED' | 'DELETED', pod: Pod): string | undefined {
    const key = keyOf(pod);
    const node = type === 'DELETED' || finished(pod) ? undefined : pod.spec.nodeName;
    const before = this.nodeOf.get(key);
    const known = before !== undefined ? this.byNode.get(before)?.get(key) : undefined;
    if (before !== undefined && (before !== node || known?.uid !== pod.metadata.uid)) {
      this.byNode.get(before)?.delete(key);
      this.nodeOf.delete(key);
    }
    if (node !== undefined) {
      let pods = this.byNode.get(node);
      if (!pods) this.byNode.set(node, (pods = new Map()));
      const current = pods.get(key);
      // Requests and ports of a pod never change after creation: only its deletion mark is refreshed.
      if (current?.uid === pod.metadata.uid) current.terminating = pod.metadata.deletionTimestamp !== undefined;
      else pods.set(key, podUse(pod));
      this.nodeOf.set(key, node);
    }
    return before !== undefined && before !== node ? before : undefined;
  }

  pods(node: string): PodUse[] {
    return [...(this.byNode.get(node)?.values() ?? [])];
  }

  count(node: string): number {
    return this.byNode.get(node)?.size ?? 0;
  }
}
