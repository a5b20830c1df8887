// The metrics streams (issue 16) on a real sandbox over HTTPS: a DaemonSet's pods carry the usage the metrics API
// reports (read with real kubectl in the same 15-second window), its overhead across nodes and the containers
// nearest their limits; a node's usage and its pods'; a user the SelfSubjectAccessReview refuses is told which verb
// on which resource; a sandbox without metrics.k8s.io says so.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NodeMetricsPicture, PodMetricsPicture } from '../../electron/contract/index.js';
import { startSandbox, type SandboxHandle } from '../../electron/sandbox-cluster/index.js';
import type { Backend } from '../../electron/backend/index.js';
import { kubectlOutput } from './kubectl.js';
import { backendFor, Client, connectedContext, contextOfRole, kubeconfigFileOf, waitFor } from './backend-harness.js';

let sandbox: SandboxHandle;
let bare: SandboxHandle;
let backend: Backend;
let client: Client;
let context: string;
let kubeconfig: string;
const SELECTOR = 'app.kubernetes.io/name=node-exporter';
const tuning = { flushMs: 20, metricsIntervalMs: 100 };

interface RawItem {
  metadata: { name: string };
  containers: { name: string; usage: { cpu: string; memory: string } }[];
}
/** The metrics API's own answer through kubectl: nanocores and bytes by pod. */
async function rawUsage(): Promise<Map<string, { cpu: number; memory: number }>> {
  const path = `/apis/metrics.k8s.io/v1beta1/namespaces/monitoring/pods?labelSelector=${SELECTOR}`;
  const list = JSON.parse(await kubectlOutput(['get', '--raw', path], kubeconfig)) as { items: RawItem[] };
  return new Map(
    list.items.map((i) => {
      const c = i.containers[0];
      return [
        i.metadata.name,
        { cpu: Number(c?.usage.cpu.slice(0, -1)), memory: Number(c?.usage.memory.slice(0, -2)) * 1024 },
      ];
    }),
  );
}

beforeAll(async () => {
  [sandbox, bare] = await Promise.all([
    startSandbox({ nodes: 3, speed: 25 }),
    startSandbox({ nodes: 1, speed: 25, metrics: false, name: 'bare' }),
  ]);
  ({ file: kubeconfig } = kubeconfigFileOf(sandbox, 'everynode-metrics-'));
  const { file: bareConfig } = kubeconfigFileOf(bare, 'everynode-bare-');
  ({ backend } = await backendFor([kubeconfig, bareConfig], { tuning }));
  client = new Client(backend);
  context = await connectedContext(client);
}, 30_000);

afterAll(async () => {
  await backend?.dispose();
  await Promise.all([sandbox?.stop(), bare?.stop()]);
});

describe('podMetrics', () => {
  it("carries the metrics API's readings of a DaemonSet's pods, its overhead and the containers nearest a limit", async () => {
    const before = await rawUsage();
    const id = await client.open('podMetrics', context, 'monitoring', SELECTOR);
    const last = (): PodMetricsPicture | undefined => client.deltas(id, 'podMetrics').at(-1);
    await waitFor(() => last()?.pods.length === 3 && last()?.pods.every((p) => p.usage) === true, 10_000, 'usage');
    const after = await rawUsage();
    const picture = last();
    expect(picture?.state).toBe('ok');
    for (const pod of picture?.pods ?? []) {
      // Read in the same 15-second window as one of kubectl's reads: the same figures to the nanocore and byte.
      expect([before.get(pod.name), after.get(pod.name)]).toContainEqual(pod.usage);
      expect(pod.node).toMatch(/./);
    }
    const overhead = picture?.overhead.find((o) => o.container === 'node-exporter');
    expect(overhead?.pods).toBe(3);
    const memory = (picture?.pods ?? []).map((p) => p.usage?.memory ?? 0);
    expect(overhead?.memory.min).toBeLessThanOrEqual(Math.min(...memory));
    expect(overhead?.memory.max).toBeGreaterThanOrEqual(Math.max(...memory));
    // node-exporter limits memory only (128Mi): those are the limits it can be near.
    const near = picture?.nearLimits ?? [];
    expect(near.length).toBe(3);
    expect(near.every((n) => n.resource === 'memory' && n.limit === 128 * 1024 * 1024)).toBe(true);
    expect(near.map((n) => n.ratio)).toEqual([...near.map((n) => n.ratio)].sort((a, b) => b - a));
    expect(picture?.window).toMatchObject({ spanMs: 900_000, intervalMs: 100 });
    expect(picture?.window.samples).toBeGreaterThanOrEqual(1);

    // A container whose last end was an OOM kill (as the kubelet reports it in lastState) is called out.
    const pod = picture?.pods[0];
    const live = JSON.parse(
      await kubectlOutput(['get', 'pod', pod?.name ?? '', '-n', 'monitoring', '-o', 'json'], kubeconfig),
    ) as { status: { containerStatuses: Record<string, unknown>[] } };
    const oom = {
      restartCount: 3,
      lastState: { terminated: { reason: 'OOMKilled', exitCode: 137, finishedAt: '2026-01-02T03:04:05Z' } },
    };
    const status = { containerStatuses: live.status.containerStatuses.map((c) => ({ ...c, ...oom })) };
    await kubectlOutput(
      ['patch', 'pod', pod?.name ?? '', '-n', 'monitoring', '--subresource=status', '-p', JSON.stringify({ status })],
      kubeconfig,
    );
    await waitFor(() => (last()?.oomKills.length ?? 0) > 0, 10_000, 'the OOM kill');
    expect(last()?.oomKills).toEqual([
      { pod: pod?.name, node: pod?.node, container: 'node-exporter', restarts: 3, finishedAt: '2026-01-02T03:04:05Z' },
    ]);
    await client.services.streams.dispose(id);
  });

  it('names the verb and resource a SelfSubjectAccessReview refuses', async () => {
    const developer = contextOfRole(sandbox.kubeconfig, 'developer');
    await client.services.clusters.connect(developer);
    const id = await client.open('podMetrics', developer, 'team-a', 'app=none');
    await waitFor(() => client.deltas(id, 'podMetrics').length > 0, 10_000, 'a picture');
    expect(client.deltas(id, 'podMetrics').at(-1)).toMatchObject({
      state: 'forbidden',
      refused: { verb: 'list', resource: 'pods.metrics.k8s.io', namespace: 'team-a' },
      pods: [],
    });
    await client.services.streams.dispose(id);
  });

  it('says when the cluster serves no metrics API', async () => {
    const none = contextOfRole(bare.kubeconfig, 'admin');
    await client.services.clusters.connect(none);
    const id = await client.open('podMetrics', none, 'monitoring', SELECTOR);
    await waitFor(() => client.deltas(id, 'podMetrics').length > 0, 10_000, 'a picture');
    expect(client.deltas(id, 'podMetrics').at(-1)?.state).toBe('unavailable');
    await client.services.streams.dispose(id);
  });
});

describe('nodeMetrics', () => {
  it("carries a node's usage and its pods'", async () => {
    const id = await client.open('nodeMetrics', context, 'worker-1');
    const last = (): NodeMetricsPicture | undefined => client.deltas(id, 'nodeMetrics').at(-1);
    await waitFor(
      () =>
        last()?.node !== undefined && last()?.pods.some((p) => p.name.startsWith('node-exporter-') && p.usage) === true,
      10_000,
      'node usage',
    );
    const node = JSON.parse(
      await kubectlOutput(['get', '--raw', '/apis/metrics.k8s.io/v1beta1/nodes/worker-1'], kubeconfig),
    ) as { usage: { memory: string } };
    const pods = last()?.pods ?? [];
    expect(pods.every((p) => p.node === 'worker-1')).toBe(true);
    // The node's usage holds its pods' (and what the kubelet and system daemons take).
    const podsMemory = pods.reduce((s, p) => s + (p.usage?.memory ?? 0), 0);
    expect(last()?.node?.memory).toBeGreaterThan(podsMemory);
    expect(Math.abs((last()?.node?.memory ?? 0) - Number(node.usage.memory.slice(0, -2)) * 1024)).toBeLessThan(
      64 * 1024 * 1024,
    );
    await client.services.streams.dispose(id);
  });
});
