// The rollout rule of product.md section 2 over a DaemonSet's status block: the renderer's row status (which adds the
// reasons) and the backend's choice of which DaemonSets get their pods watched (the unsettled ones) read this one copy.
// KubeSphere's own rule only compares ready pods, so a rollout in progress looks Running there; here every part of the
// status block counts.

export interface RolloutFacts {
  /** metadata.generation. */
  generation: number;
  /** status.observedGeneration; absent until the controller has seen the object. */
  observedGeneration?: number;
  /** Whether the update strategy is RollingUpdate (anything but OnDelete). */
  rolling: boolean;
  desired: number;
  available: number;
  updated: number;
  misscheduled: number;
}

/**
 * - `unobserved`: the controller has not seen the latest spec yet.
 * - `stopped`: no node should run a pod.
 * - `rolling`: pods are missing, unavailable, misscheduled or (RollingUpdate) not yet on the new template.
 * - `settled`: every node that should run a pod runs an available one (OnDelete may still run old ones).
 */
export type Rollout = 'unobserved' | 'stopped' | 'rolling' | 'settled';

export function rolloutOf(facts: RolloutFacts): Rollout {
  const { desired } = facts;
  if (facts.observedGeneration === undefined || facts.observedGeneration < facts.generation) return 'unobserved';
  if (desired === 0) return 'stopped';
  if (facts.available < desired || facts.misscheduled > 0 || (facts.rolling && facts.updated < desired)) {
    return 'rolling';
  }
  return 'settled';
}

/** Settled = Running or Stopped in product.md's status rules: nothing is left for the controller to do. */
export const isSettled = (facts: RolloutFacts): boolean => {
  const rollout = rolloutOf(facts);
  return rollout === 'settled' || rollout === 'stopped';
};
