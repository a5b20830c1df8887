import type { PodProblem } from '../../contract/index.js';
import type { PodObject } from './objects.js';
import { isRecord, records, text } from '../../../common/guards.js';
import { identityOf } from './identity.js';
import { intern, internMaybe } from './intern.js';
import { nodeOf } from '../resources/pod-issues.js';
import { podProblem } from '../resources/pod-problem.js';
import { projectPodUse, type PodUse } from '../resources/node-room.js';
import { REVISION_HASH } from '../resources/detail-convert.js';

// The coverage matrix's cluster-wide pod watch keeps, of each pod, what its cell and its node's room read: where it
// is (or is pinned to), which DaemonSet owns it, its revision, readiness and the reason it is not running and ready
// (judged here from the whole pod, by the list's rule), and what it takes on its node. Never the whole object.

export interface PodCell {
  metadata: ReturnType<typeof identityOf>;
  /** Bound node, else the node a daemon pod's affinity pins it to; '' for neither. */
  node: string;
  /** The controlling DaemonSet's uid ('' for a pod no DaemonSet controls). */
  ownerUid: string;
  revisionHash: string;
  phase: string;
  ready: boolean;
  deleting: boolean;
  /** A container has run (so its volumes are set up): a FailedMount event no longer explains it. */
  started: boolean;
  /** Judged from the status alone; the matrix adds what only the pod's Warning events say (coverage-cells.ts). */
  problem?: PodProblem;
  /** What it takes on its node (bound and not finished); it counts in the node's room. */
  use?: PodUse;
}

/** A pod as the API sends it → its cell's facts; undefined if it is not one. */
export function projectPodCell(raw: unknown): PodCell | undefined {
  if (!isRecord(raw) || !isRecord(raw.metadata)) return undefined;
  const pod = raw as PodObject;
  const meta = raw.metadata;
  const owner = records(meta.ownerReferences).find((o) => o.controller === true && o.kind === 'DaemonSet');
  const labels = isRecord(meta.labels) ? meta.labels : {};
  const metadata = identityOf(meta);
  metadata.namespace = internMaybe(metadata.namespace);
  const cell: PodCell = {
    metadata,
    node: intern(nodeOf(pod) ?? ''),
    ownerUid: intern(text(owner?.uid) ?? ''),
    revisionHash: intern(text(labels[REVISION_HASH]) ?? ''),
    phase: intern(pod.status?.phase ?? 'Pending'),
    ready: pod.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') === true,
    deleting: Boolean(pod.metadata?.deletionTimestamp),
    started: (pod.status?.containerStatuses ?? []).some((s) => s.state?.running || s.state?.terminated),
  };
  const problem = podProblem(pod);
  if (problem) cell.problem = problem;
  const use = projectPodUse(raw);
  if (use) {
    // The same node and owner as the cell's, kept once.
    use.node = cell.node === use.node ? cell.node : intern(use.node);
    if (use.daemonSetUid !== undefined) use.daemonSetUid = intern(use.daemonSetUid);
    cell.use = use;
  }
  return cell;
}
