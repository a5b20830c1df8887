// The simulated kubelet's stuck states, each as the real kubelet reports it: CreateContainerConfigError, FailedMount,
// init containers, CrashLoopBackOff with its back-off and previous logs, and a readiness probe that never passes.
import { describe, expect, it } from 'vitest';
import type { Pod } from '../../../electron/sandbox-cluster/controllers/kinds.js';
import { kubeletLogs } from '../../../electron/sandbox-cluster/kubelet/index.js';
import { oneNodePerTest, waitFor, type FakeApi } from './fake-api.js';

const SPEED = 50;
const { setup } = oneNodePerTest(SPEED);

function bind(api: FakeApi, name: string, spec: Record<string, unknown>): string {
  const created = api.create('pods', {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: 'default' },
    spec: { nodeName: 'worker-1', terminationGracePeriodSeconds: 1, ...spec },
  });
  return created.metadata.uid;
}

interface Status {
  name: string;
  state: { waiting?: { reason: string; message?: string }; running?: object; terminated?: Record<string, unknown> };
  lastState: { terminated?: Record<string, unknown> };
  restartCount: number;
  ready: boolean;
}

const pod = (api: FakeApi, name: string) => api.get('pods', 'default', name) as Pod;
const statuses = (p: Pod, init = false) =>
  ((init ? p.status?.initContainerStatuses : p.status?.containerStatuses) ?? []) as Status[];
const waiting = (api: FakeApi, name: string) => statuses(pod(api, name))[0]?.state.waiting;
const condition = (p: Pod, type: string) => p.status?.conditions?.find((c) => c.type === type);
const warnings = (api: FakeApi, name: string) =>
  api.events
    .filter((e) => e.involved === `Pod/${name}` && e.type === 'Warning')
    .map((e) => `${e.reason}: ${e.message}`);

function secret(api: FakeApi, name: string, data: Record<string, string>): void {
  api.create('secrets', { apiVersion: 'v1', kind: 'Secret', metadata: { name, namespace: 'default' }, data });
}

describe('simulated kubelet: configuration the pod refers to', () => {
  it('waits in CreateContainerConfigError while a Secret for env is missing, then starts once it exists', async () => {
    const api = setup();
    const env = [{ name: 'TOKEN', valueFrom: { secretKeyRef: { name: 'nope', key: 'token' } } }];
    bind(api, 'env', { containers: [{ name: 'app', image: 'nginx:1.27', env }] });
    await waitFor(() => waiting(api, 'env')?.reason === 'CreateContainerConfigError', 3000, 'config error');
    expect(waiting(api, 'env')?.message).toBe('secret "nope" not found');
    expect(pod(api, 'env').status?.phase).toBe('Pending');
    expect(warnings(api, 'env')).toContain('Failed: Error: secret "nope" not found');
    expect(() => kubeletLogs('default', 'env', 'app')).toThrow('is waiting to start: CreateContainerConfigError');

    secret(api, 'nope', { other: 'eA==' });
    await waitFor(() => waiting(api, 'env')?.message?.startsWith("couldn't find key"), 3000, 'key error');
    expect(waiting(api, 'env')?.message).toBe("couldn't find key token in Secret default/nope");

    api.delete('secrets', 'default', 'nope');
    secret(api, 'nope', { token: 'eA==' });
    await waitFor(() => pod(api, 'env').status?.phase === 'Running', 3000, 'Running once the key exists');
  });

  it('honours optional references and reports a missing ConfigMap for envFrom', async () => {
    const api = setup();
    const optional = [{ name: 'X', valueFrom: { configMapKeyRef: { name: 'absent', key: 'x', optional: true } } }];
    bind(api, 'optional', {
      containers: [
        { name: 'app', image: 'nginx:1.27', env: optional, envFrom: [{ secretRef: { name: 's', optional: true } }] },
      ],
      volumes: [{ name: 'v', configMap: { name: 'absent', optional: true } }],
    });
    bind(api, 'from', {
      containers: [{ name: 'app', image: 'nginx:1.27', envFrom: [{ configMapRef: { name: 'x' } }] }],
    });
    await waitFor(() => pod(api, 'optional').status?.phase === 'Running', 3000, 'optional refs Running');
    await waitFor(() => waiting(api, 'from')?.reason === 'CreateContainerConfigError', 3000, 'envFrom error');
    expect(waiting(api, 'from')?.message).toBe('configmap "x" not found');
  });

  it('keeps a pod ContainerCreating with FailedMount events while a volume source is missing', async () => {
    const api = setup();
    bind(api, 'mount', {
      containers: [{ name: 'app', image: 'nginx:1.27' }],
      volumes: [
        { name: 'certs', secret: { secretName: 'tls' } },
        { name: 'conf', configMap: { name: 'cfg', items: [{ key: 'a.conf', path: 'a.conf' }] } },
      ],
    });
    api.create('configmaps', {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'cfg', namespace: 'default' },
      data: { 'b.conf': '' },
    });
    await waitFor(() => warnings(api, 'mount').length >= 4, 3000, 'FailedMount events');
    const p = pod(api, 'mount');
    expect(waiting(api, 'mount')?.reason).toBe('ContainerCreating');
    expect(p.status?.podIP).toBeUndefined();
    expect(condition(p, 'PodReadyToStartContainers')?.status).toBe('False');
    expect(warnings(api, 'mount')).toContain(
      'FailedMount: MountVolume.SetUp failed for volume "certs" : secret "tls" not found',
    );
    expect(warnings(api, 'mount')).toContain(
      'FailedMount: MountVolume.SetUp failed for volume "conf" : configmap references non-existent config key: a.conf',
    );
    // No container is created before its volumes are there: not even its image is pulled.
    expect(api.events.some((e) => e.involved === 'Pod/mount' && e.reason === 'Pulling')).toBe(false);

    secret(api, 'tls', { 'tls.crt': 'eA==' });
    const cm = api.get('configmaps', 'default', 'cfg');
    api.update('configmaps', { ...cm, data: { 'a.conf': '' } } as never);
    await waitFor(() => pod(api, 'mount').status?.phase === 'Running', 5000, 'Running once mounted');
  });
});

describe('simulated kubelet: container lifecycles', () => {
  it('runs init containers one by one before the main container', async () => {
    const api = setup();
    const seen: string[] = [];
    api.subscribe((e) => {
      if (e.object.metadata.name !== 'init' || !e.object.status?.initContainerStatuses) return;
      const inits = e.object.status.initContainerStatuses as Status[];
      const main = (e.object.status.containerStatuses as Status[])[0];
      const state = (s: Status | undefined) =>
        s?.state.running
          ? 'running'
          : s?.state.terminated
            ? String(s.state.terminated.reason)
            : s?.state.waiting?.reason;
      const line = `${inits.map(state).join(',')} | ${state(main)}`;
      if (seen.at(-1) !== line) seen.push(line);
    });
    bind(api, 'init', {
      initContainers: [
        { name: 'fetch', image: 'busybox:1.36' },
        { name: 'migrate', image: 'busybox:1.36' },
      ],
      containers: [{ name: 'app', image: 'nginx:1.27' }],
    });
    await waitFor(() => pod(api, 'init').status?.phase === 'Running', 5000, 'Running');
    expect(seen).toEqual([
      'PodInitializing,PodInitializing | PodInitializing',
      'running,PodInitializing | PodInitializing',
      'Completed,PodInitializing | PodInitializing',
      'Completed,running | PodInitializing',
      'Completed,Completed | PodInitializing',
      'Completed,Completed | running',
    ]);
    expect(condition(pod(api, 'init'), 'Initialized')?.status).toBe('True');
    expect(statuses(pod(api, 'init'), true)[0]?.state.terminated).toMatchObject({ exitCode: 0, reason: 'Completed' });
  });

  it('restarts a crashloop image with the back-off, lastState and restart count, and keeps the previous logs', async () => {
    const api = setup();
    const uid = bind(api, 'crash', { containers: [{ name: 'app', image: 'example/agent:crashloop' }] });
    await waitFor(() => waiting(api, 'crash')?.reason === 'CrashLoopBackOff', 3000, 'CrashLoopBackOff');
    const first = statuses(pod(api, 'crash'))[0] as Status;
    expect(first.state.waiting?.message).toBe(`back-off 10s restarting failed container=app pod=crash_default(${uid})`);
    expect(first.restartCount).toBe(1);
    expect(first.lastState.terminated).toMatchObject({ exitCode: 1, reason: 'Error' });
    expect(pod(api, 'crash').status?.phase).toBe('Running');
    expect(warnings(api, 'crash')).toContain(
      `BackOff: Back-off restarting failed container app in pod crash_default(${uid})`,
    );
    expect(kubeletLogs('default', 'crash', 'app', { previous: true }).at(-1)).toBe('exiting with status 1');

    await waitFor(() => waiting(api, 'crash')?.message?.startsWith('back-off 20s'), 3000, 'the doubled back-off');
    expect(statuses(pod(api, 'crash'))[0]?.restartCount).toBe(2);
  });

  it('never passes the readiness probe of an unready image, with Unhealthy events', async () => {
    const api = setup();
    const probe = { tcpSocket: { port: 8080 }, periodSeconds: 5 };
    bind(api, 'unready', { containers: [{ name: 'app', image: 'example/agent:unready', readinessProbe: probe }] });
    await waitFor(() => warnings(api, 'unready').length >= 3, 3000, 'probe failures');
    const p = pod(api, 'unready');
    expect(p.status?.phase).toBe('Running');
    expect(condition(p, 'Ready')).toMatchObject({ status: 'False', reason: 'ContainersNotReady' });
    expect(warnings(api, 'unready')[0]).toBe(
      `Unhealthy: Readiness probe failed: dial tcp ${String(p.status?.podIP)}:8080: connect: connection refused`,
    );
  });
});
