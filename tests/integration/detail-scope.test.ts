// A detail page watches one DaemonSet's pods by its own selector: with a few hundred pods of other DaemonSets in the
// same namespace, the page's pod informer holds (and so was sent) only that DaemonSet's pods, and its DaemonSet
// informer only that DaemonSet (a field selector on its name).
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DaemonSetDetail } from '../../electron/contract/index.js';
import { applyDetail } from '../../common/detail-delta.js';
import { DetailSubscription } from '../../electron/backend/live/daemonset-detail.js';
import { KubeconfigStore } from '../../electron/backend/kubeconfig/store.js';
import { ContextSession } from '../../electron/backend/session/session.js';
import { KINDS } from '../../electron/backend/kinds/kinds.js';
import { watchKey } from '../../electron/backend/kinds/source.js';
import { WatchManager } from '../../electron/backend/watch/manager.js';
import { startSandbox, type SandboxHandle } from '../../electron/sandbox-cluster/index.js';
import { tempDir, waitFor } from './backend-harness.js';

const NODES = 60;
let sandbox: SandboxHandle;
let store: KubeconfigStore;
let session: ContextSession;
const manager = new WatchManager({ livenessMs: 5000, backoffBaseMs: 50, backoffMaxMs: 500 });

function daemonSet(name: string): Parameters<SandboxHandle['api']['create']>[1] {
  return {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: { name, namespace: 'team-b' },
    spec: {
      selector: { matchLabels: { app: name } },
      template: {
        metadata: { labels: { app: name } },
        spec: { tolerations: [{ operator: 'Exists' }], containers: [{ name: 'a', image: 'busybox:1.36' }] },
      },
    },
  };
}

beforeAll(async () => {
  sandbox = await startSandbox({ speed: 25, nodes: NODES });
  // Pods only need to exist: the kubelets stay paused so that running them costs nothing.
  sandbox.kubelets.pause();
  const file = path.join(tempDir('everynode-kc-'), 'config');
  fs.writeFileSync(file, sandbox.kubeconfig, { mode: 0o600 });
  store = new KubeconfigStore({ kubeconfigEnv: file, homeDir: path.dirname(file) });
  await store.load();
  const resolved = store.resolve('sandbox-admin');
  if (!resolved) throw new Error('no admin context');
  session = await ContextSession.create(resolved, resolved.user?.body, 5000);
  for (const name of ['crowd-1', 'crowd-2', 'crowd-3', 'crowd-4', 'agent']) {
    sandbox.api.create('daemonsets', daemonSet(name));
  }
  await waitFor(() => sandbox.api.list('pods', 'team-b').length >= 5 * NODES, 60_000, 'a few hundred pods');
}, 90_000);

afterAll(async () => {
  manager.stopAll();
  store?.dispose();
  await sandbox?.stop();
});

describe('detail watch scope', () => {
  it('holds only the opened DaemonSet pods, watched by its selector', async () => {
    let last: DaemonSetDetail | undefined;
    const sub = new DetailSubscription({
      session,
      manager,
      namespace: 'team-b',
      name: 'agent',
      flushMs: 50,
      emit: (delta) => (last = applyDetail(last ?? null, delta)),
    });
    sub.start();
    await waitFor(() => last?.state === 'ok' && last.pods.length === NODES, 20_000, 'agent pods');
    const podKeys = manager.keys().filter((k) => k.includes('"pods"'));
    expect(podKeys).toEqual([watchKey(session, KINDS.pods, { namespace: 'team-b', labelSelector: 'app=agent' })]);
    const informer = manager.acquire(podKeys[0] as string, session.name, () => {
      throw new Error('the informer should already exist');
    });
    // What the API server sent: NODES pods of 5 * NODES in the namespace.
    expect(informer.informer.snapshot()).toHaveLength(NODES);
    expect(sandbox.api.list('pods', 'team-b').length).toBeGreaterThanOrEqual(5 * NODES);
    informer.dispose();
    const dsKeys = manager.keys().filter((k) => k.includes('"daemonsets.apps"'));
    expect(dsKeys).toEqual([
      watchKey(session, KINDS.daemonsets, { namespace: 'team-b', fieldSelector: 'metadata.name=agent' }),
    ]);
    const dsInformer = manager.acquire(dsKeys[0] as string, session.name, () => {
      throw new Error('the informer should already exist');
    });
    expect(dsInformer.informer.snapshot().map((d) => d.metadata?.name)).toEqual(['agent']);
    dsInformer.dispose();
    sub.dispose();
    expect(manager.keys()).toEqual([]);
  }, 30_000);
});
