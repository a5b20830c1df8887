import { afterEach, describe, expect, it } from 'vitest';
import { startSandbox, type SandboxHandle } from '../../../electron/sandbox-cluster/index';
import { DETAIL_NAMESPACE, DETAIL_TARGET, seedDetailWorld } from '../../bench/sandbox/detail-world';

// Scenario 5 measures the detail page against the pods its selector picks: that only works if the world it writes
// mixes the other DaemonSets' pods into the same namespace and the target's selector picks exactly its own.
describe('bench detail world', () => {
  let sandbox: SandboxHandle | undefined;
  afterEach(async () => {
    await sandbox?.stop();
    sandbox = undefined;
  });

  it('writes one running pod per node for the target and the other pods beside it, told apart only by labels', async () => {
    sandbox = await startSandbox({ port: 0, name: 'detailworld', nodes: 3 });
    sandbox.controllers.pause();
    sandbox.kubelets.pause();
    const nodeCount = sandbox.api.list('nodes').length;
    expect(nodeCount).toBeGreaterThan(1);
    const world = seedDetailWorld(sandbox.api, 250, 10);
    expect(world).toMatchObject({
      namespace: DETAIL_NAMESPACE,
      name: DETAIL_TARGET,
      targetPods: nodeCount,
      otherPods: 250,
    });

    const all = sandbox.api.list('pods', DETAIL_NAMESPACE);
    expect(all).toHaveLength(250 + nodeCount);
    const own = sandbox.api.list('pods', DETAIL_NAMESPACE, { 'app.kubernetes.io/name': DETAIL_TARGET });
    expect(own).toHaveLength(nodeCount);
    const target = sandbox.api.get('daemonsets', DETAIL_NAMESPACE, DETAIL_TARGET);
    const nodes = new Set<string>();
    for (const pod of own) {
      expect(pod.metadata.ownerReferences?.[0]).toMatchObject({ uid: target?.metadata.uid, controller: true });
      expect((pod.status as { phase?: string }).phase).toBe('Running');
      nodes.add((pod.spec as { nodeName: string }).nodeName);
    }
    expect(nodes.size).toBe(nodeCount);
    const owners = new Set(all.map((p) => p.metadata.ownerReferences?.[0]?.name));
    expect(owners.size).toBe(11);
    expect(sandbox.api.list('controllerrevisions', DETAIL_NAMESPACE)).toHaveLength(1);
  });
});
