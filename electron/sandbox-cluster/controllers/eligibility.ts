// Which nodes get a daemon pod (NodeShouldRunDaemonPod in the upstream DaemonSet controller): node name, node
// selector, required node affinity and taints against the pod's tolerations, including the tolerations every daemon
// pod receives.

import type {
  DaemonSet,
  Node,
  NodeSelectorRequirement,
  NodeSelectorTerm,
  PodSpec,
  Taint,
  Toleration,
} from './kinds.js';

const NODE_PREFIX = 'node.kubernetes.io/';

/** Tolerations the controller adds to every daemon pod, in the order upstream appends them. */
export function defaultDaemonTolerations(hostNetwork: boolean): Toleration[] {
  const list: Toleration[] = [
    { key: `${NODE_PREFIX}not-ready`, operator: 'Exists', effect: 'NoExecute' },
    { key: `${NODE_PREFIX}unreachable`, operator: 'Exists', effect: 'NoExecute' },
    { key: `${NODE_PREFIX}disk-pressure`, operator: 'Exists', effect: 'NoSchedule' },
    { key: `${NODE_PREFIX}memory-pressure`, operator: 'Exists', effect: 'NoSchedule' },
    { key: `${NODE_PREFIX}pid-pressure`, operator: 'Exists', effect: 'NoSchedule' },
    { key: `${NODE_PREFIX}unschedulable`, operator: 'Exists', effect: 'NoSchedule' },
  ];
  // Host-network pods do not need the pod network, so they may start before the CNI is ready.
  if (hostNetwork) list.push({ key: `${NODE_PREFIX}network-unavailable`, operator: 'Exists', effect: 'NoSchedule' });
  return list;
}

function sameToleration(a: Toleration, b: Toleration): boolean {
  return (
    (a.key ?? '') === (b.key ?? '') &&
    (a.operator || 'Equal') === (b.operator || 'Equal') &&
    (a.value ?? '') === (b.value ?? '') &&
    (a.effect ?? '') === (b.effect ?? '')
  );
}

/** The template's tolerations plus the daemon defaults; an identical toleration already present is replaced in place. */
export function withDaemonTolerations(spec: PodSpec): Toleration[] {
  const result = (spec.tolerations ?? []).map((t) => ({ ...t }));
  for (const extra of defaultDaemonTolerations(spec.hostNetwork === true)) {
    const at = result.findIndex((t) => sameToleration(t, extra));
    if (at >= 0) result[at] = extra;
    else result.push(extra);
  }
  return result;
}

export function toleratesTaint(toleration: Toleration, taint: Taint): boolean {
  if (toleration.effect && toleration.effect !== taint.effect) return false;
  if (toleration.key && toleration.key !== taint.key) return false;
  const operator = toleration.operator || 'Equal';
  if (operator === 'Exists') return true;
  if (operator === 'Equal') return (toleration.value ?? '') === (taint.value ?? '');
  return false;
}

/** The first NoSchedule/NoExecute taint (or only those `filter` keeps) that no toleration matches. */
export function untoleratedTaint(
  taints: Taint[],
  tolerations: Toleration[],
  filter: (taint: Taint) => boolean = (t) => t.effect === 'NoSchedule' || t.effect === 'NoExecute',
): Taint | undefined {
  return taints.filter(filter).find((taint) => !tolerations.some((tol) => toleratesTaint(tol, taint)));
}

function parseInteger(value: string): number | undefined {
  return /^-?\d+$/.test(value) ? Number(value) : undefined;
}

export function requirementMatches(req: NodeSelectorRequirement, value: string | undefined): boolean {
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
      if (value === undefined || values.length !== 1) return false;
      const have = parseInteger(value);
      const want = parseInteger(values[0] ?? '');
      if (have === undefined || want === undefined) return false;
      return req.operator === 'Gt' ? have > want : have < want;
    }
    default:
      return false;
  }
}

/** A term matches when all its label expressions and all its field expressions hold; an empty term matches nothing. */
export function termMatches(term: NodeSelectorTerm, node: Node): boolean {
  const expressions = term.matchExpressions ?? [];
  const fields = term.matchFields ?? [];
  if (expressions.length === 0 && fields.length === 0) return false;
  const labels = node.metadata.labels ?? {};
  const labelsOk = expressions.every((req) => requirementMatches(req, labels[req.key]));
  // Only metadata.name is a supported node field; any other key never matches.
  const fieldsOk = fields.every((req) =>
    req.key === 'metadata.name' ? requirementMatches(req, node.metadata.name) : false,
  );
  return labelsOk && fieldsOk;
}

/** nodeSelector and required node affinity (terms ORed). */
export function fitsNodeAffinity(spec: PodSpec, node: Node): boolean {
  const labels = node.metadata.labels ?? {};
  for (const [key, value] of Object.entries(spec.nodeSelector ?? {})) {
    if (labels[key] !== value) return false;
  }
  const required = spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution;
  if (!required) return true;
  return (required.nodeSelectorTerms ?? []).some((term) => termMatches(term, node));
}

export interface Eligibility {
  /** A new daemon pod should be placed on the node. */
  shouldRun: boolean;
  /** An existing daemon pod may stay (only an untolerated NoExecute taint evicts it). */
  shouldContinueRunning: boolean;
}

export function nodeShouldRunDaemonPod(node: Node, ds: DaemonSet): Eligibility {
  const spec = ds.spec.template.spec;
  const no = { shouldRun: false, shouldContinueRunning: false };
  if (spec.nodeName && spec.nodeName !== node.metadata.name) return no;
  if (!fitsNodeAffinity(spec, node)) return no;
  const taints = node.spec?.taints ?? [];
  const tolerations = withDaemonTolerations(spec);
  if (untoleratedTaint(taints, tolerations)) {
    const evicting = untoleratedTaint(taints, tolerations, (t) => t.effect === 'NoExecute');
    return { shouldRun: false, shouldContinueRunning: evicting === undefined };
  }
  return { shouldRun: true, shouldContinueRunning: true };
}

/** The node a daemon pod belongs to: its nodeName, else the `metadata.name In [x]` field term of its affinity. */
export function nodeOfPod(spec: PodSpec): string | undefined {
  if (spec.nodeName) return spec.nodeName;
  const terms = spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms ?? [];
  for (const term of terms) {
    for (const field of term.matchFields ?? []) {
      if (field.key === 'metadata.name' && field.operator === 'In' && field.values?.length === 1) {
        return field.values[0];
      }
    }
  }
  return undefined;
}
