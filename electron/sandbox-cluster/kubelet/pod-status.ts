// The kubelet's model of one pod and the status it reports for it: pure, so the state machine is testable without
// timers. Condition timestamps move only when a condition's status changes, as the real kubelet does. Phase follows
// the kubelet's getPhase: Pending until the init containers are done and no container waits for its first start.

import type { PodCondition } from '../controllers/kinds.js';
import { fullName, imageId, parseImage } from './images.js';

export type ContainerStage =
  /** Not reached yet: a main container while init containers run, or a later init container. */
  | 'pending'
  | 'creating'
  | 'errImagePull'
  | 'imagePullBackOff'
  | 'configError'
  | 'running'
  /** Exited, not (yet) restarted. */
  | 'exited'
  | 'crashLoopBackOff';

export interface Terminated {
  exitCode: number;
  reason: string;
  startedAt: number;
  finishedAt: number;
  containerID: string;
  /** The instance's restart count, which names its log. */
  attempt: number;
}

export interface ContainerRun {
  name: string;
  image: string;
  pullPolicy?: string;
  /** An init container; `sidecar` when it is a restartable one (restartPolicy Always), which keeps running. */
  init: boolean;
  sidecar: boolean;
  stage: ContainerStage;
  /** Pull failures so far (drives the image back-off). */
  failures: number;
  pullError?: string;
  /** The message of CreateContainerConfigError or CrashLoopBackOff. */
  waitingMessage?: string;
  startedAt?: number;
  /** Set while the stage is `exited`. */
  terminated?: Terminated;
  /** The previous container of this name (lastState.terminated). */
  last?: Terminated;
  restartCount: number;
  /** The crash back-off the next restart waits (s at speed 1); 0 before the first crash. */
  crashBackoffS: number;
  ready: boolean;
  /** The container was created at least once (imageID is known). */
  created: boolean;
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
  hostNetwork: boolean;
  startTime: number;
  /** Init containers first, in spec order, then the main containers. */
  containers: ContainerRun[];
  /** Volumes are set up and the pod sandbox exists. */
  mounted: boolean;
  restartPolicy: string;
  /** Set once deletion was observed; steps of the normal lifecycle stop. */
  terminating: boolean;
  /** When the stopped pod is removed (sandbox ms), once its termination started. */
  removeAt?: number;
  /** Bumped to cancel steps already on the due queue. */
  token: number;
}

function rfc3339(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** An init container is done once it completed, or (a sidecar) once it started. */
export function initDone(c: ContainerRun): boolean {
  if (c.sidecar) return c.stage === 'running' || c.restartCount > 0;
  return c.stage === 'exited' && c.terminated?.exitCode === 0;
}

export function podPhase(run: PodRun): 'Pending' | 'Running' | 'Succeeded' | 'Failed' {
  if (!run.containers.filter((c) => c.init).every(initDone)) return 'Pending';
  let running = 0;
  let waiting = 0;
  let stopped = 0;
  let failed = 0;
  for (const c of run.containers.filter((x) => !x.init)) {
    if (c.stage === 'running') running++;
    else if (c.stage === 'exited') {
      stopped++;
      if (c.terminated?.exitCode !== 0) failed++;
    } else if (c.last) stopped++;
    else waiting++;
  }
  if (waiting > 0) return 'Pending';
  if (running > 0) return 'Running';
  if (run.restartPolicy === 'Always' || stopped === 0) return 'Running';
  return failed > 0 ? 'Failed' : 'Succeeded';
}

function terminatedState(t: Terminated): Record<string, unknown> {
  return {
    terminated: {
      exitCode: t.exitCode,
      reason: t.reason,
      startedAt: rfc3339(t.startedAt),
      finishedAt: rfc3339(t.finishedAt),
      containerID: t.containerID,
    },
  };
}

function containerState(c: ContainerRun, initializing: boolean): Record<string, unknown> {
  switch (c.stage) {
    case 'running':
      return { running: { startedAt: rfc3339(c.startedAt ?? 0) } };
    case 'exited':
      return c.terminated ? terminatedState(c.terminated) : { waiting: { reason: 'ContainerCreating' } };
    case 'errImagePull':
      return { waiting: { reason: 'ErrImagePull', message: c.pullError } };
    case 'imagePullBackOff':
      return {
        waiting: {
          reason: 'ImagePullBackOff',
          message: `Back-off pulling image "${c.image}": ErrImagePull: ${c.pullError ?? ''}`,
        },
      };
    case 'configError':
      return { waiting: { reason: 'CreateContainerConfigError', message: c.waitingMessage } };
    case 'crashLoopBackOff':
      return { waiting: { reason: 'CrashLoopBackOff', message: c.waitingMessage } };
    case 'pending':
      return { waiting: { reason: 'PodInitializing' } };
    default:
      return { waiting: { reason: initializing ? 'PodInitializing' : 'ContainerCreating' } };
  }
}

export function containerStatus(c: ContainerRun, initializing = false): Record<string, unknown> {
  const running = c.stage === 'running';
  const status: Record<string, unknown> = {
    name: c.name,
    state: containerState(c, initializing),
    lastState: c.last ? terminatedState(c.last) : {},
    ready: c.ready,
    restartCount: c.restartCount,
    // containerd reports the fully qualified reference (docker.io/library/nginx:1.27), not the spec's short form.
    image: fullName(parseImage(c.image)),
    imageID: c.created ? imageId(c.image) : '',
    started: running,
  };
  if (c.containerID && (running || c.stage === 'exited' || c.stage === 'crashLoopBackOff')) {
    status.containerID = c.containerID;
  }
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
  const inits = run.containers.filter((c) => c.init);
  const mains = run.containers.filter((c) => !c.init);
  const incomplete = inits.filter((c) => !initDone(c)).map((c) => c.name);
  const unready = [...inits.filter((c) => c.sidecar), ...mains].filter((c) => !c.ready).map((c) => c.name);
  const allReady = unready.length === 0;
  const notReadyMessage = `containers with unready status: [${unready.join(' ')}]`;
  const scheduled = prev?.find((c) => c.type === 'PodScheduled') ?? {
    type: 'PodScheduled',
    status: 'True',
    lastProbeTime: null,
    lastTransitionTime: rfc3339(run.startTime),
  };
  const initMessage = `containers with incomplete status: [${incomplete.join(' ')}]`;
  const status: Record<string, unknown> = {
    ...(previous ?? {}),
    phase: podPhase(run),
    conditions: [
      condition('PodReadyToStartContainers', run.mounted, now, prev),
      condition('Initialized', incomplete.length === 0, now, prev, 'ContainersNotInitialized', initMessage),
      condition('Ready', allReady, now, prev, 'ContainersNotReady', notReadyMessage),
      condition('ContainersReady', allReady, now, prev, 'ContainersNotReady', notReadyMessage),
      scheduled,
    ],
    hostIP: run.hostIP,
    hostIPs: [{ ip: run.hostIP }],
    startTime: rfc3339(run.startTime),
    containerStatuses: mains.map((c) => containerStatus(c, inits.length > 0)),
  };
  if (inits.length > 0) status.initContainerStatuses = inits.map((c) => containerStatus(c, true));
  else delete status.initContainerStatuses;
  // The pod's IP comes with its sandbox, before any image is pulled (so even ImagePullBackOff has one), but not
  // before its volumes are set up; a host-network pod has the node's.
  if (run.mounted || run.hostNetwork) {
    status.podIP = run.podIP;
    status.podIPs = [{ ip: run.podIP }];
  } else {
    delete status.podIP;
    delete status.podIPs;
  }
  return status;
}
