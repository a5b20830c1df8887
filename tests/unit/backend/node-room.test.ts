import { describe, expect, it } from 'vitest';
import type { NodeObject } from '../../../electron/backend/kinds/objects.js';
import {
  hostPortsOf,
  nodeRoom,
  podRequests,
  projectPodUse,
  quantity,
} from '../../../electron/backend/resources/node-room.js';

// Pods as the API lists them (defaulted: hostPort set with hostNetwork), nodes with kubelet-reported allocatable.
const exporter = {
  metadata: {
    name: 'node-exporter-x7k2p',
    namespace: 'monitoring',
    ownerReferences: [{ apiVersion: 'apps/v1', kind: 'DaemonSet', name: 'node-exporter', uid: 'ne', controller: true }],
  },
  spec: {
    nodeName: 'worker-1',
    hostNetwork: true,
    containers: [
      {
        name: 'node-exporter',
        resources: { requests: { cpu: '102m', memory: '180Mi' }, limits: { cpu: '250m', memory: '180Mi' } },
        ports: [{ containerPort: 9100, hostPort: 9100, protocol: 'TCP', name: 'https' }],
      },
    ],
  },
  status: { phase: 'Running' },
};

describe('room on a node', () => {
  it('reads quantities in every suffix', () => {
    expect([
      quantity('500m'),
      quantity('1Gi'),
      quantity('3920m'),
      quantity('110'),
      quantity('1e3'),
      quantity('x'),
    ]).toEqual([0.5, 2 ** 30, 3.92, 110, 1000, undefined]);
  });

  it('projects a bound pod to what it takes, its DaemonSet owner and host ports; skips unbound and finished pods', () => {
    expect(projectPodUse(exporter)).toEqual({
      node: 'worker-1',
      pod: 'monitoring/node-exporter-x7k2p',
      cpu: 102,
      memory: 180 * 2 ** 20,
      hostPorts: [{ port: 9100, protocol: 'TCP' }],
      daemonSetUid: 'ne',
    });
    expect(projectPodUse({ ...exporter, spec: { ...exporter.spec, nodeName: undefined } })).toBeUndefined();
    expect(projectPodUse({ ...exporter, status: { phase: 'Succeeded' } })).toBeUndefined();
  });

  it('sums a pod as the scheduler does: the largest init step when it exceeds the containers, plus overhead', () => {
    expect(
      podRequests({
        initContainers: [{ name: 'init', resources: { requests: { cpu: '1', memory: '1Gi' } } }],
        containers: [{ name: 'a', resources: { requests: { cpu: '100m' } } }],
        overhead: { cpu: '10m' },
      }),
    ).toEqual({ cpu: 1010, memory: 2 ** 30 });
  });

  it('adds the pods of a node against its allocatable', () => {
    const node: NodeObject = {
      metadata: { name: 'worker-1' },
      status: { allocatable: { cpu: '3920m', memory: '15Gi', pods: '110' } },
    };
    const proxy = projectPodUse({
      metadata: { name: 'kube-proxy-abcde', namespace: 'kube-system' },
      spec: { nodeName: 'worker-1', containers: [{ name: 'p', resources: { requests: { cpu: '100m' } } }] },
    });
    const ne = projectPodUse(exporter);
    if (!proxy || !ne) throw new Error('not projected');
    expect(nodeRoom(node.status?.allocatable ?? {}, [proxy, ne])).toEqual({
      allocatable: { cpu: 3920, memory: 15 * 2 ** 30, pods: 110 },
      requested: { cpu: 202, memory: 180 * 2 ** 20, pods: 2 },
      hostPorts: [{ port: 9100, protocol: 'TCP', pod: 'monitoring/node-exporter-x7k2p', daemonSetUid: 'ne' }],
      daemonSets: [{ uid: 'ne', cpu: 102, memory: 180 * 2 ** 20 }],
    });
  });
});

describe('host ports of pods that take none', () => {
  it('is one shared empty list, never written to (150,000 pods of a matrix keep no list each)', () => {
    const none = hostPortsOf({ containers: [{ name: 'main', ports: [{ containerPort: 80 }] }] });
    expect(none).toEqual([]);
    expect(hostPortsOf({})).toBe(none);
    expect(Object.isFrozen(none)).toBe(true);
    expect(hostPortsOf({ containers: [{ ports: [{ containerPort: 80, hostPort: 8080 }] }] })).toEqual([
      { port: 8080, protocol: 'TCP' },
    ]);
  });
});
