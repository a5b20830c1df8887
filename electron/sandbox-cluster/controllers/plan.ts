// The DaemonSet controller's decisions as pure functions of a snapshot (nodes, the DaemonSet's pods per node, the
// current revision hash, the time): which pods to create and delete, and the status to report. Behaviour follows the
// upstream controller (manage, rollingUpdate, updateDaemonSetStatus); the code is our own.

import { nodeShouldRunDaemonPod } from './eligibility.js';
import type { DaemonSet, DaemonSetStatus, Node, Pod } from './kinds.js';
import {
  compareByCreationAndPhase,
  HASH_LABEL,
  isPodAvailable,
  isPodReady,
  isPodUpdated,
  isTerminating,
  templateGeneration,
} from './pod-util.js';

export interface Snapshot {
  ds: DaemonSet;
  nodes: Node[];
  /** The DaemonSet's pods by target node (terminal pods that are already being deleted left out). */
  podsByNode: Map<string, Pod[]>;
  hash: string;
  now: number;
  /** minReadySeconds in sandbox milliseconds (already divided by the speed factor). */
  minReadyMs: number;
}

export interface Actions {
  /** Node names that need a new daemon pod. */
  create: string[];
  /** Names of pods to delete. */
  delete: string[];
  /** Failed daemon pods among the deletions, reported as FailedDaemonPod. */
  failed?: { pod: string; node: string }[];
}

/** `n` or `"p%"` against `total`; percentages round up, as upstream does for DaemonSets. */
export function resolveIntOrPercent(value: number | string | undefined, total: number, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value === 'number') return value;
  const match = /^(\d+)%$/.exec(value);
  if (!match) return Number.isFinite(Number(value)) ? Number(value) : fallback;
  return Math.ceil((Number(match[1]) * total) / 100);
}

export function allowsSurge(ds: DaemonSet): boolean {
  const strategy = ds.spec.updateStrategy;
  if ((strategy?.type ?? 'RollingUpdate') !== 'RollingUpdate') return false;
  return resolveIntOrPercent(strategy?.rollingUpdate?.maxSurge, 1, 0) !== 0;
}

/** Effective maxSurge and maxUnavailable for `desired` nodes; both 0 means maxUnavailable 1. */
export function rolloutBudget(ds: DaemonSet, desired: number): { maxSurge: number; maxUnavailable: number } {
  const ru = ds.spec.updateStrategy?.rollingUpdate;
  const maxSurge = resolveIntOrPercent(ru?.maxSurge, desired, 0);
  let maxUnavailable = resolveIntOrPercent(ru?.maxUnavailable, desired, 1);
  if (desired > 0 && maxSurge === 0 && maxUnavailable === 0) maxUnavailable = 1;
  return { maxSurge, maxUnavailable };
}

function podsOn(snapshot: Snapshot, node: string): Pod[] {
  return snapshot.podsByNode.get(node) ?? [];
}

/** Creates for nodes missing a pod, deletes for surplus, failed and misplaced pods. */
export function planManage(snapshot: Snapshot): Actions {
  const { ds, hash, now, minReadyMs } = snapshot;
  const actions: Actions = { create: [], delete: [] };
  const surge = allowsSurge(ds);
  for (const node of snapshot.nodes) {
    const { shouldRun, shouldContinueRunning } = nodeShouldRunDaemonPod(node, ds);
    const pods = podsOn(snapshot, node.metadata.name);
    if (shouldRun && pods.length === 0) {
      actions.create.push(node.metadata.name);
      continue;
    }
    if (!shouldContinueRunning) {
      for (const pod of pods) if (!isTerminating(pod)) actions.delete.push(pod.metadata.name);
      continue;
    }
    const running: Pod[] = [];
    for (const pod of pods) {
      if (isTerminating(pod)) continue;
      // A failed daemon pod is replaced: delete it now, the next sync creates a fresh one.
      if (pod.status?.phase === 'Failed') {
        actions.delete.push(pod.metadata.name);
        (actions.failed ??= []).push({ pod: pod.metadata.name, node: node.metadata.name });
      } else running.push(pod);
    }
    running.sort(compareByCreationAndPhase);
    if (!surge) {
      for (const extra of running.slice(1)) actions.delete.push(extra.metadata.name);
      continue;
    }
    // With surge, keep at most the oldest current pod and the oldest old pod; the old one goes once it is not ready
    // or the new one is available.
    let oldestNew: Pod | undefined;
    let oldestOld: Pod | undefined;
    for (const pod of running) {
      const isNew = pod.metadata.labels?.[HASH_LABEL] === hash;
      if (isNew && !oldestNew) oldestNew = pod;
      else if (!isNew && !oldestOld) oldestOld = pod;
      else actions.delete.push(pod.metadata.name);
    }
    if (oldestNew && oldestOld) {
      if (!isPodReady(oldestOld) || isPodAvailable(oldestNew, minReadyMs, now)) {
        actions.delete.push(oldestOld.metadata.name);
      }
    }
  }
  return actions;
}

/** The node's non-terminating pods split into current and old; `ok` false when either kind appears twice. */
export function splitPodsOnNode(
  pods: Pod[],
  hash: string,
  generation: string | undefined,
): { newPod?: Pod; oldPod?: Pod; ok: boolean } {
  let newPod: Pod | undefined;
  let oldPod: Pod | undefined;
  for (const pod of pods) {
    if (isTerminating(pod)) continue;
    if (isPodUpdated(pod, hash, generation)) {
      if (newPod) return { ok: false };
      newPod = pod;
    } else {
      if (oldPod) return { ok: false };
      oldPod = pod;
    }
  }
  return { newPod, oldPod, ok: true };
}

/** Rolling-update step: which old pods to delete (maxSurge 0) or which nodes get a surge pod (maxSurge > 0). */
export function planRollingUpdate(snapshot: Snapshot): Actions {
  const { ds, hash, now, minReadyMs } = snapshot;
  const generation = templateGeneration(ds);
  const eligible = new Map(snapshot.nodes.map((n) => [n.metadata.name, nodeShouldRunDaemonPod(n, ds).shouldRun]));
  // Every node that should run the DaemonSet takes part, with or without pods; plus nodes that still hold pods.
  const nodeNames = new Set<string>(snapshot.podsByNode.keys());
  let desired = 0;
  for (const [name, shouldRun] of eligible) {
    if (!shouldRun) continue;
    desired++;
    nodeNames.add(name);
  }
  const { maxSurge, maxUnavailable } = rolloutBudget(ds, desired);
  const ordered = [...nodeNames].sort();
  const available = (pod: Pod) => isPodAvailable(pod, minReadyMs, now);

  if (maxSurge === 0) {
    let numUnavailable = 0;
    const replace: string[] = [];
    const candidates: string[] = [];
    for (const name of ordered) {
      const { newPod, oldPod, ok } = splitPodsOnNode(podsOn(snapshot, name), hash, generation);
      if (!ok || (!newPod && !oldPod) || (newPod && oldPod)) {
        // The manage step fixes this node; until then it counts as unavailable.
        numUnavailable++;
      } else if (newPod) {
        if (!available(newPod)) numUnavailable++;
      } else if (oldPod) {
        if (!available(oldPod)) replace.push(oldPod.metadata.name);
        else if (numUnavailable < maxUnavailable) candidates.push(oldPod.metadata.name);
      }
    }
    const room = Math.min(Math.max(maxUnavailable - numUnavailable, 0), candidates.length);
    return { create: [], delete: [...replace, ...candidates.slice(0, room)] };
  }

  let numSurge = 0;
  let numAvailable = 0;
  const toDelete: string[] = [];
  const misplaced: string[] = [];
  const allowedNew: string[] = [];
  const candidateNew: string[] = [];
  for (const name of ordered) {
    const { newPod, oldPod, ok } = splitPodsOnNode(podsOn(snapshot, name), hash, generation);
    if (!ok) {
      numSurge++;
      continue;
    }
    const counted = oldPod ?? newPod;
    if (counted && available(counted)) numAvailable++;
    if (!oldPod) continue;
    const shouldRun = eligible.get(name) === true;
    if (!newPod) {
      if (!available(oldPod)) {
        if (!shouldRun) toDelete.push(oldPod.metadata.name);
        else allowedNew.push(name);
      } else if (!shouldRun) {
        misplaced.push(oldPod.metadata.name);
      } else if (numSurge < maxSurge) {
        candidateNew.push(name);
      }
      continue;
    }
    if (!available(newPod)) numSurge++;
    else toDelete.push(oldPod.metadata.name);
  }
  // Pods on nodes that no longer qualify go only while availability stays above the desired count.
  const deletable = Math.min(Math.max(numAvailable - desired, 0), misplaced.length);
  toDelete.push(...misplaced.slice(0, deletable));
  const room = Math.min(Math.max(maxSurge - numSurge, 0), candidateNew.length);
  return { create: [...allowedNew, ...candidateNew.slice(0, room)], delete: toDelete };
}

/** Every status field, per node, as upstream updateDaemonSetStatus counts them. */
export function computeStatus(snapshot: Snapshot): Omit<DaemonSetStatus, 'observedGeneration' | 'collisionCount'> {
  const { ds, hash, now, minReadyMs } = snapshot;
  const generation = templateGeneration(ds);
  let desired = 0;
  let current = 0;
  let misscheduled = 0;
  let ready = 0;
  let available = 0;
  let updated = 0;
  for (const node of snapshot.nodes) {
    const { shouldRun } = nodeShouldRunDaemonPod(node, ds);
    const pods = podsOn(snapshot, node.metadata.name);
    if (!shouldRun) {
      if (pods.length > 0) misscheduled++;
      continue;
    }
    desired++;
    if (pods.length === 0) continue;
    current++;
    const oldest = [...pods].sort(compareByCreationAndPhase)[0] as Pod;
    if (isPodReady(oldest)) {
      ready++;
      if (isPodAvailable(oldest, minReadyMs, now)) available++;
    }
    if (isPodUpdated(oldest, hash, generation)) updated++;
  }
  return {
    currentNumberScheduled: current,
    numberMisscheduled: misscheduled,
    desiredNumberScheduled: desired,
    numberReady: ready,
    updatedNumberScheduled: updated,
    numberAvailable: available,
    numberUnavailable: desired - available,
  };
}
