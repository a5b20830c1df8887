import type { DrainOptions, NodeOtherPod, NodeView } from '../../electron/contract/node-view-dto';

// What a drain with these options does to the node's pods, from the live picture: what the confirmation names and
// what the drain call is given. The backend applies the same rule to the pods it lists (apply/drain.ts).

export interface DrainPlan {
  evict: { namespace: string; name: string }[];
  /** Pods that stop the drain unless an option allows them (kubectl refuses the whole drain for them). */
  refused: NodeOtherPod[];
}

export function drainPlan(view: NodeView, options: DrainOptions): DrainPlan {
  const plan: DrainPlan = { evict: [], refused: [] };
  for (const pod of view.otherPods) {
    if (pod.mirror) continue;
    if (pod.needs.every((need) => options[need])) plan.evict.push({ namespace: pod.namespace, name: pod.name });
    else plan.refused.push(pod);
  }
  return plan;
}
