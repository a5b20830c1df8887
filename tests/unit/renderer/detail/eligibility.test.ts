// The detail page's node eligibility: the wizard's coverage rule, reported in the detail page's terms.
import type { PodSpec } from 'kubernetes-types/core/v1';
import { describe, expect, it } from 'vitest';
import type { DaemonSetDetail } from '../../../../electron/contract/detail-dto';
import type { NodeSummary } from '../../../../electron/contract/dto';
import { detailNodes, nodeEligibility } from '../../../../renderer/detail/eligibility';

const node = (name: string, labels: Record<string, string> = {}, taints: NodeSummary['taints'] = []): NodeSummary => ({
  name,
  labels: { 'kubernetes.io/hostname': name, ...labels },
  taints,
  unschedulable: false,
  ready: true,
});
const spec = (extra: Partial<PodSpec>): PodSpec => ({ containers: [{ name: 'c' }], ...extra });

describe('node eligibility of a DaemonSet', () => {
  it('refuses a node the node selector does not match, naming the pair', () => {
    const s = spec({ nodeSelector: { 'kubernetes.io/arch': 'amd64' } });
    expect(nodeEligibility(s, node('a', { 'kubernetes.io/arch': 'amd64' })).eligible).toBe(true);
    expect(nodeEligibility(s, node('b', { 'kubernetes.io/arch': 'arm64' })).reason).toEqual({
      kind: 'selector',
      detail: 'kubernetes.io/arch=amd64',
    });
  });

  it('refuses an untolerated NoSchedule taint, accepts a tolerated one and the controller-tolerated ones', () => {
    const taint = { key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' };
    expect(nodeEligibility(spec({}), node('cp', {}, [taint])).reason).toEqual({
      kind: 'taint',
      detail: 'node-role.kubernetes.io/control-plane:NoSchedule',
    });
    const tolerating = spec({ tolerations: [{ key: taint.key, operator: 'Exists', effect: 'NoSchedule' }] });
    expect(nodeEligibility(tolerating, node('cp', {}, [taint])).eligible).toBe(true);
    const cordoned = node('c', {}, [{ key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' }]);
    expect(nodeEligibility(spec({}), cordoned).eligible).toBe(true);
    expect(nodeEligibility(spec({}), node('p', {}, [{ key: 'x', effect: 'PreferNoSchedule' }])).eligible).toBe(true);
    const valued = node('v', {}, [{ key: 'dedicated', value: 'gpu', effect: 'NoExecute' }]);
    expect(
      nodeEligibility(spec({ tolerations: [{ key: 'dedicated', operator: 'Equal', value: 'cpu' }] }), valued).reason
        ?.kind,
    ).toBe('taint');
    expect(
      nodeEligibility(spec({ tolerations: [{ key: 'dedicated', operator: 'Equal', value: 'gpu' }] }), valued).eligible,
    ).toBe(true);
  });

  it('applies required node affinity: terms ORed, expressions ANDed, naming the first unmet requirement', () => {
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
    expect(nodeEligibility(s, node('n1', { zone: 'a' })).eligible).toBe(true);
    expect(nodeEligibility(s, node('special', { zone: 'z' })).eligible).toBe(true);
    expect(nodeEligibility(s, node('n2', { zone: 'z' })).reason).toEqual({
      kind: 'affinity',
      detail: 'zone In (a, b)',
    });
  });

  it('judges the nodes the backend sent against the live template, and has none when nodes may not be listed', () => {
    const template = { spec: spec({ nodeSelector: { disk: 'ssd' } }) };
    const detail = {
      state: 'ok',
      pods: [],
      daemonSet: { template },
      nodes: { allowed: true, value: [node('fast', { disk: 'ssd' }), node('slow', { disk: 'hdd' })] },
    } as unknown as DaemonSetDetail;
    expect(detailNodes(detail).map((n) => [n.name, n.eligible, n.reason?.detail])).toEqual([
      ['fast', true, undefined],
      ['slow', false, 'disk=ssd'],
    ]);
    expect(detailNodes({ ...detail, nodes: { allowed: false, message: 'forbidden' } })).toEqual([]);
  });

  it('judges the nodes again only when the node list or the template changed', () => {
    const nodes = [node('fast', { disk: 'ssd' }), node('slow', { disk: 'hdd' })];
    const picture = (selector: Record<string, string>) =>
      ({
        daemonSet: { template: { spec: spec({ nodeSelector: selector }) } },
        nodes: { allowed: true, value: nodes },
      }) as unknown as DaemonSetDetail;
    const first = detailNodes(picture({ disk: 'ssd' }));
    // A later delta: a new picture object whose template is equal and whose node list was kept.
    expect(detailNodes(picture({ disk: 'ssd' }))).toBe(first);
    const other = detailNodes(picture({ disk: 'hdd' }));
    expect(other.map((n) => n.eligible)).toEqual([false, true]);
    const moreNodes = { ...picture({ disk: 'hdd' }), nodes: { allowed: true, value: [...nodes] } } as DaemonSetDetail;
    expect(detailNodes(moreNodes)).not.toBe(other);
  });
});
