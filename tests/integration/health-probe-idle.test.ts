// Finding 9, the other half: an idle cluster whose watches hear only bookmarks is answering, so the health probe must
// not ask it every interval. Every watch of the context counts (bookmarks included); the probe asks only once all of
// them have been silent for its interval. Requests are counted as Node sends them (http.client.request.start), and the
// test waits for a number of bookmarks, never for a duration.
import diagnostics from 'node:diagnostics_channel';
import type { ClientRequest } from 'node:http';
import { KubeConfig, Watch } from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Backend } from '../../electron/backend/index.js';
import { startSandbox, type SandboxHandle } from '../../electron/sandbox-cluster/index.js';
import { backendFor, Client, connectedContext, kubeconfigFileOf, waitFor } from './backend-harness.js';

const PROBE_INTERVAL_MS = 600;
let sandbox: SandboxHandle;
let backend: Backend;
let client: Client;
let probes = 0;
const countProbes = (message: unknown): void => {
  const { request } = message as { request: ClientRequest };
  if (request.path.startsWith('/readyz')) probes += 1;
};

beforeAll(async () => {
  // Bookmarks far more often than the probe's interval: the watches are never silent that long.
  sandbox = await startSandbox({ speed: 25, nodes: 1, bookmarkIntervalMs: 50 });
  const { file } = kubeconfigFileOf(sandbox);
  ({ backend } = await backendFor([file], {
    tuning: { probeIntervalMs: PROBE_INTERVAL_MS, probeTimeoutMs: 5000, requestTimeoutMs: 5000 },
  }));
  client = new Client(backend);
  diagnostics.subscribe('http.client.request.start', countProbes);
}, 60_000);

afterAll(async () => {
  diagnostics.unsubscribe('http.client.request.start', countProbes);
  await backend?.dispose();
  await sandbox?.stop();
});

describe('the health probe of an idle cluster', () => {
  it('does not ask while bookmarks keep arriving on the watches, and asks once they stop', async () => {
    const context = await connectedContext(client);
    const subscriptionId = await client.open('daemonSets', context, 'default');
    const folder = client.folder(subscriptionId);
    await waitFor(() => folder.synced, 20_000, 'the first rows');

    // A witness watch of its own counts the bookmarks the sandbox sends: 60 of them are about three seconds, several
    // probe intervals, none of them silent for the backend's watches either.
    let bookmarks = 0;
    const kc = new KubeConfig();
    kc.loadFromString(sandbox.kubeconfig);
    const witness = await new Watch(kc).watch(
      '/apis/apps/v1/namespaces/default/daemonsets',
      { allowWatchBookmarks: true },
      (type) => {
        if (type === 'BOOKMARK') bookmarks += 1;
      },
      () => undefined,
    );
    probes = 0;
    try {
      await waitFor(() => bookmarks >= 60, 30_000, 'bookmarks');
    } finally {
      witness.abort();
    }
    expect(probes).toBe(0);
    expect((await client.services.clusters.getState()).connection.state).toBe('connected');

    // No watch left: silence, so the probe asks again.
    await client.services.streams.dispose(subscriptionId);
    await waitFor(() => probes > 0, 30_000, 'a probe once the watches are gone');
    expect((await client.services.clusters.getState()).connection.state).toBe('connected');
  });
});
