// The fleet's opted-in contexts against a real sandbox (issue 15 points 3 and 6): remembered across a restart by name,
// each connected when a window exists; one whose credentials run a program connects then only if that exact program
// is already allowed, otherwise it waits for consent and the program never runs (a marker file proves it).
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml, stringify } from 'yaml';
import { startSandbox, type SandboxHandle } from '../../electron/sandbox-cluster/index.js';
import type { Backend } from '../../electron/backend/index.js';
import { backendFor, Client, contextOfRole, tempDir, waitFor } from './backend-harness.js';
import { kubectlOutput } from './kubectl.js';
import { daemonSetYaml } from '../support/manifests.js';

interface Doc {
  clusters: { name: string; cluster: Record<string, unknown> }[];
  users: { name: string; user: { exec?: { command: string; args?: string[] } & Record<string, unknown> } }[];
  contexts: { name: string; context: { cluster: string; user: string } }[];
}

let sandbox: SandboxHandle;
let file: string;
let admin: string;
let developer: string;
const stateDir = path.join(tempDir('everynode-fleet-state-'), 'state');
const marker = path.join(tempDir('everynode-fleet-marker-'), 'ran');
const backends: Backend[] = [];
// A server that accepts connections and never answers (not even the TLS handshake): the `silent` context's.
const held: net.Socket[] = [];
const silent = net.createServer((socket) => held.push(socket));

async function start(allowPrograms: string[] = []): Promise<Client> {
  const { backend } = await backendFor([file], { stateDir, allowPrograms });
  backends.push(backend);
  return new Client(backend);
}
const stateOf = async (client: Client, context: string) =>
  (await client.services.clusters.getState()).connections[context]?.state;

beforeAll(async () => {
  sandbox = await startSandbox({ speed: 25, nodes: 2 });
  const doc = parseYaml(sandbox.kubeconfig) as Doc;
  admin = contextOfRole(sandbox.kubeconfig, 'admin');
  developer = contextOfRole(sandbox.kubeconfig, 'developer');
  const operator = doc.users.find((u) => u.name.endsWith('-operator'));
  const exec = operator?.user.exec;
  if (!operator || !exec) throw new Error('the sandbox kubeconfig has no exec user');
  const run = [exec.command, ...(exec.args ?? [])].map((s) => `'${s}'`).join(' ');
  doc.users.push({
    name: 'marking',
    user: { exec: { ...exec, command: '/bin/sh', args: ['-c', `touch '${marker}'; exec ${run}`] } },
  });
  doc.contexts.push({ name: 'marking', context: { cluster: doc.clusters[0]?.name ?? '', user: 'marking' } });
  await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
  const { port } = silent.address() as net.AddressInfo;
  doc.clusters.push({ name: 'silent', cluster: { ...doc.clusters[0]?.cluster, server: `https://127.0.0.1:${port}` } });
  doc.users.push({ name: 'silent', user: { token: 'not-a-secret' } } as Doc['users'][number]);
  doc.contexts.push({ name: 'silent', context: { cluster: 'silent', user: 'silent' } });
  // The active context is another one: the fleet's contexts connect because they are opted in, not as the active one.
  file = path.join(tempDir('everynode-fleet-kc-'), 'config');
  fs.writeFileSync(file, stringify({ ...doc, 'current-context': developer }), { mode: 0o600 });
});

afterAll(async () => {
  for (const backend of backends) await backend.dispose();
  for (const socket of held) socket.destroy();
  silent.close();
  await sandbox.stop();
});

describe('the fleet backend', () => {
  it('opting in connects through the consent gate: a program not allowed never runs', async () => {
    const client = await start();
    expect((await client.services.fleet.getState()).optedIn).toEqual([]);
    await expect(client.services.fleet.setOptIn('no-such-context', true)).rejects.toMatchObject({ code: 'not-found' });
    expect((await client.services.fleet.setOptIn(admin, true)).optedIn).toEqual([admin]);
    expect(await stateOf(client, admin)).toBe('connected');
    expect((await client.services.fleet.setOptIn('marking', true)).optedIn).toEqual([admin, 'marking']);
    expect(await stateOf(client, 'marking')).toBe('needs-consent');
    expect(fs.existsSync(marker)).toBe(false);
    // The opted-in context serves the fleet's stream although it is not the active one.
    const id = await client.open('daemonSets', admin, '*');
    await waitFor(() => client.folder(id).synced, 15_000, 'the fleet column list');
    expect(client.folder(id).rows.size).toBeGreaterThan(0);
    await backends.pop()?.dispose();
  });

  it('after a restart the opted-in contexts connect once a window exists; the program still waits', async () => {
    const client = await start();
    expect((await client.services.fleet.getState()).optedIn).toEqual([admin, 'marking']);
    await waitFor(async () => (await stateOf(client, admin)) === 'connected', 15_000, 'the opted-in context');
    await waitFor(async () => (await stateOf(client, 'marking')) === 'needs-consent', 15_000, 'consent');
    expect(fs.existsSync(marker)).toBe(false);
    expect((await client.services.clusters.getState()).activeContext).toBe(developer);
    await backends.pop()?.dispose();
  });

  it('a program already allowed runs at start-up; opting out is remembered', async () => {
    const client = await start(['/bin/sh']);
    await waitFor(async () => (await stateOf(client, 'marking')) === 'connected', 15_000, 'the allowed program');
    expect(fs.existsSync(marker)).toBe(true);
    expect((await client.services.fleet.setOptIn('marking', false)).optedIn).toEqual([admin]);
    await backends.pop()?.dispose();
    expect((await (await start()).services.fleet.getState()).optedIn).toEqual([admin]);
  });

  it('a context whose server never answers says it timed out after N s; the other column stays live', async () => {
    const tuning = { livenessMs: 3000, backoffBaseMs: 100, backoffMaxMs: 1000, flushMs: 50, requestTimeoutMs: 3000 };
    const { backend } = await backendFor([file], { stateDir, tuning });
    backends.push(backend);
    const client = new Client(backend);
    await waitFor(async () => (await stateOf(client, admin)) === 'connected', 15_000, 'the opted-in context');
    const id = await client.open('daemonSets', admin, '*');
    await waitFor(() => client.folder(id).synced, 15_000, 'the admin column');
    const optIn = client.services.fleet.setOptIn('silent', true);
    // While the silent server holds its connection, the admin column follows its cluster.
    await waitFor(async () => (await stateOf(client, 'silent')) === 'connecting', 5_000, 'silent connecting');
    const manifest = path.join(tempDir('everynode-fleet-ds-'), 'ds.yaml');
    fs.writeFileSync(manifest, daemonSetYaml('while-silent', 'default', 'containers: [{ name: c, image: busybox }]'));
    await kubectlOutput(['--context', admin, 'apply', '-f', manifest], file);
    await waitFor(() => client.folder(id).rows.has('default/while-silent'), 15_000, 'the new DaemonSet in the column');
    await optIn;
    await waitFor(async () => (await stateOf(client, 'silent')) === 'unreachable', 15_000, 'silent timed out');
    const connection = (await client.services.clusters.getState()).connections.silent;
    expect(connection?.message).toContain('timed out after 3 s');
    expect(connection?.message).not.toContain('not-a-secret');
    expect(await stateOf(client, admin)).toBe('connected');
    await client.services.fleet.setOptIn('silent', false);
  });
});
