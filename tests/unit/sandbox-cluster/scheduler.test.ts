// The sandbox scheduler's fit: what a pod asks of a node, host-port conflicts, FitError's message, and the scheduler
// in the seed world (room taken by the pods already there, retries when a node changes, preemption).
import { describe, expect, it } from 'vitest';
import { fitMessage } from '../../../electron/sandbox-cluster/controllers/fit.js';
import type { Pod, PodSpec } from '../../../electron/sandbox-cluster/controllers/kinds.js';
import {
  podHostPorts,
  podRequests,
  portsConflict,
} from '../../../electron/sandbox-cluster/controllers/pod-resources.js';
import { waitFor, worldPerTest, type FakeApi } from './fake-api.js';

const world = worldPerTest();

const spec = (s: Partial<PodSpec>): PodSpec => ({ containers: [], ...s });
const container = (name: string, requests: Record<string, string>, extra: Record<string, unknown> = {}) => ({
  name,
  image: 'nginx:1.27',
  resources: { requests },
  ...extra,
});

describe('what a pod asks of a node', () => {
  it('sums the containers, takes the biggest init container, adds sidecars and overhead; limits stand in for requests', () => {
    const requests = podRequests(
      spec({
        containers: [
          container('a', { cpu: '250m', memory: '64Mi' }),
          { name: 'b', image: 'x', resources: { limits: { cpu: '1', memory: '1Gi' } } },
        ],
        initContainers: [
          container('sidecar', { cpu: '100m' }, { restartPolicy: 'Always' }),
          container('migrate', { cpu: '2', memory: '128Mi' }),
        ],
        overhead: { cpu: '10m' },
      }),
    );
    // Main: 1250m + the sidecar 100m = 1350m; during `migrate`: 2000m + 100m = 2100m, the larger; then overhead.
    expect(requests.get('cpu')).toBe(2110);
    expect(requests.get('memory')).toBe(64 * 2 ** 20 + 2 ** 30);
  });

  it('finds host-port conflicts as HostPortInfo does: same protocol and port, same IP or a wildcard', () => {
    const used = podHostPorts(
      spec({ containers: [{ name: 'a', image: 'x', ports: [{ containerPort: 9100, hostPort: 9100 }] }] }),
    );
    const want = (port: Record<string, unknown>, hostNetwork = false) =>
      podHostPorts(spec({ hostNetwork, containers: [{ name: 'b', image: 'x', ports: [port] }] }));
    expect(portsConflict(want({ containerPort: 80, hostPort: 9100 }), used)).toBe(true);
    expect(portsConflict(want({ containerPort: 80, hostPort: 9100, protocol: 'UDP' }), used)).toBe(false);
    expect(portsConflict(want({ containerPort: 80, hostPort: 9100, hostIP: '10.0.0.5' }), used)).toBe(true);
    // A host-network pod opens its container ports on the node.
    expect(portsConflict(want({ containerPort: 9100 }, true), used)).toBe(true);
    expect(portsConflict(want({ containerPort: 9100 }), used)).toBe(false);
  });

  it("words FitError's histogram: counts with reasons, sorted as strings, nodes the PreFilter left out last", () => {
    const status = (reasons: string[]) => ({ reasons, unresolvable: false });
    expect(fitMessage(6, [status(['Insufficient cpu', 'Insufficient memory'])], 5)).toBe(
      "0/6 nodes are available: 1 Insufficient cpu, 1 Insufficient memory, 5 node(s) didn't satisfy plugin(s) [NodeAffinity].",
    );
    expect(fitMessage(12, [status(['Too many pods']), status(['Too many pods'])], 10)).toBe(
      "0/12 nodes are available: 10 node(s) didn't satisfy plugin(s) [NodeAffinity], 2 Too many pods.",
    );
  });
});

describe('the scheduler in the seed world', () => {
  const pods = (api: FakeApi, name: string) =>
    (api.list('pods', 'default') as Pod[]).filter((p) => p.metadata.ownerReferences?.some((r) => r.name === name));
  const scheduled = (p: Pod) => p.status?.conditions?.find((c) => c.type === 'PodScheduled');

  it('leaves a daemon pod Pending where the pods already there leave too little CPU, until the node grows', async () => {
    const api = world();
    api.create('daemonsets', {
      apiVersion: 'apps/v1',
      kind: 'DaemonSet',
      metadata: { name: 'hog', namespace: 'default' },
      spec: {
        selector: { matchLabels: { app: 'hog' } },
        template: {
          metadata: { labels: { app: 'hog' } },
          spec: { tolerations: [{ operator: 'Exists' }], containers: [container('c', { cpu: '1500m' })] },
        },
      },
    });
    const pending = await waitFor(
      () => {
        const list = pods(api, 'hog');
        return list.length === 6 && list.filter((p) => scheduled(p)?.status === 'False').length === 1 && list;
      },
      5000,
      'one unschedulable pod',
    );
    // control-plane-1: 1920m allocatable, 650m of static pods and 250m of the seed's daemon pods: 1020m left.
    const stuck = pending.find((p) => scheduled(p)?.status === 'False') as Pod;
    expect(
      stuck.spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms,
    ).toEqual([{ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['control-plane-1'] }] }]);
    const message =
      "0/6 nodes are available: 1 Insufficient cpu, 5 node(s) didn't satisfy plugin(s) [NodeAffinity]. preemption: 0/6 nodes are available: 1 No preemption victims found for incoming pod, 5 Preemption is not helpful for scheduling.";
    expect(scheduled(stuck)).toMatchObject({ status: 'False', reason: 'Unschedulable', message });
    expect(api.events).toContainEqual(
      expect.objectContaining({ involved: `Pod/${stuck.metadata.name}`, reason: 'FailedScheduling', message }),
    );

    const node = api.get('nodes', undefined, 'control-plane-1');
    if (!node) throw new Error('no control plane');
    api.updateStatus('nodes', {
      ...node,
      status: { ...node.status, allocatable: { ...node.status?.allocatable, cpu: '8' } },
    });
    await waitFor(
      () => api.get('pods', 'default', stuck.metadata.name)?.spec?.nodeName === 'control-plane-1',
      5000,
      'bound',
    );
  });

  it('preempts a lower-priority pod for a higher-priority one that has no room anywhere else', async () => {
    const api = world();
    const pod = (name: string, priority: number) => ({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name, namespace: 'default' },
      spec: {
        priority,
        terminationGracePeriodSeconds: 1,
        nodeSelector: { 'kubernetes.io/hostname': 'worker-1' },
        containers: [container('c', { cpu: '3' })],
      },
    });
    api.create('pods', pod('low', 0));
    await waitFor(() => api.get('pods', 'default', 'low')?.spec?.nodeName === 'worker-1', 3000, 'low bound');
    const low = api.get('pods', 'default', 'low') as Pod;
    api.create('pods', pod('high', 1000));
    await waitFor(
      () => api.get('pods', 'default', 'high')?.status?.nominatedNodeName === 'worker-1',
      3000,
      'nominated',
    );
    // The victim terminates gracefully (the kubelet keeps it at least 300 ms), marked as preempted.
    const victim = api.get('pods', 'default', 'low') as Pod;
    expect(victim.metadata.deletionTimestamp).toBeTruthy();
    expect(victim.status?.conditions?.find((c) => c.type === 'DisruptionTarget')).toMatchObject({
      status: 'True',
      reason: 'PreemptionByScheduler',
    });
    const high = api.get('pods', 'default', 'high') as Pod;
    expect(api.events).toContainEqual(
      expect.objectContaining({
        involved: 'Pod/low',
        reason: 'Preempted',
        message: `Preempted by pod ${high.metadata.uid} on node worker-1`,
      }),
    );
    expect(low.metadata.uid).not.toBe(high.metadata.uid);
    await waitFor(() => api.get('pods', 'default', 'high')?.spec?.nodeName === 'worker-1', 5000, 'high bound');
  });
});
