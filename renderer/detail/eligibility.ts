import type { PodSpec } from 'kubernetes-types/core/v1';
import type { DaemonSetDetail } from '../../electron/contract/detail-dto';
import type { NodeSummary } from '../../electron/contract/dto';
import { unmetAffinity, whyNot } from '../../common/coverage';

// Which nodes the DaemonSet wants, for the detail page. The backend sends the nodes as they are; the decision is the
// wizard's coverage rule (the one copy of the DaemonSet controller's nodeShouldRunDaemonPod in the app) applied to
// the live pod template, so the preview before creation and the grid after it cannot disagree.

/** Why a node runs no pod of this DaemonSet, in the detail page's terms (detail.grid.why.*). */
export interface IneligibleReason {
  kind: 'selector' | 'affinity' | 'taint';
  detail: string;
}

export interface DetailNode extends NodeSummary {
  eligible: boolean;
  reason?: IneligibleReason;
}

function reasonFor(spec: PodSpec, node: NodeSummary): IneligibleReason | undefined {
  const why = whyNot(spec, node);
  switch (why?.kind) {
    case undefined:
      return undefined;
    case 'nodeSelector':
      return { kind: 'selector', detail: why.detail };
    // A template pinned to one node (spec.nodeName) acts as a selector on the node's name.
    case 'nodeName':
      return { kind: 'selector', detail: `nodeName=${why.detail}` };
    case 'affinity':
      return { kind: 'affinity', detail: unmetAffinity(spec, node) ?? why.detail };
    case 'taint':
      return { kind: 'taint', detail: why.detail };
  }
}

/** Whether a DaemonSet with this pod spec wants a pod on the node, and if not, the first reason why. */
export function nodeEligibility(spec: PodSpec, node: NodeSummary): DetailNode {
  const reason = reasonFor(spec, node);
  return reason ? { ...node, eligible: false, reason } : { ...node, eligible: true };
}

// The last judgement: the same node list (a delta keeps the list when no node changed) under the same template is
// not judged again, so a rollout step on 5,000 nodes judges no node; the grid, its summary and the stuck check share it.
let judged: { nodes: readonly NodeSummary[]; template: string; result: DetailNode[] } | undefined;

/** The detail's nodes with eligibility under the live template; none when the user may not list nodes. */
export function detailNodes(detail: DaemonSetDetail): DetailNode[] {
  if (!detail.nodes.allowed) return [];
  const spec = (detail.daemonSet?.template.spec ?? {}) as PodSpec;
  const template = JSON.stringify(spec);
  if (judged?.nodes === detail.nodes.value && judged.template === template) return judged.result;
  const result = detail.nodes.value.map((node) => nodeEligibility(spec, node));
  judged = { nodes: detail.nodes.value, template, result };
  return result;
}
