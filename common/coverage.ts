// Node coverage preview: which nodes a DaemonSet will run a pod on and, for each other node, why not. The rules are
// the DaemonSet controller's (NodeShouldRunDaemonPod): nodeName, nodeSelector, required node affinity, then
// NoSchedule/NoExecute taints against the pod's tolerations plus those the controller adds to every daemon pod — so
// a cordoned node (taint node.kubernetes.io/unschedulable) still gets a pod.
import type { NodeSelectorRequirement, NodeSelectorTerm, PodSpec, Toleration } from 'kubernetes-types/core/v1';
import { fitProblems, type FitProblem, type NodeRoom } from './fit.js';

export interface CoverageTaint {
  key: string;
  value?: string;
  effect: string;
}

export interface CoverageNode {
  name: string;
  labels: Record<string, string>;
  taints: CoverageTaint[];
  /** Allocatable and what is already taken, when known: the pod's fit is then checked too. */
  room?: NodeRoom;
}

export type CoverageReason =
  | { kind: 'nodeName'; detail: string }
  | { kind: 'nodeSelector'; detail: string }
  | { kind: 'affinity'; detail: string }
  | { kind: 'taint'; detail: string };

export interface NodeCoverage {
  name: string;
  runs: boolean;
  reason?: CoverageReason;
  /** A node that gets a pod where the pod will not fit: it is created and stays Pending. */
  unfit?: FitProblem[];
}

const DAEMON_TOLERATIONS: Toleration[] = [
  { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute' },
  { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute' },
  { key: 'node.kubernetes.io/disk-pressure', operator: 'Exists', effect: 'NoSchedule' },
  { key: 'node.kubernetes.io/memory-pressure', operator: 'Exists', effect: 'NoSchedule' },
  { key: 'node.kubernetes.io/pid-pressure', operator: 'Exists', effect: 'NoSchedule' },
  { key: 'node.kubernetes.io/unschedulable', operator: 'Exists', effect: 'NoSchedule' },
];
const HOST_NETWORK_TOLERATION: Toleration = {
  key: 'node.kubernetes.io/network-unavailable',
  operator: 'Exists',
  effect: 'NoSchedule',
};

export function tolerates(t: Toleration, taint: CoverageTaint): boolean {
  if (t.effect && t.effect !== taint.effect) return false;
  if (t.key && t.key !== taint.key) return false;
  const operator = t.operator ?? 'Equal';
  if (operator === 'Exists') return true;
  return operator === 'Equal' && (t.value ?? '') === (taint.value ?? '');
}

function matches(req: NodeSelectorRequirement, value: string | undefined): boolean {
  const values = req.values ?? [];
  switch (req.operator) {
    case 'In':
      return value !== undefined && values.includes(value);
    case 'NotIn':
      return value === undefined || !values.includes(value);
    case 'Exists':
      return value !== undefined;
    case 'DoesNotExist':
      return value === undefined;
    case 'Gt':
    case 'Lt': {
      if (value === undefined || values.length !== 1 || !/^-?\d+$/.test(value) || !/^-?\d+$/.test(values[0] ?? '')) {
        return false;
      }
      return req.operator === 'Gt' ? Number(value) > Number(values[0]) : Number(value) < Number(values[0]);
    }
    default:
      return false;
  }
}

function termMatches(term: NodeSelectorTerm, node: CoverageNode): boolean {
  const expressions = term.matchExpressions ?? [];
  const fields = term.matchFields ?? [];
  if (expressions.length === 0 && fields.length === 0) return false;
  return (
    expressions.every((req) => matches(req, node.labels[req.key])) &&
    fields.every((req) => req.key === 'metadata.name' && matches(req, node.name))
  );
}

const requirementText = (req: NodeSelectorRequirement): string =>
  `${req.key} ${req.operator}${req.values?.length ? ` (${req.values.join(', ')})` : ''}`;

/** The first requirement `node` fails in the first required node affinity term it fails, as text (`zone In (a, b)`). */
export function unmetAffinity(spec: PodSpec, node: CoverageNode): string | undefined {
  const terms = spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms ?? [];
  for (const term of terms) {
    const unmet =
      (term.matchExpressions ?? []).find((req) => !matches(req, node.labels[req.key])) ??
      (term.matchFields ?? []).find((req) => !(req.key === 'metadata.name' && matches(req, node.name)));
    if (unmet) return requirementText(unmet);
  }
  return undefined;
}

const taintText = (t: CoverageTaint): string => `${t.key}${t.value ? `=${t.value}` : ''}:${t.effect}`;

/** Why `node` gets no pod from a DaemonSet with this pod spec, or undefined when it gets one. */
export function whyNot(spec: PodSpec, node: CoverageNode): CoverageReason | undefined {
  if (spec.nodeName && spec.nodeName !== node.name) return { kind: 'nodeName', detail: spec.nodeName };
  for (const [key, value] of Object.entries(spec.nodeSelector ?? {})) {
    if (node.labels[key] !== value) return { kind: 'nodeSelector', detail: `${key}=${value}` };
  }
  const required = spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution;
  if (required && !(required.nodeSelectorTerms ?? []).some((term) => termMatches(term, node))) {
    return { kind: 'affinity', detail: node.name };
  }
  const tolerations = [...(spec.tolerations ?? []), ...DAEMON_TOLERATIONS];
  if (spec.hostNetwork === true) tolerations.push(HOST_NETWORK_TOLERATION);
  const blocking = node.taints.find(
    (taint) =>
      (taint.effect === 'NoSchedule' || taint.effect === 'NoExecute') && !tolerations.some((t) => tolerates(t, taint)),
  );
  return blocking ? { kind: 'taint', detail: taintText(blocking) } : undefined;
}

/**
 * Every node with whether it gets a pod and, where it does and the node's room is known, whether the pod fits; nodes
 * that get one come first, each group by name. `self`: the uid of the DaemonSet being updated.
 */
export function coverage(spec: PodSpec, nodes: CoverageNode[], self?: string): NodeCoverage[] {
  return nodes
    .map((node): NodeCoverage => {
      const reason = whyNot(spec, node);
      if (reason) return { name: node.name, runs: false, reason };
      const unfit = node.room ? fitProblems(spec, node.room, self) : [];
      return unfit.length > 0 ? { name: node.name, runs: true, unfit } : { name: node.name, runs: true };
    })
    .sort((a, b) => Number(b.runs) - Number(a.runs) || a.name.localeCompare(b.name));
}
