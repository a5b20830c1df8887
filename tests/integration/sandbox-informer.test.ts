import { AppsV1Api, KubeConfig, makeInformer, type V1DaemonSet } from '@kubernetes/client-node';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startSandbox, type SandboxHandle } from '../../electron/sandbox-cluster/index.js';

let sandbox: SandboxHandle;

beforeAll(async () => {
  sandbox = await startSandbox({ nodes: 2, speed: 20, name: 'informer' });
});

afterAll(async () => {
  await sandbox.stop();
});

async function waitFor(what: string, check: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

function ds(name: string): V1DaemonSet {
  return {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: { name, namespace: 'team-b' },
    spec: {
      selector: { matchLabels: { app: name } },
      template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'main', image: 'nginx:1.25' }] } },
    },
  };
}

it('keeps a client-node informer exact through dropped connections, stalls and a compaction', async () => {
  const kc = new KubeConfig();
  kc.loadFromString(sandbox.kubeconfig);
  const apps = kc.makeApiClient(AppsV1Api);
  let lists = 0;
  const informer = makeInformer(kc, '/apis/apps/v1/namespaces/team-b/daemonsets', () => {
    lists++;
    return apps.listNamespacedDaemonSet({ namespace: 'team-b' });
  });
  const seen: string[] = [];
  informer.on('add', (o) => seen.push(`ADDED ${o.metadata?.name ?? ''}`));
  informer.on('update', (o) => seen.push(`MODIFIED ${o.metadata?.name ?? ''}`));
  informer.on('delete', (o) => seen.push(`DELETED ${o.metadata?.name ?? ''}`));
  // As real callers must: an informer stops on a broken stream and is restarted after a pause.
  informer.on('error', () => {
    setTimeout(() => void informer.start(), 100);
  });
  await informer.start();
  const cached = (): string[] =>
    informer
      .list()
      .map((o) => o.metadata?.name ?? '')
      .sort();

  // ADDED, MODIFIED, DELETED arrive in order.
  await apps.createNamespacedDaemonSet({ namespace: 'team-b', body: ds('a') });
  await waitFor('a in the cache', () => cached().includes('a'));
  const a = await apps.readNamespacedDaemonSet({ name: 'a', namespace: 'team-b' });
  a.metadata = { ...a.metadata, labels: { touched: 'yes' } };
  await apps.replaceNamespacedDaemonSet({ name: 'a', namespace: 'team-b', body: a });
  await waitFor('the label change', () => informer.get('a', 'team-b')?.metadata?.labels?.touched === 'yes');
  await apps.deleteNamespacedDaemonSet({ name: 'a', namespace: 'team-b' });
  await waitFor('a deleted', () => seen.includes('DELETED a'));
  const forA = seen.filter((s) => s.endsWith(' a'));
  expect(forA[0]).toBe('ADDED a');
  expect(forA.at(-1)).toBe('DELETED a');
  expect(forA.slice(1, -1).every((s) => s === 'MODIFIED a')).toBe(true);
  expect(forA).toContain('MODIFIED a');

  // Dropped connections: the informer reconnects from its version and misses nothing.
  expect(sandbox.faults.dropWatches()).toBeGreaterThan(0);
  await apps.createNamespacedDaemonSet({ namespace: 'team-b', body: ds('b') });
  await waitFor('b after a dropped watch', () => cached().includes('b'));

  // A stall delays events without losing them.
  sandbox.faults.stallWatches();
  await apps.createNamespacedDaemonSet({ namespace: 'team-b', body: ds('c') });
  await new Promise((r) => setTimeout(r, 400));
  expect(cached()).not.toContain('c');
  sandbox.faults.releaseWatches();
  await waitFor('c after the stall', () => cached().includes('c'));

  // Changes the informer never saw, then a compaction: its next resume gets 410 and it relists.
  const listsBefore = lists;
  sandbox.faults.stallWatches();
  await apps.createNamespacedDaemonSet({ namespace: 'team-b', body: ds('d') });
  await apps.deleteNamespacedDaemonSet({ name: 'b', namespace: 'team-b' });
  sandbox.faults.compactHistory();
  sandbox.faults.dropWatches();
  sandbox.faults.releaseWatches();
  await waitFor('d and no b after the relist', () => cached().includes('d') && !cached().includes('b'));
  await waitFor('a relist', () => lists > listsBefore);

  // The cache ends with exactly the server's objects, at the server's versions.
  const server = await apps.listNamespacedDaemonSet({ namespace: 'team-b' });
  await waitFor('versions to settle', () =>
    server.items.every((s) => informer.get(s.metadata?.name ?? '', 'team-b')?.metadata?.resourceVersion !== undefined),
  );
  const fresh = await apps.listNamespacedDaemonSet({ namespace: 'team-b' });
  await waitFor('cache equal to server', () => {
    const want = fresh.items.map((o) => `${o.metadata?.name ?? ''}@${o.metadata?.resourceVersion ?? ''}`).sort();
    const have = informer
      .list()
      .map((o) => `${o.metadata?.name ?? ''}@${o.metadata?.resourceVersion ?? ''}`)
      .sort();
    return JSON.stringify(want) === JSON.stringify(have);
  });
  expect(cached()).toEqual(['c', 'd']);
  await informer.stop();
});
