import type { MatrixNode } from '../../contract/index.js';
import type { NodeObject } from './objects.js';
import type { Projection } from './source.js';
import { isRecord } from '../../../common/guards.js';
import { identityOf } from './identity.js';
import { toNodeSummary } from './node-summary.js';
import { nodeRoom } from '../resources/node-room.js';

// The coverage matrix's node watch keeps, of each node, its labels, taints, cordon, allocatable and the conditions
// that say something (Ready when it is not, any other one that is True): no addresses, images or system info.

export interface NodeRowObject {
  metadata: ReturnType<typeof identityOf>;
  node: MatrixNode;
  /** Allocatable as the API wrote it (quantities), for the fit check's room. */
  allocatable: Record<string, string | number>;
}

export function projectNodeRow(raw: unknown): NodeRowObject | undefined {
  if (!isRecord(raw) || !isRecord(raw.metadata)) return undefined;
  const object = raw as NodeObject;
  const allocatable = isRecord(object.status?.allocatable) ? object.status.allocatable : {};
  const conditions = (object.status?.conditions ?? [])
    .filter((c) => (c.type === 'Ready' ? c.status !== 'True' : c.status === 'True'))
    .map((c) => ({ type: c.type, status: c.status, ...(c.reason ? { reason: c.reason } : {}) }));
  const summary = toNodeSummary(object);
  return {
    metadata: identityOf(raw.metadata),
    node: { ...summary, conditions, allocatable: nodeRoom(allocatable, []).allocatable },
    allocatable,
  };
}

export const nodeRow: Projection<NodeRowObject> = { name: 'matrix', project: projectNodeRow };
