// The kubelet's model of a pod it starts tracking: fresh (every container still to be created) or, for a pod restored
// from saved state, already running with the ids and IPs it had.

import type { Container, Pod } from '../controllers/kinds.js';
import type { NodeDirectory } from './nodes.js';
import type { ContainerRun, PodRun } from './pod-status.js';

export function newPodRun(
  pod: Pod,
  node: string,
  nodes: NodeDirectory,
  scaled: (seconds: number) => number,
  now: number,
): PodRun {
  const info = nodes.get(node);
  const statuses = (pod.status?.containerStatuses ?? []) as {
    name: string;
    state?: { running?: { startedAt: string } };
    ready?: boolean;
    containerID?: string;
  }[];
  const containers: ContainerRun[] = pod.spec.containers.map((c: Container) => {
    const known = statuses.find((s) => s.name === c.name && s.state?.running);
    const readyDelay = c.readinessProbe ? scaled(c.readinessProbe.initialDelaySeconds ?? 0) : 0;
    return known
      ? {
          name: c.name,
          image: c.image,
          pullPolicy: c.imagePullPolicy,
          stage: 'running',
          failures: 0,
          ready: known.ready === true,
          startedAt: Date.parse(known.state?.running?.startedAt ?? ''),
          containerID: known.containerID,
          readyDelayMs: readyDelay,
        }
      : {
          name: c.name,
          image: c.image,
          pullPolicy: c.imagePullPolicy,
          stage: 'creating',
          failures: 0,
          ready: false,
          readyDelayMs: readyDelay,
        };
  });
  const startTime = pod.status?.startTime ? Date.parse(pod.status.startTime as string) : now;
  return {
    namespace: pod.metadata.namespace ?? 'default',
    name: pod.metadata.name,
    uid: pod.metadata.uid,
    node,
    hostIP: info?.hostIP ?? '',
    podIP: pod.spec.hostNetwork
      ? (info?.hostIP ?? '')
      : ((pod.status?.podIP as string | undefined) ?? nodes.allocatePodIP(node)),
    startTime,
    containers,
    terminating: false,
    token: 0,
  };
}
