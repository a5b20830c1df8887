import type { V1Pod } from '@kubernetes/client-node';
import type { PodIssue } from '../../contract/index.js';

// The node a daemon pod belongs to: spec.nodeName once bound, else the node its required affinity pins it to.
function nodeOf(pod: V1Pod): string | undefined {
  if (pod.spec?.nodeName) return pod.spec.nodeName;
  const terms = pod.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms;
  for (const term of terms ?? []) {
    for (const field of term.matchFields ?? []) {
      if (field.key === 'metadata.name' && field.operator === 'In' && field.values?.[0]) return field.values[0];
    }
  }
  return undefined;
}

/** Why one pod is not fine; empty when it is Running and Ready. */
export function podReasons(pod: V1Pod): string[] {
  if (pod.metadata?.deletionTimestamp) return [];
  const phase = pod.status?.phase;
  if (phase === 'Succeeded') return [];
  const reasons = new Set<string>();
  const statuses = [...(pod.status?.initContainerStatuses ?? []), ...(pod.status?.containerStatuses ?? [])];
  for (const status of statuses) {
    const waiting = status.state?.waiting?.reason;
    const terminated = status.state?.terminated;
    if (waiting) reasons.add(waiting);
    else if (terminated && terminated.exitCode !== 0 && !status.ready) reasons.add(terminated.reason ?? 'Error');
  }
  if (reasons.size > 0) return [...reasons];
  if (phase === 'Failed') return [pod.status?.reason ?? 'Failed'];
  if (phase === 'Pending' || phase === undefined) {
    const unschedulable = pod.status?.conditions?.find((c) => c.type === 'PodScheduled' && c.status === 'False');
    return [unschedulable?.reason ?? 'Pending'];
  }
  const ready = pod.status?.conditions?.find((c) => c.type === 'Ready');
  if (phase === 'Running' && ready?.status !== 'True') return ['NotReady'];
  return [];
}

/**
 * Aggregates the pods of one DaemonSet into reasons with the nodes concerned, e.g. ImagePullBackOff on node-3.
 * Only pods the DaemonSet controls count (the selector may match strangers).
 */
export function aggregatePodIssues(pods: Iterable<V1Pod>, ownerUid?: string): PodIssue[] {
  const byReason = new Map<string, Set<string>>();
  for (const pod of pods) {
    if (ownerUid !== undefined && !pod.metadata?.ownerReferences?.some((o) => o.uid === ownerUid && o.controller))
      continue;
    const node = nodeOf(pod) ?? pod.metadata?.name ?? '';
    for (const reason of podReasons(pod)) {
      let nodes = byReason.get(reason);
      if (!nodes) byReason.set(reason, (nodes = new Set()));
      nodes.add(node);
    }
  }
  return [...byReason.entries()]
    .map(([reason, nodes]) => ({ reason, nodes: [...nodes].sort() }))
    .sort((a, b) => b.nodes.length - a.nodes.length || a.reason.localeCompare(b.reason));
}
