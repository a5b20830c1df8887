// DefaultPreemption, the scheduler's PostFilter: when a pod fits nowhere, pods of lower priority on a node whose only
// problem is room (ports, resources) may be evicted for it. Decides the victims and the `preemption: ...` message;
// the scheduler carries the plan out.

import { histogram, roomFilter, type Candidate, type NodeStatus } from './fit.js';
import type { Node } from './kinds.js';
import type { PodUse } from './node-usage.js';

export interface NodeAttempt {
  node: Node;
  status: NodeStatus;
  onNode: PodUse[];
}

export interface PreemptionResult {
  /** The PostFilter's part of the FailedScheduling message; empty when victims were chosen. */
  message: string;
  plan?: { node: string; victims: PodUse[] };
}

const NO_VICTIMS = 'No preemption victims found for incoming pod';
const NOT_HELPFUL = 'Preemption is not helpful for scheduling';

/** MoreImportantPod: higher priority first, then the one that started earlier. */
function moreImportant(a: PodUse, b: PodUse): number {
  return b.priority - a.priority || a.startedAt - b.startedAt;
}

/** SelectVictimsOnNode: remove every lower-priority pod, then give back as many as still leave room. */
function victimsOn(candidate: Candidate, priority: number, attempt: NodeAttempt): PodUse[] | undefined {
  const potential = attempt.onNode.filter((p) => p.priority < priority).sort(moreImportant);
  if (potential.length === 0) return undefined;
  const kept = attempt.onNode.filter((p) => p.priority >= priority);
  if (roomFilter(candidate, attempt.node, kept)) return undefined;
  const victims: PodUse[] = [];
  for (const p of potential) {
    if (roomFilter(candidate, attempt.node, [...kept, p])) victims.push(p);
    else kept.push(p);
  }
  return victims;
}

export function preempt(
  candidate: Candidate,
  attempts: NodeAttempt[],
  absent: number,
  allNodes: number,
  onNominated: PodUse[] | undefined,
): PreemptionResult {
  const spec = candidate.pod.spec;
  const priority = typeof spec.priority === 'number' ? spec.priority : 0;
  if (spec.preemptionPolicy === 'Never') {
    return { message: 'preemption: not eligible due to preemptionPolicy=Never.' };
  }
  // Victims already on their way out of the nominated node will make room; preempting more would be premature.
  if (onNominated?.some((p) => p.terminating && p.priority < priority)) {
    return { message: 'preemption: not eligible due to a terminating pod on the nominated node.' };
  }
  let best: { node: string; victims: PodUse[] } | undefined;
  const counts = new Map<string, number>();
  const count = (reason: string, n = 1) => counts.set(reason, (counts.get(reason) ?? 0) + n);
  if (absent > 0) count(NOT_HELPFUL, absent);
  for (const attempt of attempts) {
    if (attempt.status.unresolvable) {
      count(NOT_HELPFUL);
      continue;
    }
    const victims = victimsOn(candidate, priority, attempt);
    if (!victims) {
      count(NO_VICTIMS);
      continue;
    }
    // pickOneNodeForPreemption, simplified: the lowest highest-priority victim, then the fewest victims.
    const top = (v: PodUse[]) => Math.max(...v.map((p) => p.priority));
    if (
      !best ||
      top(victims) < top(best.victims) ||
      (top(victims) === top(best.victims) && victims.length < best.victims.length)
    ) {
      best = { node: attempt.node.metadata.name, victims };
    }
  }
  if (best) return { message: '', plan: best };
  return { message: `preemption: 0/${allNodes} nodes are available: ${histogram(counts)}.` };
}
