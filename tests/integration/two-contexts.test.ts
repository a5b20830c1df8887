// Several contexts through one backend at once (issue 14): each context has its own session, connection state and
// consent. One sandbox over real HTTPS with two of its users: the admin's plain token, and the operator through the
// sandbox's exec credential plugin (from a file of the user's, so it needs consent first). A counting wrapper around
// the plugin shows exactly when it ran.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml, stringify } from 'yaml';
import type { ClustersState } from '../../electron/contract/index.js';
import type { Backend } from '../../electron/backend/index.js';
import { startSandbox, type SandboxHandle } from '../../electron/sandbox-cluster/index.js';
import { backendFor, Client, connectedContext, contextOfRole, tempDir, waitFor } from './backend-harness.js';

interface Doc {
  contexts: { name: string; context: Record<string, string> }[];
  users: { name: string; user: { exec?: { command: string; args: string[] } } }[];
}

let sandbox: SandboxHandle;
let kubeconfigFile: string;
let ADMIN: string;
let OPS: string;
let DEV: string;
const SPARE = 'spare-admin';
const runsFile = path.join(tempDir('everynode-runs-'), 'runs');
const runs = (): number => (fs.existsSync(runsFile) ? fs.readFileSync(runsFile, 'utf8').length : 0);
const backends: Backend[] = [];

beforeAll(async () => {
  sandbox = await startSandbox({ speed: 25, nodes: 2 });
  ADMIN = contextOfRole(sandbox.kubeconfig, 'admin');
  OPS = contextOfRole(sandbox.kubeconfig, 'operator');
  DEV = contextOfRole(sandbox.kubeconfig, 'developer');
  const doc = parseYaml(sandbox.kubeconfig) as Doc;
  for (const { user } of doc.users) {
    if (!user.exec) continue;
    // The sandbox's own plugin, run through a shell line that counts its runs.
    const [plugin] = user.exec.args;
    user.exec.args = ['-c', `printf x >> '${runsFile}'; exec '${user.exec.command}' '${plugin}'`];
    user.exec.command = '/bin/sh';
  }
  const admin = doc.contexts.find((c) => c.name === ADMIN);
  if (!admin) throw new Error('no admin context');
  doc.contexts.push({ name: SPARE, context: { ...admin.context } });
  kubeconfigFile = path.join(tempDir('everynode-kc-'), 'config');
  fs.writeFileSync(kubeconfigFile, stringify(doc), { mode: 0o600 });
});

afterAll(async () => {
  for (const backend of backends) await backend.dispose();
  await sandbox?.stop();
});

async function clientFor(tuning: Record<string, number> = {}): Promise<Client> {
  const { backend } = await backendFor([kubeconfigFile], {
    tuning: { livenessMs: 3000, backoffBaseMs: 100, backoffMaxMs: 1000, requestTimeoutMs: 5000, ...tuning },
  });
  backends.push(backend);
  const client = new Client(backend);
  expect(await connectedContext(client)).toBe(ADMIN);
  return client;
}

const daemonSet = (name: string) => ({
  apiVersion: 'apps/v1',
  kind: 'DaemonSet',
  metadata: { name, namespace: 'monitoring' },
  spec: {
    selector: { matchLabels: { app: name } },
    template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'main', image: 'nginx:1.27.3' }] } },
  },
});

const key = (name: string) => `monitoring/${name}`;

describe('two contexts through one backend', () => {
  it('stream at the same time, each with its own consent: one waits while the other streams; revoking stops one', async () => {
    const client = await clientFor();
    const { services } = client;
    const admin = client.folder(await client.open('daemonSets', ADMIN, 'monitoring'));
    await waitFor(() => admin.synced && admin.rows.has(key('node-exporter')), 10_000, 'the admin list');

    // Chosen, not active: it waits for consent, runs nothing, and the admin's stream goes on meanwhile.
    const waiting = await services.clusters.connect(OPS);
    expect(waiting.activeContext).toBe(ADMIN);
    expect(waiting.connections[ADMIN]).toEqual({ state: 'connected' });
    expect(waiting.connections[OPS]?.state).toBe('needs-consent');
    const [request, ...others] = await services.consent.pending();
    expect(others).toEqual([]);
    expect(request).toMatchObject({ context: OPS, file: kubeconfigFile, denied: false });
    await expect(client.open('daemonSets', OPS, 'monitoring')).rejects.toMatchObject({ code: 'unreachable' });
    await services.daemonsets.create(ADMIN, 'monitoring', daemonSet('while-waiting'), { dryRun: false });
    await waitFor(() => admin.rows.has(key('while-waiting')), 10_000, 'the admin stream while the operator waits');
    expect(runs()).toBe(0);

    // Allowed: the operator connects beside the admin, and both stream the same namespace at once.
    const allowed = await services.consent.decide(request?.id ?? '', true);
    expect(allowed.activeContext).toBe(ADMIN);
    expect(allowed.connections).toMatchObject({ [ADMIN]: { state: 'connected' }, [OPS]: { state: 'connected' } });
    expect(runs()).toBeGreaterThan(0);
    const opsStream = await client.open('daemonSets', OPS, 'monitoring');
    const ops = client.folder(opsStream);
    await waitFor(() => ops.synced && ops.rows.has(key('while-waiting')), 10_000, 'the operator list');
    await services.daemonsets.create(OPS, 'monitoring', daemonSet('both-see'), { dryRun: false });
    await waitFor(
      () => admin.rows.has(key('both-see')) && ops.rows.has(key('both-see')),
      10_000,
      'both streams showing the operator’s DaemonSet',
    );
    expect([...ops.rows.keys()].sort()).toEqual([...admin.rows.keys()].sort());

    // Revoked: only the operator stops (its stream ends, it asks again); the admin streams on, and nothing ran.
    const adminSeen = admin.deltas.length;
    await services.consent.revoke(request?.id ?? '');
    const revoked = await services.clusters.getState();
    expect(revoked.connections[OPS]?.state).toBe('needs-consent');
    expect(revoked.connections[ADMIN]).toEqual({ state: 'connected' });
    await waitFor(() => ops.error?.code === 'unsupported', 5000, 'the end of the operator stream');
    expect(client.ended(opsStream)).toBe(true);
    expect(await services.consent.pending()).toEqual([expect.objectContaining({ context: OPS, denied: false })]);
    const ranBefore = runs();
    await services.daemonsets.create(ADMIN, 'monitoring', daemonSet('after-revoke'), { dryRun: false });
    await waitFor(() => admin.rows.has(key('after-revoke')), 10_000, 'the admin stream after the revocation');
    expect(admin.error).toBeUndefined();
    // The admin's session was not replaced: its stream went on without starting over.
    expect(admin.deltas.slice(adminSeen).some((d) => d.reset)).toBe(false);
    expect(ops.rows.has(key('after-revoke'))).toBe(false);
    expect(runs()).toBe(ranBefore);
    await expect(services.projects.getState(OPS)).rejects.toMatchObject({ code: 'unreachable' });
  }, 60_000);

  it('refuses a context never chosen, running nothing for it', async () => {
    const client = await clientFor();
    const before = runs();
    await expect(client.open('daemonSets', OPS, 'monitoring')).rejects.toMatchObject({
      code: 'invalid-argument',
      message: `Context "${OPS}" is not connected; choose it first.`,
    });
    await expect(client.services.projects.getState('no-such-context')).rejects.toMatchObject({ code: 'not-found' });
    expect((await client.services.clusters.getState()).connections[OPS]).toBeUndefined();
    expect(await client.services.consent.pending()).toEqual([]);
    expect(runs()).toBe(before);
  });

  it('closes an idle session, keeps one with an open stream and the active one, and reconnects when used', async () => {
    const client = await clientFor({ idleSessionMs: 300 });
    const { services } = client;
    await services.clusters.connect(DEV);
    const devStream = await client.open('daemonSets', DEV, 'team-a');
    const dev = client.folder(devStream);
    await waitFor(() => dev.synced, 10_000, 'the developer list');
    // Connected last, used by nobody: it closes first, by which time the others were idle as long.
    await services.clusters.connect(SPARE);
    const closed = (state: ClustersState) => state.connections[SPARE]?.state === 'not-connected';
    await waitFor(async () => closed(await services.clusters.getState()), 10_000, 'the idle close');
    const state = await services.clusters.getState();
    expect(state.connections[SPARE]?.message).toBe(
      `Context "${SPARE}" was not used for 0.3 s and was disconnected; it connects again when used.`,
    );
    expect(state.connections[DEV]).toEqual({ state: 'connected' });
    expect(state.connections[ADMIN]).toEqual({ state: 'connected' });
    expect(dev.error).toBeUndefined();

    // Used again: the call connects it and is answered.
    const seen = client.events.length;
    expect((await services.projects.getState(SPARE)).context).toBe(SPARE);
    const after = client.events.slice(seen).map((e) => e.payload as ClustersState);
    expect(after.some((s) => s.connections?.[SPARE]?.state === 'connected')).toBe(true);

    // Its stream ended, the developer's session closes too; a new stream connects it again.
    await services.streams.dispose(devStream);
    await waitFor(
      async () => (await services.clusters.getState()).connections[DEV]?.state === 'not-connected',
      10_000,
      'the developer session closing',
    );
    const again = client.folder(await client.open('daemonSets', DEV, 'team-a'));
    await waitFor(() => again.synced, 10_000, 'the developer list again');
  }, 60_000);
});
