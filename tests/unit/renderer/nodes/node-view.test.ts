// The drain confirmation's plan: what it names as evicted and what stops the drain, by the options ticked.
import { describe, expect, it } from 'vitest';
import type { NodeOtherPod, NodeView } from '../../../../electron/contract/node-view-dto';
import { drainPlan } from '../../../../renderer/nodes/node-view';

const other = (name: string, needs: NodeOtherPod['needs'] = [], mirror = false): NodeOtherPod => ({
  namespace: 'shop',
  name,
  owner: needs.includes('force') ? '' : 'ReplicaSet web',
  phase: 'Running',
  deleting: false,
  mirror,
  needs,
});
const view = (pods: NodeOtherPod[]): NodeView => ({
  state: 'ok',
  daemonPods: [],
  otherPods: pods,
  absent: [],
  may: { cordon: true, drain: true },
  gaps: [],
});

describe('drainPlan', () => {
  const pods = [
    other('web'),
    other('bare', ['force']),
    other('cache', ['deleteEmptyDirData']),
    other('etcd', [], true),
  ];

  it('evicts controlled pods, refuses the others, and never names a mirror pod', () => {
    const plan = drainPlan(view(pods), { force: false, deleteEmptyDirData: false });
    expect(plan.evict).toEqual([{ namespace: 'shop', name: 'web' }]);
    expect(plan.refused.map((p) => p.name)).toEqual(['bare', 'cache']);
  });

  it('moves a refused pod to the evicted ones when its option is ticked', () => {
    const plan = drainPlan(view(pods), { force: true, deleteEmptyDirData: true });
    expect(plan.evict.map((p) => p.name)).toEqual(['web', 'bare', 'cache']);
    expect(plan.refused).toEqual([]);
  });
});
