// The backend on a real sandbox cluster as admin: seeded DaemonSets, live creation, pod issues, operations, quota.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppsV1Api, KubeConfig, type V1DaemonSet } from '@kubernetes/client-node';
import { startSandbox, type SandboxHandle } from '../../electron/sandbox-cluster/index.js';
import type { Backend } from '../../electron/backend/index.js';
import {
  backendFor,
  Client,
  connectedContext,
  type DeltaFolder,
  kubeconfigFileOf,
  waitFor,
} from './backend-harness.js';

let sandbox: SandboxHandle;
let backend: Backend;
let client: Client;
let apps: AppsV1Api;
const ADMIN = 'sandbox-admin';

function daemonSet(name: string, namespace: string, image: string): V1DaemonSet {
  const labels = { app: name };
  return {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: { name, namespace, annotations: { 'kubesphere.io/alias-name': `${name} alias` } },
    spec: {
      selector: { matchLabels: labels },
      template: { metadata: { labels }, spec: { containers: [{ name: 'main', image }] } },
    },
  };
}

async function subscribe(selection: string): Promise<DeltaFolder> {
  const folder = client.folder(await client.open('daemonSets', ADMIN, selection));
  await waitFor(() => folder.synced, 15_000, `first batch of ${selection}`);
  return folder;
}

beforeAll(async () => {
  sandbox = await startSandbox({ speed: 25, nodes: 4 });
  const { file } = kubeconfigFileOf(sandbox);
  ({ backend } = await backendFor([file]));
  client = new Client(backend);
  const kc = new KubeConfig();
  kc.loadFromString(sandbox.kubeconfig);
  apps = kc.makeApiClient(AppsV1Api);
  await connectedContext(client);
});

afterAll(async () => {
  await backend?.dispose();
  await sandbox?.stop();
});

describe('backend on the sandbox as admin', () => {
  it('lists the seeded DaemonSets of all projects in one reset batch', async () => {
    const folder = await subscribe('*');
    const first = folder.deltas.find((d) => d.reset);
    expect(first?.synced).toBe(true);
    const server = sandbox.api.list('daemonsets').map((d) => `${d.metadata.namespace}/${d.metadata.name}`);
    expect(server.length).toBeGreaterThan(0);
    expect([...folder.rows.keys()].sort()).toEqual(server.sort());
    expect(folder.summary?.daemonSets).toBe(server.length);
    expect(folder.summary?.quota).toBeUndefined();
  });

  it('shows a DaemonSet created through the API, first unsettled with pod reasons, then settled', async () => {
    const folder = await subscribe('default');
    const before = folder.deltas.length;
    await apps.createNamespacedDaemonSet({
      namespace: 'default',
      body: daemonSet('fresh-agent', 'default', 'busybox:1.36'),
    });
    await waitFor(() => folder.rows.has('default/fresh-agent'), 10_000, 'the new row');
    expect(folder.rows.get('default/fresh-agent')?.alias).toBe('fresh-agent alias');
    await waitFor(
      () => {
        const row = folder.rows.get('default/fresh-agent');
        return (
          row !== undefined &&
          row.status.desired > 0 &&
          row.status.available === row.status.desired &&
          row.podIssues.length === 0
        );
      },
      20_000,
      'the row to settle',
    );
    const deltas = folder.deltas.slice(before);
    // Changes arrive as small deltas, never the whole list again.
    expect(deltas.every((d) => !d.reset)).toBe(true);
    // While pulling, the reason came from its pods (ContainerCreating on some nodes).
    const reasons = deltas.flatMap((d) => d.upserts.flatMap((r) => r.podIssues.map((i) => i.reason)));
    expect(reasons).toContain('ContainerCreating');
    expect(folder.summary?.pods).toBe(folder.rows.get('default/fresh-agent')?.status.current);
  });

  it('reports ImagePullBackOff with its nodes for a missing image and keeps it unsettled', async () => {
    const folder = await subscribe('default');
    await apps.createNamespacedDaemonSet({
      namespace: 'default',
      body: daemonSet('broken-agent', 'default', 'busybox:does-not-exist'),
    });
    await waitFor(
      () => folder.rows.get('default/broken-agent')?.podIssues.some((i) => i.reason === 'ImagePullBackOff') ?? false,
      20_000,
      'ImagePullBackOff',
    );
    const row = folder.rows.get('default/broken-agent');
    const issue = row?.podIssues.find((i) => i.reason === 'ImagePullBackOff');
    const nodes = sandbox.api.list('nodes').map((n) => n.metadata.name);
    expect(issue?.nodes.length).toBeGreaterThan(0);
    expect(issue?.nodes.every((n) => nodes.includes(n))).toBe(true);
    expect(row?.status.available).toBe(0);
  });

  it('redeploys as kubectl rollout restart does, and reports each failure without stopping the rest', async () => {
    const result = await client.services.daemonsets.redeploy(ADMIN, [
      { namespace: 'default', name: 'missing-one' },
      { namespace: 'default', name: 'fresh-agent' },
    ]);
    expect(result.results.map((r) => [r.key, r.ok, r.error?.code])).toEqual([
      ['default/missing-one', false, 'not-found'],
      ['default/fresh-agent', true, undefined],
    ]);
    const stored = sandbox.api.get('daemonsets', 'default', 'fresh-agent');
    const restartedAt = stored?.spec.template.metadata.annotations['kubectl.kubernetes.io/restartedAt'] as string;
    expect(restartedAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(Math.abs(Date.parse(restartedAt) - Date.now())).toBeLessThan(10_000);
    expect(stored?.metadata.generation).toBe(2);
  });

  it('deletes with Orphan (pods stay) and Background (pods go)', async () => {
    const folder = await subscribe('default');
    const podsOf = (name: string): number =>
      sandbox.api
        .list('pods', 'default')
        .filter((p) => p.metadata.labels?.app === name && !p.metadata.deletionTimestamp).length;
    expect(podsOf('fresh-agent')).toBeGreaterThan(0);
    const orphaned = await client.services.daemonsets.delete(
      ADMIN,
      [{ namespace: 'default', name: 'fresh-agent' }],
      'Orphan',
    );
    expect(orphaned.results[0]?.ok).toBe(true);
    await waitFor(() => !folder.rows.has('default/fresh-agent'), 10_000, 'the removal');
    expect(podsOf('fresh-agent')).toBeGreaterThan(0);
    const background = await client.services.daemonsets.delete(
      ADMIN,
      [{ namespace: 'default', name: 'broken-agent' }],
      'Background',
    );
    expect(background.results[0]?.ok).toBe(true);
    await waitFor(() => podsOf('broken-agent') === 0, 15_000, 'pods of the deleted DaemonSet to go');
    expect(sandbox.api.get('daemonsets', 'default', 'broken-agent')).toBeUndefined();
  });

  it('gives a second window on the same project the current list at once, and both windows the next change', async () => {
    const first = await subscribe('team-a');
    const window = new Client(backend);
    try {
      const id = await window.open('daemonSets', ADMIN, 'team-a');
      // Before the open answered, the shared producer's picture had arrived: complete and synced, no second list.
      const joined = window.folder(id);
      expect(joined.deltas[0]).toMatchObject({ reset: true, synced: true });
      expect([...joined.rows.keys()].sort()).toEqual([...first.rows.keys()].sort());
      await apps.createNamespacedDaemonSet({ namespace: 'team-a', body: daemonSet('shared', 'team-a', 'nginx') });
      await waitFor(() => first.rows.has('team-a/shared') && joined.rows.has('team-a/shared'), 10_000, 'both');
    } finally {
      window.session.dispose();
    }
    await apps.deleteNamespacedDaemonSet({ namespace: 'team-a', name: 'shared' });
    await waitFor(() => !first.rows.has('team-a/shared'), 10_000, 'the first window to go on alone');
  });

  it('summarises the pod quota of one project', async () => {
    const folder = await subscribe('team-a');
    const quota = sandbox.api.list('resourcequotas', 'team-a')[0];
    await waitFor(() => folder.summary?.quota?.pods !== undefined, 10_000, 'the quota');
    expect(folder.summary?.quota?.pods?.hard).toBe(String(quota?.status?.hard?.pods ?? quota?.spec.hard.pods));
  });
});
