// Pods are watched only for DaemonSets that are not settled, with the DaemonSet's own selector, and the watch stops
// when the DaemonSet settles or goes away; informers are shared and stopped on the last release.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type SandboxHandle } from '../../electron/sandbox-cluster/index.js';
import type { DaemonSetDelta } from '../../electron/contract/index.js';
import { KubeconfigStore } from '../../electron/backend/kubeconfig/store.js';
import { ContextSession } from '../../electron/backend/session/session.js';
import { DaemonSetSubscription } from '../../electron/backend/live/daemonset-list.js';
import { WatchManager } from '../../electron/backend/watch/manager.js';
import { DeltaFolder, tempDir, waitFor } from './backend-harness.js';

let sandbox: SandboxHandle;
let store: KubeconfigStore;
let session: ContextSession;
const manager = new WatchManager({ livenessMs: 5000, backoffBaseMs: 50, backoffMaxMs: 500 });

function subscription(selection: string, folder: DeltaFolder): DaemonSetSubscription {
  return new DaemonSetSubscription({
    session,
    manager,
    selection,
    windowMs: 50,
    maxBatch: 1000,
    emit: (delta: DaemonSetDelta) => folder.apply(delta),
  });
}

beforeAll(async () => {
  sandbox = await startSandbox({ speed: 25, nodes: 3 });
  const file = path.join(tempDir('everynode-kc-'), 'config');
  fs.writeFileSync(file, sandbox.kubeconfig, { mode: 0o600 });
  store = new KubeconfigStore({ kubeconfigEnv: file, homeDir: path.dirname(file) });
  await store.load();
  const resolved = store.resolve('sandbox-admin');
  if (!resolved) throw new Error('no admin context');
  session = await ContextSession.create(resolved, resolved.user?.body, 5000);
});

afterAll(async () => {
  manager.stopAll();
  store?.dispose();
  await sandbox?.stop();
});

describe('pod watches of a subscription', () => {
  it('watches the pods of an unsettled DaemonSet only until it settles, then releases every informer', async () => {
    const folder = new DeltaFolder();
    const sub = subscription('team-b', folder);
    sub.start();
    await waitFor(() => folder.synced, 10_000, 'first batch');
    expect(sub.watchedPods()).toEqual([]);

    // Kubelets paused: the pods cannot start, so the DaemonSet stays unsettled until we let them.
    sandbox.kubelets.pause();
    sandbox.api.create('daemonsets', {
      apiVersion: 'apps/v1',
      kind: 'DaemonSet',
      metadata: { name: 'agent', namespace: 'team-b' },
      spec: {
        selector: { matchLabels: { app: 'agent', tier: 'node' } },
        template: {
          metadata: { labels: { app: 'agent', tier: 'node' } },
          spec: { containers: [{ name: 'a', image: 'busybox:1.36' }] },
        },
      },
    });
    await waitFor(() => sub.watchedPods().includes('team-b/agent'), 10_000, 'the pod watch');
    const podKeys = manager.keys().filter((k) => k.includes('"pods"'));
    expect(podKeys).toHaveLength(1);
    expect(podKeys[0]).toContain('"team-b"');
    expect(podKeys[0]).toContain('app=agent,tier=node');
    // With it, the namespace's Warning events (FailedCreate, FailedMount, Unhealthy), shared by its DaemonSets.
    expect(manager.keys().filter((k) => k.includes('"warning"'))).toEqual([expect.stringContaining('"team-b"')]);
    sandbox.kubelets.resume();

    await waitFor(
      () => {
        const row = folder.rows.get('team-b/agent');
        return (
          row !== undefined &&
          row.status.desired > 0 &&
          row.status.available === row.status.desired &&
          row.status.updated === row.status.desired
        );
      },
      20_000,
      'the DaemonSet to settle',
    );
    await waitFor(() => sub.watchedPods().length === 0, 5000, 'the pod watch to stop');
    expect(manager.keys().filter((k) => k.includes('"pods"') || k.includes('"warning"'))).toEqual([]);
    expect(folder.rows.get('team-b/agent')?.podIssues).toEqual([]);

    // A second subscriber shares the DaemonSet informer; the last one to leave stops it.
    const other = subscription('team-b', new DeltaFolder());
    other.start();
    expect(manager.size).toBe(2); // daemonsets + resourcequotas of team-b
    sub.dispose();
    expect(manager.size).toBe(2);
    other.dispose();
    expect(manager.size).toBe(0);
  });

  it('drops the pod watch when an unsettled DaemonSet is deleted', async () => {
    const folder = new DeltaFolder();
    const sub = subscription('team-b', folder);
    sub.start();
    await waitFor(() => folder.synced, 10_000);
    sandbox.api.create('daemonsets', {
      apiVersion: 'apps/v1',
      kind: 'DaemonSet',
      metadata: { name: 'stuck', namespace: 'team-b' },
      spec: {
        selector: { matchLabels: { app: 'stuck' } },
        template: {
          metadata: { labels: { app: 'stuck' } },
          spec: { containers: [{ name: 'a', image: 'busybox:does-not-exist' }] },
        },
      },
    });
    await waitFor(() => sub.watchedPods().includes('team-b/stuck'), 10_000, 'the pod watch');
    await waitFor(() => (folder.rows.get('team-b/stuck')?.podIssues.length ?? 0) > 0, 15_000, 'a pod reason');
    sandbox.api.delete('daemonsets', 'team-b', 'stuck');
    await waitFor(() => !folder.rows.has('team-b/stuck'), 10_000, 'the removal');
    expect(sub.watchedPods()).toEqual([]);
    sub.dispose();
    expect(manager.size).toBe(0);
  });
});
