// The preview's fit check follows the scheduler's NodeResourcesFit and NodePorts filters.
import type { PodSpec } from 'kubernetes-types/core/v1';
import { describe, expect, it } from 'vitest';
import { coverage, type CoverageNode } from '../../../common/coverage';
import { cpuText, fitProblems, memoryText, type NodeRoom } from '../../../common/fit';
import { podRequests } from '../../../common/pod-requests';

const GI = 2 ** 30;

// A 4-CPU, 16 GiB node (allocatable 3.92 CPU after kube-reserved) with kube-proxy and node-exporter on it.
function room(extra: Partial<NodeRoom> = {}): NodeRoom {
  return {
    allocatable: { cpu: 3920, memory: 15 * GI, pods: 110 },
    requested: { cpu: 350, memory: 0.5 * GI, pods: 2 },
    hostPorts: [{ port: 9100, protocol: 'TCP', pod: 'monitoring/node-exporter-x7k2p', daemonSetUid: 'ne-uid' }],
    daemonSets: [
      { uid: 'kp-uid', cpu: 100, memory: 0 },
      { uid: 'ne-uid', cpu: 250, memory: 0.5 * GI },
    ],
    ...extra,
  };
}

const spec = (cpu: string, memory = '64Mi', ports: PodSpec['containers'][number]['ports'] = []): PodSpec => ({
  containers: [{ name: 'main', image: 'agent:1', resources: { requests: { cpu, memory } }, ports }],
});

describe('fit on a node', () => {
  it('fits what is left; a request above it is not enough CPU or memory, with what is free', () => {
    expect(fitProblems(spec('500m'), room())).toEqual([]);
    expect(fitProblems(spec('64', '20Gi'), room())).toEqual([
      { kind: 'cpu', need: 64_000, free: 3570 },
      { kind: 'memory', need: 20 * GI, free: 14.5 * GI },
    ]);
  });

  it('counts the pod limit, and a host port another pod on the node holds (with hostNetwork, every port)', () => {
    expect(fitProblems(spec('10m'), room({ allocatable: { cpu: 3920, pods: 2 } }))).toEqual([{ kind: 'pods', max: 2 }]);
    const port = spec('10m', '8Mi', [{ containerPort: 9100, hostPort: 9100 }]);
    expect(fitProblems(port, room())).toEqual([
      { kind: 'hostPort', port: 9100, protocol: 'TCP', holder: 'monitoring/node-exporter-x7k2p' },
    ]);
    expect(fitProblems({ ...spec('10m', '8Mi', [{ containerPort: 9100 }]), hostNetwork: true }, room())).toHaveLength(
      1,
    );
    // Another protocol, or another host IP than the holder's, does not clash.
    expect(fitProblems(spec('10m', '8Mi', [{ containerPort: 9100, hostPort: 9100, protocol: 'UDP' }]), room())).toEqual(
      [],
    );
  });

  it('an update gets back the room and the ports of its own pod on the node', () => {
    const update = spec('3800m', '64Mi', [{ containerPort: 9100, hostPort: 9100 }]);
    expect(fitProblems(update, room()).map((p) => p.kind)).toEqual(['cpu', 'hostPort']);
    expect(fitProblems(update, room(), 'ne-uid')).toEqual([]);
  });

  it('sums requests as the scheduler does: containers plus sidecars, or the largest init step; a limit alone is the request', () => {
    expect(
      podRequests({
        initContainers: [
          { name: 'setup', resources: { requests: { cpu: '2' } } },
          { name: 'sidecar', restartPolicy: 'Always', resources: { requests: { cpu: '100m' } } },
        ],
        containers: [{ name: 'a', resources: { limits: { cpu: '500m', memory: '1Gi' } } }, { name: 'b' }],
      }),
    ).toEqual({ cpu: 2000, memory: GI });
  });

  it('writes quantities as people do', () => {
    expect([cpuText(250), cpuText(1500), cpuText(4000), memoryText(512 * 2 ** 20), memoryText(1.5 * GI)]).toEqual([
      '250m',
      '1.5',
      '4',
      '512Mi',
      '1.5Gi',
    ]);
  });
});

describe('coverage with room', () => {
  it('a node the DaemonSet wants still gets the pod, marked as not fitting; nodes without room data are not judged', () => {
    const nodes: CoverageNode[] = [
      { name: 'big', labels: {}, taints: [], room: room({ allocatable: { cpu: 64_000 } }) },
      { name: 'small', labels: {}, taints: [], room: room() },
      { name: 'unknown', labels: {}, taints: [] },
    ];
    expect(coverage(spec('8'), nodes)).toEqual([
      { name: 'big', runs: true },
      { name: 'small', runs: true, unfit: [{ kind: 'cpu', need: 8000, free: 3570 }] },
      { name: 'unknown', runs: true },
    ]);
  });
});
