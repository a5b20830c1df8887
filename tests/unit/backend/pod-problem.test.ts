import type { Condition, ContainerStatus, PodObject } from '../../../electron/backend/kinds/objects.js';
import { describe, expect, it } from 'vitest';
import { podProblem, schedulingShortfalls, severity } from '../../../electron/backend/resources/pod-problem.js';
import { toWarningEvent, type WarningEvent } from '../../../electron/backend/kinds/warning-event.js';

// Pod and event shapes as the kubelet, the scheduler and the DaemonSet controller write them (kubelet
// kuberuntime_container.go / kubelet_pods.go, scheduler framework FitError, volume operation_generator.go, prober).

interface PodShape {
  phase?: string;
  containers?: Partial<ContainerStatus>[];
  inits?: Partial<ContainerStatus>[];
  initSpecs?: { name: string; restartPolicy?: string }[];
  conditions?: Condition[];
}

function pod(shape: PodShape): PodObject {
  const status = (s: Partial<ContainerStatus>, i: number): ContainerStatus => ({
    name: `c${i}`,
    image: 'img',
    imageID: '',
    ready: false,
    restartCount: 0,
    ...s,
  });
  return {
    metadata: { name: 'agent-x2v9k', namespace: 'logging', uid: 'pod-uid' },
    spec: {
      nodeName: 'node-1',
      containers: (shape.containers ?? [{}]).map((_, i) => ({ name: `c${i}` })),
      ...(shape.inits || shape.initSpecs
        ? { initContainers: shape.initSpecs ?? (shape.inits ?? []).map((_, i) => ({ name: `init${i}` })) }
        : {}),
    },
    status: {
      phase: shape.phase ?? 'Pending',
      containerStatuses: (shape.containers ?? []).map(status),
      ...(shape.inits
        ? { initContainerStatuses: shape.inits.map((s, i) => ({ ...status(s, i), name: `init${i}` })) }
        : {}),
      conditions: shape.conditions ?? [],
    },
  };
}

const waiting = (reason: string, message?: string): Partial<ContainerStatus> => ({
  state: { waiting: { reason, ...(message ? { message } : {}) } },
});

function event(reason: string, message: string, lastTimestamp = '2026-11-02T10:00:00Z'): WarningEvent {
  const projected = toWarningEvent({
    metadata: { name: `agent-x2v9k.${reason}`, namespace: 'logging', uid: `e-${reason}`, resourceVersion: '5' },
    involvedObject: { kind: 'Pod', name: 'agent-x2v9k', namespace: 'logging', uid: 'pod-uid' },
    reason,
    message,
    type: 'Warning',
    source: { component: 'kubelet', host: 'node-1' },
    lastTimestamp,
    count: 3,
  });
  if (!projected) throw new Error('not projected');
  return projected;
}

describe('one pod, named as the cluster names it', () => {
  it('CreateContainerConfigError keeps the kubelet message as it is', () => {
    const p = pod({ containers: [waiting('CreateContainerConfigError', 'secret "nope" not found')] });
    expect(podProblem(p)).toEqual({ reason: 'CreateContainerConfigError', message: 'secret "nope" not found' });
  });

  it('CrashLoopBackOff gives the restarts and the last exit instead of its pod-specific back-off message', () => {
    const p = pod({
      phase: 'Running',
      containers: [
        {
          ...waiting(
            'CrashLoopBackOff',
            'back-off 40s restarting failed container=c0 pod=agent-x2v9k_logging(pod-uid)',
          ),
          restartCount: 4,
          lastState: { terminated: { exitCode: 1, reason: 'Error', finishedAt: new Date().toISOString() } },
        },
      ],
    });
    expect(podProblem(p)).toEqual({ reason: 'CrashLoopBackOff', restarts: 4, lastExit: { code: 1, reason: 'Error' } });
  });

  it('the worst of several containers speaks for the pod', () => {
    const p = pod({
      containers: [
        waiting('ContainerCreating'),
        waiting('ImagePullBackOff', 'Back-off pulling image "x:does-not-exist"'),
      ],
    });
    expect(podProblem(p)?.reason).toBe('ImagePullBackOff');
  });

  it('Pending with PodScheduled=False: the scheduler message and what it found short', () => {
    const message =
      "0/6 nodes are available: 1 Insufficient cpu, 1 Insufficient memory, 5 node(s) didn't match Pod's node affinity/selector. " +
      'preemption: 0/6 nodes are available: 1 No preemption victims found for incoming pod, 5 Preemption is not helpful for scheduling.';
    const p = pod({
      conditions: [{ type: 'PodScheduled', status: 'False', reason: 'Unschedulable', message }],
    });
    expect(podProblem(p)).toEqual({
      reason: 'Unschedulable',
      message,
      shortfalls: [
        { kind: 'resource', resource: 'cpu' },
        { kind: 'resource', resource: 'memory' },
      ],
    });
  });

  it('ContainerCreating with a FailedMount event is FailedMount, with the kubelet message', () => {
    const mount = event(
      'FailedMount',
      'MountVolume.SetUp failed for volume "config" : configmap "fluent-bit-config" not found',
    );
    const p = pod({ containers: [waiting('ContainerCreating')] });
    expect(podProblem(p, [mount])).toEqual({ reason: 'FailedMount', message: mount.message });
    // Without the event it is only being created (progress).
    expect(podProblem(p)).toEqual({ reason: 'ContainerCreating' });
  });

  it('a Running pod whose readiness never passes is NotReady, with the prober message', () => {
    const p = pod({
      phase: 'Running',
      containers: [{ state: { running: { startedAt: new Date().toISOString() } }, ready: false, started: true }],
      conditions: [{ type: 'Ready', status: 'False', reason: 'ContainersNotReady' }],
    });
    const events = [
      event('Unhealthy', 'Liveness probe failed: HTTP probe failed with statuscode: 500', '2026-11-02T10:00:09Z'),
      event('Unhealthy', 'Readiness probe failed: HTTP probe failed with statuscode: 503'),
    ];
    expect(podProblem(p, events)).toEqual({
      reason: 'NotReady',
      message: 'Readiness probe failed: HTTP probe failed with statuscode: 503',
    });
    expect(podProblem(p)).toEqual({ reason: 'NotReady' });
  });

  it('init containers as kubectl shows them: Init:1/2 while running, Init:<reason> when one fails', () => {
    const running = { state: { running: { startedAt: new Date().toISOString() } } };
    const done = { state: { terminated: { exitCode: 0, reason: 'Completed' } } };
    const progress = pod({ inits: [done, running], containers: [waiting('PodInitializing')] });
    expect(podProblem(progress)).toEqual({ reason: 'Init:1/2' });
    const crashing = pod({
      inits: [{ ...waiting('CrashLoopBackOff', 'back-off 10s ...'), restartCount: 2 }],
      containers: [waiting('PodInitializing')],
    });
    expect(podProblem(crashing)).toMatchObject({ reason: 'Init:CrashLoopBackOff', restarts: 2 });
    // A started sidecar (restartPolicy Always) counts as done.
    const sidecar = pod({
      initSpecs: [{ name: 'init0', restartPolicy: 'Always' }],
      inits: [{ ...running, started: true }],
      phase: 'Running',
      containers: [{ state: { running: { startedAt: new Date().toISOString() } }, ready: true }],
      conditions: [{ type: 'Ready', status: 'True' }],
    });
    expect(podProblem(sidecar)).toBeUndefined();
  });

  it('a fine pod, a terminating pod and a finished pod have no problem', () => {
    const fine = pod({
      phase: 'Running',
      containers: [{ state: { running: { startedAt: new Date().toISOString() } }, ready: true }],
      conditions: [{ type: 'Ready', status: 'True' }],
    });
    expect(podProblem(fine)).toBeUndefined();
    expect(
      podProblem({ ...fine, metadata: { ...fine.metadata, deletionTimestamp: new Date().toISOString() } }),
    ).toBeUndefined();
    expect(podProblem(pod({ phase: 'Succeeded' }))).toBeUndefined();
    expect(podProblem(pod({ phase: 'Failed' }))).toEqual({ reason: 'Failed' });
    expect(podProblem(pod({}))).toEqual({ reason: 'Pending' });
  });
});

describe("the scheduler's FitError message", () => {
  it('names each shortfall, skipping the other nodes a daemon pod was never meant for', () => {
    expect(
      schedulingShortfalls(
        "0/3 nodes are available: 1 node(s) didn't have free ports for the requested pod ports, 2 node is filtered out by the prefilter result. preemption: 0/3 nodes are available: 1 No preemption victims found for incoming pod, 2 Preemption is not helpful for scheduling.",
      ),
    ).toEqual([{ kind: 'hostPort' }]);
    expect(
      schedulingShortfalls(
        '0/4 nodes are available: 1 Insufficient nvidia.com/gpu, 1 Too many pods, 1 node(s) had untolerated taint {dedicated: gpu}, 1 node(s) were unschedulable.',
      ),
    ).toEqual([
      { kind: 'resource', resource: 'nvidia.com/gpu' },
      { kind: 'pods' },
      { kind: 'taint', taint: '{dedicated: gpu}' },
      { kind: 'other', text: 'node(s) were unschedulable' },
    ]);
    expect(schedulingShortfalls('something else entirely')).toEqual([]);
  });
});

describe('severity', () => {
  it('ranks failures before progress, an init failure as the failure itself', () => {
    expect(severity('CrashLoopBackOff')).toBeLessThan(severity('Unschedulable'));
    expect(severity('Init:CrashLoopBackOff')).toBe(severity('CrashLoopBackOff'));
    expect(severity('NotReady')).toBeLessThan(severity('Init:0/1'));
    expect(severity('Init:0/1')).toBeLessThan(severity('ContainerCreating'));
  });
});
