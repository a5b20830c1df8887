import type { V1NodeSelectorRequirement, V1PodSpec, V1Toleration } from '@kubernetes/client-node';
import type { DetailNode, IneligibleReason, NodeSummary, NodeTaint } from '../../contract/index.js';

// Which nodes a DaemonSet wants, as the DaemonSet controller decides it (nodeShouldRunDaemonPod): the node selector,
// the required node affinity, and the NoSchedule/NoExecute taints its pods do not tolerate. Unschedulable nodes still
// get daemon pods (the controller adds the node.kubernetes.io/unschedulable toleration), as do not-ready nodes.

/** Tolerations the DaemonSet controller adds to every daemon pod (AddOrUpdateDaemonPodTolerations). */
const DAEMON_TOLERATIONS: V1Toleration[] = [
  { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute' },
  { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute' },
  { key: 'node.kubernetes.io/disk-pressure', operator: 'Exists', effect: 'NoSchedule' },
  { key: 'node.kubernetes.io/memory-pressure', operator: 'Exists', effect: 'NoSchedule' },
  { key: 'node.kubernetes.io/pid-pressure', operator: 'Exists', effect: 'NoSchedule' },
  { key: 'node.kubernetes.io/unschedulable', operator: 'Exists', effect: 'NoSchedule' },
];
const HOST_NETWORK_TOLERATION: V1Toleration = {
  key: 'node.kubernetes.io/network-unavailable',
  operator: 'Exists',
  effect: 'NoSchedule',
};

function tolerates(toleration: V1Toleration, taint: NodeTaint): boolean {
  if (toleration.effect && toleration.effect !== taint.effect) return false;
  // An empty key with Exists tolerates everything.
  if (!toleration.key) return toleration.operator === 'Exists';
  if (toleration.key !== taint.key) return false;
  if (toleration.operator === 'Exists') return true;
  return (toleration.value ?? '') === (taint.value ?? '');
}

function requirementMatches(req: V1NodeSelectorRequirement, value: string | undefined): boolean {
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
      const have = Number.parseInt(value ?? '', 10);
      const want = Number.parseInt(values[0] ?? '', 10);
      if (!Number.isFinite(have) || !Number.isFinite(want)) return false;
      return req.operator === 'Gt' ? have > want : have < want;
    }
    default:
      return false;
  }
}

const describe = (req: V1NodeSelectorRequirement): string =>
  `${req.key} ${req.operator}${req.values?.length ? ` (${req.values.join(', ')})` : ''}`;

function affinityReason(spec: V1PodSpec | undefined, node: NodeSummary): IneligibleReason | undefined {
  const terms = spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms;
  if (!terms || terms.length === 0) return undefined;
  // Terms are ORed, requirements inside a term ANDed; report the first unmet requirement of the first term.
  let first: string | undefined;
  for (const term of terms) {
    const unmet = [
      ...(term.matchExpressions ?? []).filter((r) => !requirementMatches(r, node.labels[r.key])),
      ...(term.matchFields ?? []).filter(
        (r) => !requirementMatches(r, r.key === 'metadata.name' ? node.name : undefined),
      ),
    ];
    if (unmet.length === 0) return undefined;
    first ??= describe(unmet[0] as V1NodeSelectorRequirement);
  }
  return { kind: 'affinity', detail: first ?? '' };
}

/** Whether the DaemonSet with this pod template wants a pod on the node, and if not, the first reason why. */
export function eligibility(spec: V1PodSpec | undefined, node: NodeSummary): DetailNode {
  const reason = ineligibleReason(spec, node);
  return reason ? { ...node, eligible: false, reason } : { ...node, eligible: true };
}

function ineligibleReason(spec: V1PodSpec | undefined, node: NodeSummary): IneligibleReason | undefined {
  for (const [key, value] of Object.entries(spec?.nodeSelector ?? {})) {
    if (node.labels[key] !== value) return { kind: 'selector', detail: `${key}=${value}` };
  }
  const affinity = affinityReason(spec, node);
  if (affinity) return affinity;
  const tolerations = [...(spec?.tolerations ?? []), ...DAEMON_TOLERATIONS];
  if (spec?.hostNetwork) tolerations.push(HOST_NETWORK_TOLERATION);
  for (const taint of node.taints) {
    if (taint.effect !== 'NoSchedule' && taint.effect !== 'NoExecute') continue;
    if (!tolerations.some((t) => tolerates(t, taint))) {
      return { kind: 'taint', detail: `${taint.key}${taint.value ? `=${taint.value}` : ''}:${taint.effect}` };
    }
  }
  return undefined;
}
