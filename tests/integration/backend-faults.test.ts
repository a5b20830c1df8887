// The watch manager under the sandbox's fault injection: dropped connections, stalled streams and compacted history
// (410). Whatever happens, the rows a client folded from its deltas end equal to the server's list.
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

const LIVENESS_MS = 1500;
let sandbox: SandboxHandle;
let backend: Backend;
let client: Client;
let apps: AppsV1Api;
let folder: DeltaFolder;

function daemonSet(name: string, namespace: string): V1DaemonSet {
  const labels = { app: name };
  return {
    metadata: { name, namespace },
    spec: {
      selector: { matchLabels: labels },
      template: { metadata: { labels }, spec: { containers: [{ name: 'main', image: 'busybox:1.36' }] } },
    },
  };
}

/** The server's view, reduced to what the rows must agree on. */
function serverView(): Record<string, unknown> {
  const view: Record<string, unknown> = {};
  for (const ds of sandbox.api.list('daemonsets')) {
    const s = ds.status ?? {};
    view[`${ds.metadata.namespace}/${ds.metadata.name}`] = {
      uid: ds.metadata.uid,
      generation: ds.metadata.generation,
      desired: s.desiredNumberScheduled ?? 0,
      available: s.numberAvailable ?? 0,
      updated: s.updatedNumberScheduled ?? 0,
    };
  }
  return view;
}

function clientView(): Record<string, unknown> {
  const view: Record<string, unknown> = {};
  for (const row of folder.rows.values()) {
    view[row.key] = {
      uid: row.uid,
      generation: row.generation,
      desired: row.status.desired,
      available: row.status.available,
      updated: row.status.updated,
    };
  }
  return view;
}

async function expectConverged(what: string): Promise<void> {
  await waitFor(() => JSON.stringify(sorted(clientView())) === JSON.stringify(sorted(serverView())), 20_000, what);
  expect(sorted(clientView())).toEqual(sorted(serverView()));
}

const sorted = (view: Record<string, unknown>): Record<string, unknown> =>
  Object.fromEntries(Object.entries(view).sort(([a], [b]) => a.localeCompare(b)));

beforeAll(async () => {
  sandbox = await startSandbox({ speed: 25, nodes: 3, bookmarkIntervalMs: 60_000 });
  const { file } = kubeconfigFileOf(sandbox);
  ({ backend } = await backendFor([file], {
    tuning: { livenessMs: LIVENESS_MS, backoffBaseMs: 50, backoffMaxMs: 400, flushMs: 50, requestTimeoutMs: 5000 },
  }));
  client = new Client(backend);
  const kc = new KubeConfig();
  kc.loadFromString(sandbox.kubeconfig);
  apps = kc.makeApiClient(AppsV1Api);
  await connectedContext(client);
  const subscriptionId = await client.open('daemonSets', 'sandbox-admin', '*');
  folder = client.folder(subscriptionId);
  await waitFor(() => folder.synced, 15_000, 'first batch');
});

afterAll(async () => {
  await backend?.dispose();
  await sandbox?.stop();
});

describe('watch manager under faults', () => {
  it('recovers from dropped connections without losing changes', async () => {
    for (let round = 0; round < 3; round++) {
      // Cut the streams while they are open (between rounds they may still be reconnecting).
      await waitFor(() => sandbox.faults.dropWatches() > 0, 5000, 'an open watch to drop');
      await apps.createNamespacedDaemonSet({ namespace: 'default', body: daemonSet(`after-drop-${round}`, 'default') });
    }
    await apps.deleteNamespacedDaemonSet({ namespace: 'default', name: 'after-drop-1' });
    await expectConverged('rows equal to the server after drops');
    expect(folder.rows.has('default/after-drop-1')).toBe(false);
  });

  it('catches a silent stall with the liveness timer and ends equal once the stream flows again', async () => {
    sandbox.faults.stallWatches();
    await apps.createNamespacedDaemonSet({ namespace: 'default', body: daemonSet('during-stall', 'default') });
    // Longer than the liveness window: the stalled streams are abandoned and watched again from the last version.
    await new Promise((resolve) => setTimeout(resolve, LIVENESS_MS * 2.5));
    expect(folder.rows.has('default/during-stall')).toBe(false);
    sandbox.faults.releaseWatches();
    await expectConverged('rows equal to the server after a stall');
    expect(folder.rows.has('default/during-stall')).toBe(true);
  });

  it('relists after 410 Expired and sends only the real differences', async () => {
    sandbox.faults.stallWatches();
    await apps.createNamespacedDaemonSet({ namespace: 'default', body: daemonSet('after-compaction', 'default') });
    await apps.deleteNamespacedDaemonSet({ namespace: 'default', name: 'after-drop-0' });
    sandbox.faults.compactHistory();
    // Drop the stalled streams: the informer re-watches from a version the server no longer has, gets 410, relists.
    sandbox.faults.releaseWatches();
    sandbox.faults.dropWatches();
    const before = folder.deltas.length;
    await expectConverged('rows equal to the server after compaction');
    const after = folder.deltas.slice(before);
    expect(after.every((d) => !d.reset)).toBe(true);
    const upserted = new Set(after.flatMap((d) => d.upserts.map((r) => r.key)));
    // The seeded DaemonSets did not change: a relist must not resend them.
    expect(upserted.has('monitoring/node-exporter')).toBe(false);
    expect(after.flatMap((d) => d.removals)).toContain('default/after-drop-0');
  });

  it('keeps going through failing requests (500) with backoff', async () => {
    // The informers' relists and re-watches hit the injected 500s and retry with backoff.
    sandbox.faults.failNext(8, 500);
    sandbox.faults.dropWatches();
    // Our own client retries too, until the injected failures are used up.
    await waitFor(
      async () =>
        apps.createNamespacedDaemonSet({ namespace: 'default', body: daemonSet('after-errors', 'default') }).then(
          () => true,
          () => sandbox.api.get('daemonsets', 'default', 'after-errors') !== undefined,
        ),
      10_000,
      'the create to go through',
    );
    await expectConverged('rows equal to the server after 500s');
  });
});
