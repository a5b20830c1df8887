import type { V1PodSpec } from '@kubernetes/client-node';
import { describe, expect, it } from 'vitest';
import type { NodeSummary } from '../../../../electron/contract/index.js';
import { eligibility } from '../../../../electron/backend/detail/eligibility.js';

const node = (name: string, labels: Record<string, string> = {}, taints: NodeSummary['taints'] = []): NodeSummary => ({
  name,
  labels: { 'kubernetes.io/hostname': name, ...labels },
  taints,
  unschedulable: false,
  ready: true,
});
const spec = (extra: Partial<V1PodSpec>): V1PodSpec => ({ containers: [{ name: 'c' }], ...extra });

describe('node eligibility of a DaemonSet', () => {
  it('refuses a node the node selector does not match, naming the pair', () => {
    const s = spec({ nodeSelector: { 'kubernetes.io/arch': 'amd64' } });
    expect(eligibility(s, node('a', { 'kubernetes.io/arch': 'amd64' })).eligible).toBe(true);
    expect(eligibility(s, node('b', { 'kubernetes.io/arch': 'arm64' })).reason).toEqual({
      kind: 'selector',
      detail: 'kubernetes.io/arch=amd64',
    });
  });

  it('refuses an untolerated NoSchedule taint, accepts a tolerated one and the controller-tolerated ones', () => {
    const taint = { key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' };
    expect(eligibility(spec({}), node('cp', {}, [taint])).reason).toEqual({
      kind: 'taint',
      detail: 'node-role.kubernetes.io/control-plane:NoSchedule',
    });
    const tolerating = spec({ tolerations: [{ key: taint.key, operator: 'Exists', effect: 'NoSchedule' }] });
    expect(eligibility(tolerating, node('cp', {}, [taint])).eligible).toBe(true);
    const cordoned = node('c', {}, [{ key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' }]);
    expect(eligibility(spec({}), cordoned).eligible).toBe(true);
    expect(eligibility(spec({}), node('p', {}, [{ key: 'x', effect: 'PreferNoSchedule' }])).eligible).toBe(true);
    const valued = node('v', {}, [{ key: 'dedicated', value: 'gpu', effect: 'NoExecute' }]);
    expect(
      eligibility(spec({ tolerations: [{ key: 'dedicated', operator: 'Equal', value: 'cpu' }] }), valued).reason?.kind,
    ).toBe('taint');
    expect(
      eligibility(spec({ tolerations: [{ key: 'dedicated', operator: 'Equal', value: 'gpu' }] }), valued).eligible,
    ).toBe(true);
  });

  it('applies required node affinity: terms ORed, expressions ANDed', () => {
    const s = spec({
      affinity: {
        nodeAffinity: {
          requiredDuringSchedulingIgnoredDuringExecution: {
            nodeSelectorTerms: [
              { matchExpressions: [{ key: 'zone', operator: 'In', values: ['a', 'b'] }] },
              { matchFields: [{ key: 'metadata.name', operator: 'In', values: ['special'] }] },
            ],
          },
        },
      },
    });
    expect(eligibility(s, node('n1', { zone: 'a' })).eligible).toBe(true);
    expect(eligibility(s, node('special', { zone: 'z' })).eligible).toBe(true);
    expect(eligibility(s, node('n2', { zone: 'z' })).reason).toEqual({ kind: 'affinity', detail: 'zone In (a, b)' });
  });
});
