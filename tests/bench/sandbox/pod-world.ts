// Issue 2's memory scenario: many nodes and many daemon pods, made the real way (DaemonSets that the sandbox's own
// controller places and its kubelets run), then the sandbox's resident memory.
import type { ClusterApi, KubeObject } from '../../../electron/sandbox-cluster/index.js';
import { daemonSet } from './world.js';

export interface PodWorldResult {
  daemonSets: number;
  pods: number;
  running: number;
  elapsedMs: number;
}

const isRunning = (pod: KubeObject): boolean =>
  (pod.status as { phase?: string } | undefined)?.phase === 'Running' && pod.metadata.deletionTimestamp === undefined;

/** Adds DaemonSets on every node until `pods` daemon pods are wanted, then waits (up to timeoutMs) for them to run. */
export async function growPodWorld(api: ClusterApi, pods: number, timeoutMs: number): Promise<PodWorldResult> {
  const started = Date.now();
  const nodes = api.list('nodes').length;
  // Every added DaemonSet tolerates all taints, so it wants one pod per node; the seed world's two want about as many.
  const seeded = api.list('daemonsets').length;
  const toAdd = Math.max(0, Math.ceil(pods / Math.max(1, nodes)) - seeded);
  for (let i = 0; i < toAdd; i++) api.create('daemonsets', daemonSet(`fleet-agent-${i}`, 'default', 'pod-world'));
  let all: KubeObject[] = [];
  let running = 0;
  while (Date.now() - started < timeoutMs) {
    await new Promise((resolve) => setTimeout(resolve, 1000));
    all = api.list('pods');
    running = all.filter(isRunning).length;
    if (running >= pods) break;
  }
  return { daemonSets: api.list('daemonsets').length, pods: all.length, running, elapsedMs: Date.now() - started };
}
