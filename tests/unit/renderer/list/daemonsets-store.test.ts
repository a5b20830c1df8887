import { createPinia, setActivePinia } from 'pinia';
import { beforeEach, describe, expect, it } from 'vitest';
import { computed, isProxy } from 'vue';
import { createApi, setApi } from '../../../../renderer/api/bridge';
import { useClustersStore } from '../../../../renderer/clusters/clusters';
import { useDaemonSetsStore } from '../../../../renderer/list/daemonsets';
import { useProjectsStore } from '../../../../renderer/clusters/projects';
import { fakeBridge } from '../fake-bridge';
import { row } from '../fixtures';

const settle = async () => {
  for (let i = 0; i < 5; i++) await new Promise((resolve) => setTimeout(resolve, 0));
};

let fake: ReturnType<typeof fakeBridge>;

async function start() {
  const clusters = useClustersStore();
  const projects = useProjectsStore();
  const daemonsets = useDaemonSetsStore();
  clusters.init();
  projects.init();
  daemonsets.init();
  await settle();
  return { clusters, projects, daemonsets };
}

beforeEach(() => {
  setActivePinia(createPinia());
  fake = fakeBridge();
  setApi(createApi(fake.bridge));
});

describe('daemonsets store', () => {
  it('watches the active context and selected project, then applies batches by row key', async () => {
    const { daemonsets } = await start();
    expect(fake.callsOf('streams.open')).toEqual([['daemonSets', ['sandbox-admin', 'default']]]);
    expect(daemonsets.synced).toBe(false);

    fake.delta({
      streamId: 'sub-1',
      reset: true,
      upserts: [row('b'), row('a'), row('c')],
      summary: { selection: 'default', daemonSets: 3, pods: 9 },
    });
    daemonsets.flush();
    expect(daemonsets.synced).toBe(true);
    expect(daemonsets.visible.map((r) => r.name)).toEqual(['a', 'b', 'c']);
    expect(daemonsets.summary?.pods).toBe(9);

    fake.delta({
      streamId: 'sub-1',
      upserts: [row('a', { status: { ready: 1, available: 1 } })],
      removals: ['default/c'],
    });
    daemonsets.flush();
    expect([...daemonsets.rows.keys()].sort()).toEqual(['default/a', 'default/b']);
    expect(daemonsets.rows.get('default/a')?.status.ready).toBe(1);

    fake.delta({ streamId: 'sub-1', reset: true, upserts: [row('z')] });
    daemonsets.flush();
    expect(daemonsets.visible.map((r) => r.name)).toEqual(['z']);
  });

  it('ignores batches of other streams', async () => {
    const { daemonsets } = await start();
    fake.delta({ streamId: 'sub-99', reset: true, upserts: [row('stranger')] });
    daemonsets.flush();
    expect(daemonsets.rows.size).toBe(0);
    expect(daemonsets.synced).toBe(false);
  });

  it('keeps batches that overtake the reply to the open and applies them once the id is known', async () => {
    let release!: () => void;
    fake.hold(new Promise<void>((resolve) => (release = resolve)));
    const { daemonsets } = await start();
    fake.delta({ streamId: 'sub-1', reset: true, upserts: [row('early')] });
    fake.delta({ streamId: 'sub-1', upserts: [row('later')] });
    expect(daemonsets.subscribedTo).toBeNull();
    release();
    await settle();
    daemonsets.flush();
    expect(daemonsets.subscribedTo).toEqual({ context: 'sandbox-admin', selection: 'default' });
    expect(daemonsets.visible.map((r) => r.name)).toEqual(['early', 'later']);
  });

  it('follows a project switch: disposes the stream, clears the rows, watches the new project', async () => {
    const { daemonsets, projects } = await start();
    fake.delta({ streamId: 'sub-1', reset: true, upserts: [row('a')] });
    daemonsets.flush();
    daemonsets.setSelected(['default/a']);
    await projects.select('monitoring');
    await settle();
    expect(fake.callsOf('streams.dispose')).toEqual([['sub-1']]);
    expect(fake.callsOf('streams.open').at(-1)).toEqual(['daemonSets', ['sandbox-admin', 'monitoring']]);
    expect(daemonsets.rows.size).toBe(0);
    expect(daemonsets.synced).toBe(false);
    expect(daemonsets.selected.size).toBe(0);
    fake.delta({ streamId: 'sub-1', upserts: [row('from-old-subscription')] });
    fake.delta({ streamId: 'sub-2', reset: true, upserts: [row('m', { namespace: 'monitoring' })] });
    daemonsets.flush();
    expect([...daemonsets.rows.keys()]).toEqual(['monitoring/m']);
  });

  it('follows a context switch to that context and its own project selection', async () => {
    const { daemonsets, clusters } = await start();
    await clusters.switchContext('other');
    await settle();
    expect(fake.callsOf('projects.getState')).toContainEqual(['other']);
    expect(fake.callsOf('streams.open').at(-1)).toEqual(['daemonSets', ['other', 'team-a']]);
    expect(daemonsets.subscribedTo).toEqual({ context: 'other', selection: 'team-a' });
  });

  it('shows a watch error from a batch and clears it with the next good batch', async () => {
    const { daemonsets } = await start();
    fake.delta({
      streamId: 'sub-1',
      synced: false,
      error: { code: 'forbidden', message: 'no access', status: 403 },
    });
    expect(daemonsets.error?.message).toBe('no access');
    fake.delta({ streamId: 'sub-1', reset: true, upserts: [row('a')] });
    expect(daemonsets.error).toBeNull();
  });

  it('holds rows raw, and many batches cost one recomputation of the views per frame', async () => {
    const { daemonsets } = await start();
    const rows = Array.from({ length: 5000 }, (_, i) => row(`ds-${String(i).padStart(4, '0')}`));
    fake.delta({ streamId: 'sub-1', reset: true, upserts: rows });
    daemonsets.flush();
    expect(daemonsets.rows.size).toBe(5000);
    expect(isProxy(daemonsets.rows.get('default/ds-0000'))).toBe(false);

    let evaluations = 0;
    const count = computed(() => (evaluations++, daemonsets.visible.length));
    expect(count.value).toBe(5000);
    const started = performance.now();
    for (let i = 0; i < 300; i++) {
      fake.delta({
        streamId: 'sub-1',
        upserts: [row(`ds-${String(i).padStart(4, '0')}`, { status: { ready: 2 } })],
      });
    }
    expect(count.value).toBe(5000);
    expect(evaluations).toBe(1);
    daemonsets.flush();
    expect(count.value).toBe(5000);
    expect(evaluations).toBe(2);
    expect(performance.now() - started).toBeLessThan(1000);
    expect(daemonsets.rows.get('default/ds-0299')?.status.ready).toBe(2);
  });

  it('watches again after the transport comes back from a drop, from an empty list', async () => {
    setActivePinia(createPinia());
    fake = fakeBridge();
    const listeners: (() => void)[] = [];
    const reconnect = () => listeners.forEach((listener) => listener());
    setApi(
      createApi(fake.bridge, { onReconnect: (listener) => (listeners.push(listener), { dispose: () => undefined }) }),
    );
    const { daemonsets } = await start();
    fake.delta({ streamId: 'sub-1', reset: true, upserts: [row('before')] });
    daemonsets.flush();
    reconnect();
    expect(daemonsets.synced).toBe(false);
    expect(daemonsets.rows.size).toBe(0);
    await settle();
    expect(fake.callsOf('streams.open')).toEqual([
      ['daemonSets', ['sandbox-admin', 'default']],
      ['daemonSets', ['sandbox-admin', 'default']],
    ]);
    fake.delta({ streamId: 'sub-1', upserts: [row('from-the-old-connection')] });
    fake.delta({ streamId: 'sub-2', reset: true, upserts: [row('after')] });
    daemonsets.flush();
    expect(daemonsets.visible.map((r) => r.name)).toEqual(['after']);
  });

  it('shows a refused open, and opens again once the cluster connects', async () => {
    fake.refuse({ code: 'unreachable', message: 'Context "sandbox-admin" is not connected.' });
    const { daemonsets } = await start();
    expect(daemonsets.error?.code).toBe('unreachable');
    expect(daemonsets.subscribedTo).toBeNull();
    fake.refuse(undefined);
    fake.connection('connecting');
    await settle();
    fake.connection('connected');
    await settle();
    expect(fake.callsOf('streams.open')).toHaveLength(2);
    expect(daemonsets.error).toBeNull();
    expect(daemonsets.subscribedTo).toEqual({ context: 'sandbox-admin', selection: 'default' });
  });

  it('opens again once the cluster connects when the backend ended the stream (its context went away)', async () => {
    const { daemonsets } = await start();
    fake.connection('error');
    fake.delta({
      streamId: 'sub-1',
      synced: false,
      error: {
        code: 'unsupported',
        message: 'Context "sandbox-admin" is no longer connected; choose it under Cluster to connect it again.',
      },
      ended: true,
    });
    await settle();
    expect(daemonsets.error?.code).toBe('unsupported');
    fake.connection('connected');
    await settle();
    expect(fake.callsOf('streams.open')).toHaveLength(2);
    // The backend forgot the ended stream: nothing to dispose.
    expect(fake.callsOf('streams.dispose')).toEqual([]);
  });
});

describe('daemonset actions', () => {
  it('redeploys the chosen rows and reports each result; successful rows leave the selection', async () => {
    const { daemonsets } = await start();
    fake.delta({ streamId: 'sub-1', reset: true, upserts: [row('a'), row('b'), row('c')] });
    daemonsets.flush();
    daemonsets.setSelected(['default/a', 'default/b', 'default/c']);
    fake.setBulk((refs) => ({
      results: refs.map((r) =>
        r.name === 'b'
          ? { key: `default/${r.name}`, ok: false, error: { code: 'conflict', message: 'b changed meanwhile' } }
          : { key: `default/${r.name}`, ok: true },
      ),
    }));
    const outcome = await daemonsets.redeploy(daemonsets.selectedKeys);
    expect(fake.callsOf('daemonsets.redeploy')).toEqual([
      [
        'sandbox-admin',
        [
          { namespace: 'default', name: 'a' },
          { namespace: 'default', name: 'b' },
          { namespace: 'default', name: 'c' },
        ],
      ],
    ]);
    expect(outcome?.results.map((r) => [r.name, r.ok])).toEqual([
      ['a', true],
      ['b', false],
      ['c', true],
    ]);
    expect(daemonsets.outcome?.results[1]?.error?.message).toBe('b changed meanwhile');
    expect(daemonsets.selectedKeys).toEqual(['default/b']);
  });

  it('deletes with the chosen propagation', async () => {
    const { daemonsets } = await start();
    fake.delta({ streamId: 'sub-1', reset: true, upserts: [row('a')] });
    await daemonsets.remove(['default/a'], 'Orphan');
    expect(fake.callsOf('daemonsets.delete')).toEqual([
      ['sandbox-admin', [{ namespace: 'default', name: 'a' }], 'Orphan'],
    ]);
    expect(daemonsets.outcome).toEqual({ action: 'delete', results: [{ key: 'default/a', name: 'a', ok: true }] });
  });

  it('a selected row that disappears drops out of the selection', async () => {
    const { daemonsets } = await start();
    fake.delta({ streamId: 'sub-1', reset: true, upserts: [row('a'), row('b')] });
    daemonsets.flush();
    daemonsets.setSelected(['default/a', 'default/b']);
    fake.delta({ streamId: 'sub-1', removals: ['default/a'] });
    daemonsets.flush();
    expect(daemonsets.selectedKeys).toEqual(['default/b']);
  });
});

describe('projects store', () => {
  it('keeps a refused namespace out and holds the backend message for the field', async () => {
    const { projects, clusters } = await start();
    await clusters.switchContext('other');
    await settle();
    expect(projects.canListAll).toBe(false);
    expect(await projects.add('kube-system')).toBe(false);
    expect(projects.addError).toEqual({
      code: 'forbidden',
      message: 'You cannot list DaemonSets in kube-system.',
      status: 403,
    });
    expect(projects.projects).toEqual(['team-a']);
    expect(await projects.add('team-b')).toBe(true);
    expect(projects.addError).toBeNull();
    expect(projects.projects).toEqual(['team-a', 'team-b']);
    expect(projects.selected).toBe('team-b');
  });
});
