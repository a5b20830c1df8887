import type { NodeSummary } from '../../contract/index.js';
import type { KubeObject, NodeObject } from './objects.js';
import type { Projection } from './source.js';
import { isRecord } from '../../../common/guards.js';

/** What the backend keeps of a node: the part the renderer may see, and its allocatable for the wizard's room. */
export interface NodeSummaryObject extends KubeObject {
  summary: NodeSummary;
  allocatable: Record<string, string | number>;
}

// The part of a node the renderer may see (wizard coverage preview and detail grid): no addresses, no status beyond
// Ready.
export function toNodeSummary(node: NodeObject): NodeSummary {
  return {
    name: node.metadata?.name ?? '',
    labels: { ...(node.metadata?.labels ?? {}) },
    taints: (node.spec?.taints ?? []).map((t) => ({
      key: t.key,
      effect: t.effect,
      ...(t.value !== undefined && t.value !== '' ? { value: t.value } : {}),
    })),
    unschedulable: node.spec?.unschedulable === true,
    ready: (node.status?.conditions ?? []).some((c) => c.type === 'Ready' && c.status === 'True'),
  };
}

export const nodeSummary: Projection<NodeSummaryObject> = {
  name: 'summary',
  project: (raw) => {
    if (!isRecord(raw) || !isRecord(raw.metadata)) return undefined;
    const node = raw as NodeObject;
    const { name, uid, resourceVersion } = node.metadata ?? {};
    const allocatable = isRecord(node.status?.allocatable) ? node.status.allocatable : {};
    return { metadata: { name, uid, resourceVersion }, summary: toNodeSummary(node), allocatable };
  },
};
