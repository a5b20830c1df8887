// The kubelet's model of one pod and the status it reports for it: pure, so the state machine is testable without
// timers. Condition timestamps move only when a condition's status changes, as the real kubelet does.

import type { PodCondition } from '../controllers/kinds.js';
import { fullName, imageId, parseImage } from './images.js';

export type ContainerStage = 'creating' | 'errImagePull' | 'imagePullBackOff' | 'running';

export interface ContainerRun {
  name: string;
  image: string;
  pullPolicy?: string;
  stage: ContainerStage;
  /** Pull failures so far (drives the back-off). */
  failures: number;
  pullError?: string;
  startedAt?: number;
  ready: boolean;
  containerID?: string;
  /** How long after start the readiness probe first passes (ms, scaled); 0 without a probe. */
  readyDelayMs: number;
}

export interface PodRun {
  namespace: string;
  name: string;
  uid: string;
  node: string;
  hostIP: string;
  podIP: string;
  startTime: number;
  containers: ContainerRun[];
  /** Set once deletion was observed; steps of the normal lifecycle stop. */
  terminating: boolean;
  /** Bumped to cancel steps already on the due queue. */
  token: number;
}

function rfc3339(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export function podPhase(run: PodRun): 'Pending' | 'Running' {
  return run.containers.some((c) => c.stage === 'running') ? 'Running' : 'Pending';
}

function containerState(c: ContainerRun): Record<string, unknown> {
  switch (c.stage) {
    case 'running':
      return { running: { startedAt: rfc3339(c.startedAt ?? 0) } };
    case 'errImagePull':
      return { waiting: { reason: 'ErrImagePull', message: c.pullError } };
    case 'imagePullBackOff':
      return {
        waiting: {
          reason: 'ImagePullBackOff',
          message: `Back-off pulling image "${c.image}": ErrImagePull: ${c.pullError ?? ''}`,
        },
      };
    default:
      return { waiting: { reason: 'ContainerCreating' } };
  }
}

export function containerStatus(c: ContainerRun): Record<string, unknown> {
  const running = c.stage === 'running';
  const status: Record<string, unknown> = {
    name: c.name,
    state: containerState(c),
    lastState: {},
    ready: c.ready,
    restartCount: 0,
    // containerd reports the fully qualified reference (docker.io/library/nginx:1.27), not the spec's short form.
    image: fullName(parseImage(c.image)),
    imageID: running ? imageId(c.image) : '',
    started: running,
  };
  if (running && c.containerID) status.containerID = c.containerID;
  return status;
}

function condition(
  type: string,
  ok: boolean,
  now: number,
  previous: PodCondition[] | undefined,
  reason?: string,
  message?: string,
): PodCondition {
  const status = ok ? 'True' : 'False';
  const before = previous?.find((c) => c.type === type);
  const changed = !before || before.status !== status;
  const out: PodCondition = {
    type,
    status,
    lastProbeTime: null,
    lastTransitionTime: changed ? rfc3339(now) : (before.lastTransitionTime ?? rfc3339(now)),
  };
  if (!ok && reason) {
    out.reason = reason;
    if (message) out.message = message;
  }
  return out;
}

/** The full pod status for the current model; `previous` supplies conditions to keep timestamps stable. */
export function buildPodStatus(
  run: PodRun,
  now: number,
  previous: { conditions?: PodCondition[]; [other: string]: unknown } | undefined,
): Record<string, unknown> {
  const prev = previous?.conditions;
  const unready = run.containers.filter((c) => !c.ready).map((c) => c.name);
  const allReady = unready.length === 0;
  const notReadyMessage = `containers with unready status: [${unready.join(' ')}]`;
  const scheduled = prev?.find((c) => c.type === 'PodScheduled') ?? {
    type: 'PodScheduled',
    status: 'True',
    lastProbeTime: null,
    lastTransitionTime: rfc3339(run.startTime),
  };
  const status: Record<string, unknown> = {
    ...(previous ?? {}),
    phase: podPhase(run),
    conditions: [
      condition('PodReadyToStartContainers', true, now, prev),
      condition('Initialized', true, now, prev),
      condition('Ready', allReady, now, prev, 'ContainersNotReady', notReadyMessage),
      condition('ContainersReady', allReady, now, prev, 'ContainersNotReady', notReadyMessage),
      scheduled,
    ],
    hostIP: run.hostIP,
    hostIPs: [{ ip: run.hostIP }],
    startTime: rfc3339(run.startTime),
    containerStatuses: run.containers.map(containerStatus),
  };
  // The sandbox (and its IP) exists before any image is pulled, so even a pod stuck in ImagePullBackOff has an IP.
  status.podIP = run.podIP;
  status.podIPs = [{ ip: run.podIP }];
  return status;
}
