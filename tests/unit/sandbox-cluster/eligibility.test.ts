import { describe, expect, it } from 'vitest';
import {
  nodeOfPod,
  nodeShouldRunDaemonPod,
  requirementMatches,
  toleratesTaint,
  withDaemonTolerations,
} from '../../../electron/sandbox-cluster/controllers/eligibility.js';
import type { DaemonSet, Node, PodSpec } from '../../../electron/sandbox-cluster/controllers/kinds.js';

function node(name: string, labels: Record<string, string> = {}, spec: Node['spec'] = {}): Node {
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name, uid: name, resourceVersion: '1', creationTimestamp: '', labels },
    spec,
  };
}

function ds(spec: Partial<PodSpec>): DaemonSet {
  return {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: { name: 'd', namespace: 'n', uid: 'u', resourceVersion: '1', creationTimestamp: '' },
    spec: { template: { spec: { containers: [{ name: 'c', image: 'i' }], ...spec } } },
  };
}

const shouldRun = (n: Node, d: DaemonSet) => nodeShouldRunDaemonPod(n, d).shouldRun;

describe('node selection for daemon pods', () => {
  it('requires every nodeSelector label', () => {
    const d = ds({ nodeSelector: { disk: 'ssd', zone: 'a' } });
    expect(shouldRun(node('x', { disk: 'ssd', zone: 'a', other: '1' }), d)).toBe(true);
    expect(shouldRun(node('x', { disk: 'ssd' }), d)).toBe(false);
    expect(shouldRun(node('x', { disk: 'hdd', zone: 'a' }), d)).toBe(false);
  });

  it('honours a template nodeName', () => {
    const d = ds({ nodeName: 'only-me' });
    expect(shouldRun(node('only-me'), d)).toBe(true);
    expect(shouldRun(node('someone-else'), d)).toBe(false);
  });

  it('evaluates each node affinity operator', () => {
    const req = (operator: string, values?: string[]) => ({ key: 'k', operator, values });
    expect(requirementMatches(req('In', ['a', 'b']), 'b')).toBe(true);
    expect(requirementMatches(req('In', ['a']), undefined)).toBe(false);
    expect(requirementMatches(req('NotIn', ['a']), undefined)).toBe(true);
    expect(requirementMatches(req('NotIn', ['a']), 'a')).toBe(false);
    expect(requirementMatches(req('Exists'), '')).toBe(true);
    expect(requirementMatches(req('Exists'), undefined)).toBe(false);
    expect(requirementMatches(req('DoesNotExist'), undefined)).toBe(true);
    expect(requirementMatches(req('Gt', ['4']), '8')).toBe(true);
    expect(requirementMatches(req('Gt', ['4']), '4')).toBe(false);
    expect(requirementMatches(req('Lt', ['4']), '3')).toBe(true);
    expect(requirementMatches(req('Lt', ['4']), 'three')).toBe(false);
  });

  it('ORs the required terms and ANDs expressions with matchFields inside a term', () => {
    const d = ds({
      affinity: {
        nodeAffinity: {
          requiredDuringSchedulingIgnoredDuringExecution: {
            nodeSelectorTerms: [
              { matchExpressions: [{ key: 'gpu', operator: 'Exists' }] },
              {
                matchExpressions: [{ key: 'zone', operator: 'In', values: ['a'] }],
                matchFields: [{ key: 'metadata.name', operator: 'In', values: ['n2'] }],
              },
            ],
          },
        },
      },
    });
    expect(shouldRun(node('n1', { gpu: 'true' }), d)).toBe(true);
    expect(shouldRun(node('n2', { zone: 'a' }), d)).toBe(true);
    expect(shouldRun(node('n3', { zone: 'a' }), d)).toBe(false);
    expect(shouldRun(node('n2', { zone: 'b' }), d)).toBe(false);
  });

  it('keeps daemon pods off untolerated NoSchedule taints but not off cordoned nodes', () => {
    const controlPlane = node(
      'cp',
      {},
      { taints: [{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }] },
    );
    const cordoned = node(
      'c',
      {},
      { unschedulable: true, taints: [{ key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' }] },
    );
    const preferNo = node('p', {}, { taints: [{ key: 'x', effect: 'PreferNoSchedule' }] });
    expect(nodeShouldRunDaemonPod(controlPlane, ds({}))).toEqual({ shouldRun: false, shouldContinueRunning: true });
    expect(shouldRun(cordoned, ds({}))).toBe(true);
    expect(shouldRun(preferNo, ds({}))).toBe(true);
    expect(shouldRun(controlPlane, ds({ tolerations: [{ operator: 'Exists' }] }))).toBe(true);
    const keyOnly = ds({
      tolerations: [{ key: 'node-role.kubernetes.io/control-plane', operator: 'Exists', effect: 'NoSchedule' }],
    });
    expect(shouldRun(controlPlane, keyOnly)).toBe(true);
  });

  it('evicts only for untolerated NoExecute taints', () => {
    const noExecute = node('e', {}, { taints: [{ key: 'dedicated', value: 'db', effect: 'NoExecute' }] });
    expect(nodeShouldRunDaemonPod(noExecute, ds({}))).toEqual({ shouldRun: false, shouldContinueRunning: false });
    const tolerated = ds({ tolerations: [{ key: 'dedicated', operator: 'Equal', value: 'db' }] });
    expect(shouldRun(noExecute, tolerated)).toBe(true);
    const wrongValue = ds({ tolerations: [{ key: 'dedicated', value: 'web' }] });
    expect(shouldRun(noExecute, wrongValue)).toBe(false);
  });

  it('tolerates network-unavailable only for host-network pods', () => {
    const n = node('n', {}, { taints: [{ key: 'node.kubernetes.io/network-unavailable', effect: 'NoSchedule' }] });
    expect(shouldRun(n, ds({}))).toBe(false);
    expect(shouldRun(n, ds({ hostNetwork: true }))).toBe(true);
  });

  it('adds the default tolerations once, in upstream order', () => {
    const spec: PodSpec = {
      containers: [],
      tolerations: [
        { key: 'node.kubernetes.io/unschedulable', operator: 'Exists', effect: 'NoSchedule' },
        { key: 'a', operator: 'Exists' },
      ],
    };
    const keys = withDaemonTolerations(spec).map((t) => `${t.key}:${t.effect ?? ''}`);
    expect(keys).toEqual([
      'node.kubernetes.io/unschedulable:NoSchedule',
      'a:',
      'node.kubernetes.io/not-ready:NoExecute',
      'node.kubernetes.io/unreachable:NoExecute',
      'node.kubernetes.io/disk-pressure:NoSchedule',
      'node.kubernetes.io/memory-pressure:NoSchedule',
      'node.kubernetes.io/pid-pressure:NoSchedule',
    ]);
    expect(withDaemonTolerations({ containers: [], hostNetwork: true }).at(-1)?.key).toBe(
      'node.kubernetes.io/network-unavailable',
    );
  });

  it('matches tolerations by effect, key and operator', () => {
    const taint = { key: 'k', value: 'v', effect: 'NoSchedule' };
    expect(toleratesTaint({ operator: 'Exists' }, taint)).toBe(true);
    expect(toleratesTaint({ key: 'k', operator: 'Exists', effect: 'NoExecute' }, taint)).toBe(false);
    expect(toleratesTaint({ key: 'k', value: 'v' }, taint)).toBe(true);
    expect(toleratesTaint({ key: 'k', value: 'w' }, taint)).toBe(false);
  });

  it('finds the node a daemon pod belongs to', () => {
    expect(nodeOfPod({ containers: [], nodeName: 'a' })).toBe('a');
    const pinned: PodSpec = {
      containers: [],
      affinity: {
        nodeAffinity: {
          requiredDuringSchedulingIgnoredDuringExecution: {
            nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['b'] }] }],
          },
        },
      },
    };
    expect(nodeOfPod(pinned)).toBe('b');
    expect(nodeOfPod({ containers: [] })).toBeUndefined();
  });
});
