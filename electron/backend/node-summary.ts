import type { V1Node } from '@kubernetes/client-node';
import type { NodeSummary } from '../contract/index.js';

// The part of a node the renderer may see (wizard coverage preview and detail grid): no addresses, no status beyond Ready.
export function toNodeSummary(node: V1Node): NodeSummary {
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
