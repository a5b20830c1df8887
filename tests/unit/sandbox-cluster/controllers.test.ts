import { describe, expect, it } from 'vitest';
import type { ControllerRevision, DaemonSet, Pod } from '../../../electron/sandbox-cluster/controllers/kinds.js';
import { isPodAvailable } from '../../../electron/sandbox-cluster/controllers/pod-util.js';
import { waitFor, worldPerTest, type FakeApi } from './fake-api.js';

const world = worldPerTest();

function daemonSet(name: string, namespace: string, image: string): Parameters<FakeApi['create']>[1] {
  return {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: { name, namespace },
    spec: {
      selector: { matchLabels: { app: name } },
      updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1 } },
      template: {
        metadata: { labels: { app: name } },
        spec: { terminationGracePeriodSeconds: 2, containers: [{ name: 'main', image }] },
      },
    },
  };
}

const getDs = (api: FakeApi, ns: string, name: string) => api.get('daemonsets', ns, name) as DaemonSet;
const podsOf = (api: FakeApi, ns: string, name: string) =>
  (api.list('pods', ns) as Pod[]).filter((p) => p.metadata.ownerReferences?.some((r) => r.name === name));

function rolledOut(api: FakeApi, ns: string, name: string): boolean {
  const ds = getDs(api, ns, name);
  const s = ds.status;
  return (
    s !== undefined &&
    s.observedGeneration === ds.metadata.generation &&
    s.updatedNumberScheduled === s.desiredNumberScheduled &&
    s.numberAvailable === s.desiredNumberScheduled &&
    podsOf(api, ns, name).length === s.desiredNumberScheduled
  );
}

describe('DaemonSet controller with scheduler, kubelets, GC and quota', () => {
  it('runs the seed DaemonSets on every node they tolerate', async () => {
    const api = world();
    await waitFor(
      () => rolledOut(api, 'monitoring', 'node-exporter') && rolledOut(api, 'kube-system', 'fluent-bit'),
      10_000,
      'seed rollout',
    );
    expect(getDs(api, 'monitoring', 'node-exporter').status?.desiredNumberScheduled).toBe(6);
    expect(getDs(api, 'kube-system', 'fluent-bit').status?.desiredNumberScheduled).toBe(6);
    const quota = api.get('resourcequotas', 'team-a', 'team-a-quota');
    expect(quota?.status?.used).toEqual({ pods: '0', 'requests.cpu': '0', 'requests.memory': '0' });
  }, 15_000);

  it('places one pod per eligible node, rolls out an image change within maxUnavailable, keeps revisions', async () => {
    const api = world();
    api.create('daemonsets', daemonSet('agent', 'team-a', 'nginx:1.27'));
    await waitFor(() => rolledOut(api, 'team-a', 'agent'), 10_000, 'initial rollout');
    const pods = podsOf(api, 'team-a', 'agent');
    expect(pods.map((p) => p.spec.nodeName).sort()).toEqual([
      'worker-1',
      'worker-2',
      'worker-3',
      'worker-4',
      'worker-5',
    ]);
    expect(api.events.filter((e) => e.involved === 'DaemonSet/agent' && e.reason === 'SuccessfulCreate')).toHaveLength(
      5,
    );
    expect(api.events.some((e) => e.reason === 'Scheduled' && e.source.component === 'default-scheduler')).toBe(true);
    expect(api.get('resourcequotas', 'team-a', 'team-a-quota')?.status?.used?.pods).toBe('5');

    let worst = 0;
    const unsubscribe = api.subscribe(() => {
      const ds = getDs(api, 'team-a', 'agent');
      const available = new Set(
        podsOf(api, 'team-a', 'agent')
          .filter((p) => !p.metadata.deletionTimestamp && isPodAvailable(p, 0, api.now()))
          .map((p) => p.spec.nodeName),
      );
      worst = Math.max(worst, (ds.status?.desiredNumberScheduled ?? 5) - available.size);
    });
    const ds = getDs(api, 'team-a', 'agent');
    ds.spec.template.spec.containers = [{ name: 'main', image: 'nginx:1.28' }];
    api.update('daemonsets', ds);
    await waitFor(
      () =>
        rolledOut(api, 'team-a', 'agent') &&
        podsOf(api, 'team-a', 'agent').every((p) => p.spec.containers[0]?.image === 'nginx:1.28'),
      15_000,
      'image rollout',
    );
    unsubscribe();
    expect(worst).toBe(1);

    const revisions = () =>
      (api.list('controllerrevisions', 'team-a') as ControllerRevision[])
        .map((r) => [
          r.revision,
          (r.data as { spec: { template: { spec: { containers: { image: string }[] } } } }).spec.template.spec
            .containers[0]?.image,
        ])
        .sort();
    expect(revisions()).toEqual([
      [1, 'nginx:1.27'],
      [2, 'nginx:1.28'],
    ]);

    // Undo: the old template comes back; its revision is reused under the next number.
    const back = getDs(api, 'team-a', 'agent');
    back.spec.template.spec.containers = [{ name: 'main', image: 'nginx:1.27' }];
    api.update('daemonsets', back);
    await waitFor(
      () =>
        rolledOut(api, 'team-a', 'agent') &&
        podsOf(api, 'team-a', 'agent').every((p) => p.spec.containers[0]?.image === 'nginx:1.27'),
      15_000,
      'undo rollout',
    );
    expect(revisions()).toEqual([
      [2, 'nginx:1.28'],
      [3, 'nginx:1.27'],
    ]);
    // Three rollouts with budgets of 10-15 s each: the default 5 s test timeout would cut the waits short.
  }, 40_000);

  it('records FailedCreate when the pods quota is exhausted', async () => {
    const api = world();
    api.create('resourcequotas', {
      apiVersion: 'v1',
      kind: 'ResourceQuota',
      metadata: { name: 'tiny', namespace: 'team-b' },
      spec: { hard: { pods: '2' } },
    });
    api.create('daemonsets', daemonSet('greedy', 'team-b', 'nginx:1.27'));
    const failed = await waitFor(
      () => api.events.find((e) => e.involved === 'DaemonSet/greedy' && e.reason === 'FailedCreate'),
      5000,
      'FailedCreate',
    );
    expect(failed.type).toBe('Warning');
    expect(failed.message).toMatch(
      /^Error creating: pods "greedy-x\d+" is forbidden: exceeded quota: tiny, requested: pods=1, used: pods=2, limited: pods=2$/,
    );
    await waitFor(() => getDs(api, 'team-b', 'greedy').status?.currentNumberScheduled === 2, 5000, 'status');
    expect(getDs(api, 'team-b', 'greedy').status?.desiredNumberScheduled).toBe(5);
  });

  it('garbage-collects pods and revisions after a background delete, and waits in the foreground', async () => {
    const api = world();
    api.create('daemonsets', daemonSet('bg', 'team-b', 'nginx:1.27'));
    api.create('daemonsets', daemonSet('fg', 'team-b', 'nginx:1.27'));
    await waitFor(() => rolledOut(api, 'team-b', 'bg') && rolledOut(api, 'team-b', 'fg'), 10_000, 'rollouts');
    api.delete('daemonsets', 'team-b', 'bg');
    await waitFor(() => podsOf(api, 'team-b', 'bg').length === 0, 5000, 'background GC');
    expect(
      (api.list('controllerrevisions', 'team-b') as ControllerRevision[]).some((r) =>
        r.metadata.name.startsWith('bg-'),
      ),
    ).toBe(false);

    api.delete('daemonsets', 'team-b', 'fg', { propagationPolicy: 'Foreground' });
    expect(getDs(api, 'team-b', 'fg').metadata.finalizers).toContain('foregroundDeletion');
    await waitFor(
      () => podsOf(api, 'team-b', 'fg').some((p) => p.metadata.deletionTimestamp),
      5000,
      'foreground pods terminating',
    );
    expect(api.get('daemonsets', 'team-b', 'fg')).toBeDefined();
    await waitFor(() => !api.get('daemonsets', 'team-b', 'fg'), 5000, 'owner gone after dependents');
    expect(podsOf(api, 'team-b', 'fg')).toHaveLength(0);
  });

  it('leaves objects owned by kinds this cluster does not serve alone', async () => {
    const api = world();
    const owner = { apiVersion: 'batch/v1', kind: 'Job', name: 'job', uid: 'not-here', controller: true };
    api.create('configmaps', {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'kept', namespace: 'team-b', ownerReferences: [owner] },
    });
    const gone = { apiVersion: 'v1', kind: 'ConfigMap', name: 'missing', uid: 'missing-uid' };
    api.create('configmaps', {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'dangling', namespace: 'team-b', ownerReferences: [gone] },
    });
    await waitFor(() => !api.get('configmaps', 'team-b', 'dangling'), 5000, 'dangling dependent collected');
    expect(api.get('configmaps', 'team-b', 'kept')).toBeDefined();
  });

  it('deletes misscheduled pods when a node stops matching', async () => {
    const api = world();
    const spec = daemonSet('gpu', 'team-a', 'nginx:1.27');
    spec.spec.template.spec.nodeSelector = { 'nvidia.com/gpu.present': 'true' };
    api.create('daemonsets', spec);
    await waitFor(() => rolledOut(api, 'team-a', 'gpu'), 5000, 'gpu rollout');
    expect(podsOf(api, 'team-a', 'gpu').map((p) => p.spec.nodeName)).toEqual(['worker-4']);
    const node = api.get('nodes', undefined, 'worker-4');
    if (!node?.metadata.labels) throw new Error('seed node worker-4 missing');
    delete node.metadata.labels['nvidia.com/gpu.present'];
    api.update('nodes', node);
    await waitFor(() => podsOf(api, 'team-a', 'gpu').length === 0, 5000, 'misscheduled pod removed');
    await waitFor(() => getDs(api, 'team-a', 'gpu').status?.desiredNumberScheduled === 0, 5000, 'status');
  });

  it('replaces nothing under OnDelete until a pod is deleted', async () => {
    const api = world();
    const spec = daemonSet('manual', 'team-b', 'nginx:1.27');
    spec.spec.updateStrategy = { type: 'OnDelete' };
    api.create('daemonsets', spec);
    await waitFor(() => rolledOut(api, 'team-b', 'manual'), 5000, 'rollout');
    const ds = getDs(api, 'team-b', 'manual');
    ds.spec.template.spec.containers = [{ name: 'main', image: 'nginx:1.28' }];
    api.update('daemonsets', ds);
    await waitFor(() => getDs(api, 'team-b', 'manual').status?.observedGeneration === 2, 5000, 'observed');
    await new Promise((r) => setTimeout(r, 300));
    expect(podsOf(api, 'team-b', 'manual').map((p) => p.spec.containers[0]?.image)).toEqual(
      Array(5).fill('nginx:1.27'),
    );
    expect(getDs(api, 'team-b', 'manual').status?.updatedNumberScheduled).toBe(0);
    const victim = podsOf(api, 'team-b', 'manual')[0];
    api.delete('pods', 'team-b', victim?.metadata.name ?? '');
    await waitFor(() => getDs(api, 'team-b', 'manual').status?.updatedNumberScheduled === 1, 5000, 'one replaced');
    const images = podsOf(api, 'team-b', 'manual').map((p) => p.spec.containers[0]?.image);
    expect(images.filter((i) => i === 'nginx:1.28')).toHaveLength(1);
  });

  it('counts pods as available only minReadySeconds after they became ready', async () => {
    const api = world();
    const spec = daemonSet('slow', 'team-b', 'nginx:1.27');
    // 3 s at speed 100: above the one-second resolution of lastTransitionTime.
    spec.spec.minReadySeconds = 300;
    api.create('daemonsets', spec);
    const seen = await waitFor(
      () => {
        const s = getDs(api, 'team-b', 'slow').status;
        return s?.numberReady === 5 && (s.numberAvailable ?? 0) < 5 && s;
      },
      5000,
      'ready but not yet available',
    );
    expect(seen.numberUnavailable).toBe(5 - (seen.numberAvailable ?? 0));
    await waitFor(
      () => getDs(api, 'team-b', 'slow').status?.numberAvailable === 5,
      5000,
      'available after minReadySeconds',
    );
  });
});
