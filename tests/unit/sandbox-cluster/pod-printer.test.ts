// The READY, STATUS and RESTARTS cells the sandbox serves in pod Tables, as kubectl's printPod computes them.
import { describe, expect, it } from 'vitest';
import { printPod } from '../../../electron/sandbox-cluster/server/pod-printer.js';
import type { KubeObject } from '../../../electron/sandbox-cluster/types.js';

const NOW = Date.parse('2026-12-03T10:00:00Z');

function pod(spec: Record<string, unknown>, status: Record<string, unknown>, deleting = false): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: 'p',
      uid: 'u',
      resourceVersion: '1',
      creationTimestamp: '2026-12-03T09:00:00Z',
      ...(deleting ? { deletionTimestamp: '2026-12-03T10:00:30Z' } : {}),
    },
    spec: { containers: [{ name: 'app', image: 'x' }], ...spec },
    status,
  };
}

const waiting = (name: string, reason: string) => ({ name, state: { waiting: { reason } }, restartCount: 0 });
const completed = (name: string) => ({
  name,
  state: { terminated: { exitCode: 0, reason: 'Completed' } },
  restartCount: 0,
});

describe('printPod', () => {
  const inits = {
    initContainers: [
      { name: 'a', image: 'x' },
      { name: 'b', image: 'x' },
    ],
  };

  it('counts init containers done (Init:1/2) and names an init container stuck', () => {
    const running = { name: 'b', state: { running: {} }, restartCount: 0 };
    const status = {
      phase: 'Pending',
      initContainerStatuses: [completed('a'), running],
      containerStatuses: [waiting('app', 'PodInitializing')],
    };
    expect(printPod(pod(inits, status), NOW)).toEqual({ ready: '0/1', status: 'Init:1/2', restarts: '0' });
    const crash = {
      name: 'b',
      state: { waiting: { reason: 'CrashLoopBackOff' } },
      restartCount: 3,
      lastState: { terminated: { exitCode: 1, reason: 'Error', finishedAt: '2026-12-03T09:59:48Z' } },
    };
    const stuck = { ...status, initContainerStatuses: [completed('a'), crash] };
    expect(printPod(pod(inits, stuck), NOW)).toEqual({
      ready: '0/1',
      status: 'Init:CrashLoopBackOff',
      restarts: '3 (12s ago)',
    });
  });

  it('reads the main containers once initialized, and says Terminating for a pod being deleted', () => {
    const ready = { name: 'app', ready: true, state: { running: {} }, restartCount: 0 };
    const status = {
      phase: 'Running',
      conditions: [{ type: 'Initialized', status: 'True' }],
      initContainerStatuses: [completed('a'), completed('b')],
      containerStatuses: [ready],
    };
    expect(printPod(pod(inits, status), NOW)).toEqual({ ready: '1/1', status: 'Running', restarts: '0' });
    expect(printPod(pod(inits, status, true), NOW).status).toBe('Terminating');
    const config = { phase: 'Pending', containerStatuses: [waiting('app', 'CreateContainerConfigError')] };
    expect(printPod(pod({}, config), NOW).status).toBe('CreateContainerConfigError');
  });

  it('counts a started sidecar as a container of the pod', () => {
    const spec = { initContainers: [{ name: 'proxy', image: 'x', restartPolicy: 'Always' }] };
    const sidecar = { name: 'proxy', ready: true, started: true, state: { running: {} }, restartCount: 0 };
    const status = {
      phase: 'Pending',
      initContainerStatuses: [sidecar],
      containerStatuses: [waiting('app', 'ContainerCreating')],
    };
    expect(printPod(pod(spec, status), NOW)).toEqual({ ready: '1/2', status: 'ContainerCreating', restarts: '0' });
  });
});
