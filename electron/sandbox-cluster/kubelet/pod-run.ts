// The kubelet's model of a pod it starts tracking: fresh (every container still to be created) or, for a pod restored
// from saved state, already running with the ids, restart counts and IPs it had.

import type { Container, Pod } from '../controllers/kinds.js';
import type { NodeDirectory } from './nodes.js';
import type { ContainerRun, PodRun } from './pod-status.js';

interface SavedStatus {
  name: string;
  state?: { running?: { startedAt: string }; terminated?: { exitCode?: number } };
  ready?: boolean;
  restartCount?: number;
  containerID?: string;
}

function containerRun(c: Container, init: boolean, scaled: (s: number) => number, saved?: SavedStatus): ContainerRun {
  const sidecar = init && c.restartPolicy === 'Always';
  const base: ContainerRun = {
    name: c.name,
    image: c.image,
    pullPolicy: c.imagePullPolicy,
    init,
    sidecar,
    stage: 'creating',
    failures: 0,
    restartCount: 0,
    crashBackoffS: 0,
    ready: false,
    created: false,
    readyDelayMs: c.readinessProbe ? scaled(c.readinessProbe.initialDelaySeconds ?? 0) : 0,
  };
  if (saved?.state?.running) {
    const startedAt = Date.parse(saved.state.running.startedAt);
    return {
      ...base,
      stage: 'running',
      ready: saved.ready === true,
      created: true,
      restartCount: saved.restartCount ?? 0,
      startedAt,
      containerID: saved.containerID,
    };
  }
  if (init && !sidecar && saved?.state?.terminated?.exitCode === 0) {
    const at = Date.now();
    const containerID = saved.containerID ?? '';
    const terminated = { exitCode: 0, reason: 'Completed', startedAt: at, finishedAt: at, containerID, attempt: 0 };
    return { ...base, stage: 'exited', created: true, terminated, containerID };
  }
  return base;
}

export function newPodRun(
  pod: Pod,
  node: string,
  nodes: NodeDirectory,
  scaled: (seconds: number) => number,
  now: number,
): PodRun {
  const info = nodes.get(node);
  const saved = (list: unknown, name: string) => ((list ?? []) as SavedStatus[]).find((s) => s.name === name);
  const containers: ContainerRun[] = [
    ...(pod.spec.initContainers ?? []).map((c) =>
      containerRun(c, true, scaled, saved(pod.status?.initContainerStatuses, c.name)),
    ),
    ...pod.spec.containers.map((c) => containerRun(c, false, scaled, saved(pod.status?.containerStatuses, c.name))),
  ];
  const startTime = pod.status?.startTime ? Date.parse(pod.status.startTime as string) : now;
  const hostNetwork = pod.spec.hostNetwork === true;
  return {
    namespace: pod.metadata.namespace ?? 'default',
    name: pod.metadata.name,
    uid: pod.metadata.uid,
    node,
    hostIP: info?.hostIP ?? '',
    podIP: hostNetwork
      ? (info?.hostIP ?? '')
      : ((pod.status?.podIP as string | undefined) ?? nodes.allocatePodIP(node)),
    hostNetwork,
    startTime,
    containers,
    mounted: false,
    restartPolicy: (pod.spec.restartPolicy as string | undefined) ?? 'Always',
    terminating: false,
    token: 0,
  };
}

/** A pod restored from saved state whose containers all run again: nothing to redo. */
export function restoredRunning(run: PodRun): boolean {
  return run.containers.every((c) => c.stage === 'running' || (c.init && c.stage === 'exited'));
}
