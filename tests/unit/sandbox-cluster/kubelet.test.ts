import { describe, expect, it } from 'vitest';
import type { Pod } from '../../../electron/sandbox-cluster/controllers/kinds.js';
import { DueQueue, MinHeap } from '../../../electron/sandbox-cluster/kubelet/due-queue.js';
import { pullError, pullSeconds } from '../../../electron/sandbox-cluster/kubelet/images.js';
import { kubeletLogs } from '../../../electron/sandbox-cluster/kubelet/index.js';
import { oneNodePerTest, waitFor, type FakeApi } from './fake-api.js';

const SPEED = 50;
const { setup, kubelets } = oneNodePerTest(SPEED);

function bindPod(api: FakeApi, name: string, image: string, extra: Record<string, unknown> = {}): void {
  api.create('pods', {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: 'default' },
    spec: { nodeName: 'worker-1', terminationGracePeriodSeconds: 5, containers: [{ name: 'app', image, ...extra }] },
  });
}

const pod = (api: FakeApi, name: string) => api.get('pods', 'default', name) as Pod | undefined;
const condition = (p: Pod | undefined, type: string) => p?.status?.conditions?.find((c) => c.type === type);
const eventsOf = (api: FakeApi, name: string) => api.events.filter((e) => e.involved === `Pod/${name}`);

describe('simulated kubelet', () => {
  it('takes a bound pod through ContainerCreating, pull, start and Ready', async () => {
    const api = setup();
    bindPod(api, 'web', 'nginx:1.27');
    const pending = await waitFor(
      () => pod(api, 'web')?.status?.phase === 'Pending' && pod(api, 'web'),
      2000,
      'Pending',
    );
    expect(pending.status?.containerStatuses).toEqual([
      expect.objectContaining({
        name: 'app',
        state: { waiting: { reason: 'ContainerCreating' } },
        ready: false,
        restartCount: 0,
      }),
    ]);
    expect(condition(pending, 'Ready')).toMatchObject({ status: 'False', reason: 'ContainersNotReady' });
    expect(pending.status?.hostIP).toBe('10.0.0.21');
    expect(pending.status?.startTime).toBeTruthy();

    const ready = await waitFor(
      () => condition(pod(api, 'web'), 'Ready')?.status === 'True' && pod(api, 'web'),
      3000,
      'Ready',
    );
    expect(ready.status?.phase).toBe('Running');
    expect(ready.status?.podIP).toMatch(/^10\.244\.7\.\d+$/);
    const cs = (ready.status?.containerStatuses as Record<string, unknown>[])[0];
    expect(cs).toMatchObject({ ready: true, started: true, image: 'docker.io/library/nginx:1.27' });
    expect(cs?.containerID).toMatch(/^containerd:\/\/[0-9a-f]{64}$/);
    expect(cs?.imageID).toMatch(/^docker\.io\/library\/nginx@sha256:[0-9a-f]{64}$/);
    expect(condition(ready, 'ContainersReady')?.status).toBe('True');

    const seconds = Math.round((pullSeconds('nginx:1.27') * 1000) / SPEED) / 1000;
    expect(eventsOf(api, 'web').map((e) => `${e.type} ${e.reason}: ${e.message}`)).toEqual([
      'Normal Pulling: Pulling image "nginx:1.27"',
      `Normal Pulled: Successfully pulled image "nginx:1.27" in ${seconds}s`,
      'Normal Created: Created container app',
      'Normal Started: Started container app',
    ]);
    expect(eventsOf(api, 'web')[0]?.source).toEqual({
      component: 'kubelet',
      host: 'worker-1',
      fieldPath: 'spec.containers{app}',
    });

    bindPod(api, 'web2', 'nginx:1.27');
    await waitFor(() => condition(pod(api, 'web2'), 'Ready')?.status === 'True', 3000, 'second pod Ready');
    expect(eventsOf(api, 'web2')[0]?.message).toBe('Container image "nginx:1.27" already present on machine');
    expect(kubeletLogs('default', 'web', 'app').length).toBeGreaterThan(0);
  });

  it('reports ErrImagePull then ImagePullBackOff for an image that does not exist', async () => {
    const api = setup();
    bindPod(api, 'broken', 'nginx:does-not-exist');
    const backoff = await waitFor(
      () => {
        const p = pod(api, 'broken');
        const cs = (p?.status?.containerStatuses as { state: { waiting?: { reason: string } } }[] | undefined)?.[0];
        return cs?.state.waiting?.reason === 'ImagePullBackOff' && p;
      },
      3000,
      'ImagePullBackOff',
    );
    expect(backoff.status?.phase).toBe('Pending');
    const reasons = eventsOf(api, 'broken').map((e) => `${e.type} ${e.reason}: ${e.message}`);
    expect(reasons.slice(0, 5)).toEqual([
      'Normal Pulling: Pulling image "nginx:does-not-exist"',
      `Warning Failed: Failed to pull image "nginx:does-not-exist": ${pullError('nginx:does-not-exist')}`,
      'Warning Failed: Error: ErrImagePull',
      'Normal BackOff: Back-off pulling image "nginx:does-not-exist"',
      'Warning Failed: Error: ImagePullBackOff',
    ]);
    expect(pullError('invalid.example/team/app:1.0')).toContain('lookup invalid.example: no such host');
    expect(pullError('nginx:1.27')).toBeUndefined();
    expect(() => kubeletLogs('default', 'broken', 'app')).toThrow(
      'is waiting to start: trying and failing to pull image',
    );
  });

  it('delays Ready by the readiness probe initial delay', async () => {
    const api = setup();
    bindPod(api, 'probed', 'busybox:1.36', {
      readinessProbe: { exec: { command: ['true'] }, initialDelaySeconds: 10 },
    });
    const running = await waitFor(
      () => pod(api, 'probed')?.status?.phase === 'Running' && pod(api, 'probed'),
      3000,
      'Running',
    );
    expect(condition(running, 'Ready')?.status).toBe('False');
    const started = Date.now();
    const ready = await waitFor(
      () => condition(pod(api, 'probed'), 'Ready')?.status === 'True' && pod(api, 'probed'),
      3000,
      'Ready',
    );
    expect(Date.now() - started).toBeGreaterThanOrEqual((10_000 / SPEED) * 0.8);
    expect(Date.parse(condition(ready, 'Ready')?.lastTransitionTime ?? '')).toBeGreaterThan(0);
  });

  it('terminates a deleted pod after its grace period, then removes it', async () => {
    const api = setup();
    bindPod(api, 'gone', 'nginx:1.27');
    await waitFor(() => pod(api, 'gone')?.status?.phase === 'Running', 3000, 'Running');
    const before = Date.now();
    api.delete('pods', 'default', 'gone');
    expect(pod(api, 'gone')?.metadata.deletionTimestamp).toBeTruthy();
    await waitFor(() => !pod(api, 'gone'), 3000, 'removal');
    expect(Date.now() - before).toBeGreaterThanOrEqual((5_000 / SPEED) * 0.8);
    expect(eventsOf(api, 'gone').some((e) => e.reason === 'Killing' && e.message === 'Stopping container app')).toBe(
      true,
    );
  });

  it('makes no progress while paused', async () => {
    const api = setup();
    kubelets()?.pause();
    bindPod(api, 'frozen', 'nginx:1.27');
    await new Promise((r) => setTimeout(r, 300));
    expect(pod(api, 'frozen')?.status).toBeUndefined();
    kubelets()?.resume();
    await waitFor(() => pod(api, 'frozen')?.status?.phase === 'Running', 3000, 'Running after resume');
  });
});

describe('due queue', () => {
  it('pops in due order, ties in insertion order', () => {
    const heap = new MinHeap<string>();
    for (const [due, v] of [
      [5, 'e'],
      [1, 'a'],
      [3, 'c'],
      [1, 'b'],
      [4, 'd'],
    ] as const)
      heap.push(due, v);
    const out: string[] = [];
    for (let item = heap.pop(); item; item = heap.pop()) out.push(item.value);
    expect(out).toEqual(['a', 'b', 'c', 'd', 'e']);
  });

  it('runs many steps from one timer', async () => {
    const seen: number[] = [];
    const queue = new DueQueue<number>(Date.now, (n) => seen.push(n), 100);
    for (let i = 0; i < 1000; i++) queue.after((i % 10) * 2, i);
    await waitFor(() => seen.length === 1000, 2000, 'all steps');
    expect(queue.size).toBe(0);
    queue.stop();
  });
});
