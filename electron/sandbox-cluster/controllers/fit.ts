// kube-scheduler's filter plugins, in the default profile's order (NodeUnschedulable, TaintToleration, NodeAffinity,
// NodePorts, NodeResourcesFit), each node stopping at its first failing plugin; and FitError's message:
// `0/6 nodes are available: 1 Insufficient cpu, 5 node(s) didn't satisfy plugin(s) [NodeAffinity].`

import { fitsNodeAffinity, untoleratedTaint } from './eligibility.js';
import type { Node, Pod, Taint } from './kinds.js';
import type { PodUse } from './node-usage.js';
import { amountOf, isScalarResource, portsConflict, type HostPort, type ResourceAmounts } from './pod-resources.js';

export interface NodeStatus {
  reasons: string[];
  /** UnschedulableAndUnresolvable: removing pods from the node would not help, so preemption skips it. */
  unresolvable: boolean;
}

/** What the filters need of the pod being scheduled. */
export interface Candidate {
  pod: Pod;
  requests: ResourceAmounts;
  ports: HostPort[];
}

const UNSCHEDULABLE_TAINT: Taint = { key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' };

/** The filters that depend only on the node (no other pod can change them). */
export function nodeFilter(pod: Pod, node: Node): NodeStatus | undefined {
  const tolerations = pod.spec.tolerations ?? [];
  if (node.spec?.unschedulable && untoleratedTaint([UNSCHEDULABLE_TAINT], tolerations)) {
    return { reasons: ['node(s) were unschedulable'], unresolvable: true };
  }
  const taint = untoleratedTaint(node.spec?.taints ?? [], tolerations);
  if (taint) {
    return { reasons: [`node(s) had untolerated taint {${taint.key}: ${taint.value ?? ''}}`], unresolvable: true };
  }
  if (!fitsNodeAffinity(pod.spec, node)) {
    return { reasons: ["node(s) didn't match Pod's node affinity/selector"], unresolvable: true };
  }
  return undefined;
}

function allocatableOf(node: Node): Record<string, string> {
  return (node.status?.allocatable ?? {}) as Record<string, string>;
}

/** NodePorts and NodeResourcesFit against the pods counted on the node. */
export function roomFilter(candidate: Candidate, node: Node, onNode: PodUse[]): NodeStatus | undefined {
  const ports = onNode.flatMap((p) => p.ports);
  if (candidate.ports.length > 0 && portsConflict(candidate.ports, ports)) {
    return { reasons: ["node(s) didn't have free ports for the requested pod ports"], unresolvable: false };
  }
  const allocatable = allocatableOf(node);
  const reasons: string[] = [];
  if (onNode.length + 1 > amountOf('pods', allocatable.pods ?? '0')) reasons.push('Too many pods');
  for (const [name, wanted] of candidate.requests) {
    if (wanted <= 0) continue;
    const native = name === 'cpu' || name === 'memory' || name === 'ephemeral-storage';
    if (!native && !isScalarResource(name)) continue;
    const used = onNode.reduce((sum, p) => sum + (p.requests.get(name) ?? 0), 0);
    const free = amountOf(name, allocatable[name] ?? '0') - used;
    if (wanted > free) reasons.push(`Insufficient ${name}`);
  }
  return reasons.length > 0 ? { reasons, unresolvable: false } : undefined;
}

/** The names a required node affinity pins the pod to (NodeAffinity's PreFilter result), or undefined for all. */
export function pinnedNodeNames(pod: Pod): Set<string> | undefined {
  const terms = pod.spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms;
  if (!terms || terms.length === 0) return undefined;
  let names: Set<string> | undefined;
  for (const term of terms) {
    let termNames: Set<string> | undefined;
    for (const field of term.matchFields ?? []) {
      if (field.key !== 'metadata.name' || field.operator !== 'In') continue;
      const values = new Set(field.values ?? []);
      termNames = termNames ? new Set([...termNames].filter((n) => values.has(n))) : values;
    }
    // A term without a name requirement allows every node, and terms are ORed.
    if (!termNames) return undefined;
    names = new Set([...(names ?? []), ...termNames]);
  }
  return names;
}

/** Counts of each reason, as `<n> <reason>` sorted as strings (FitError's histogram). */
export function histogram(counts: Map<string, number>): string {
  return [...counts]
    .map(([reason, n]) => `${n} ${reason}`)
    .sort()
    .join(', ');
}

export const ABSENT_REASON = "node(s) didn't satisfy plugin(s) [NodeAffinity]";

/** `0/N nodes are available: <histogram>.` over the nodes filtered and those the PreFilter left out. */
export function fitMessage(allNodes: number, statuses: NodeStatus[], absent: number): string {
  const counts = new Map<string, number>();
  for (const s of statuses) for (const r of s.reasons) counts.set(r, (counts.get(r) ?? 0) + 1);
  if (absent > 0) counts.set(ABSENT_REASON, (counts.get(ABSENT_REASON) ?? 0) + absent);
  const reasons = histogram(counts);
  return `0/${allNodes} nodes are available${reasons ? `: ${reasons}.` : ':'}`;
}
