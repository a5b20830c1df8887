// Managing kubeconfig sources through the backend (issue 12, point 4), against a sandbox over real HTTPS. The file
// names its CA by path: after the CA file changes, picking the file again (the desktop app's dialog) or Reload must
// connect with the new CA even though the kubeconfig's own text is the same — it used to stay on the TLS error.
// Removing the file disconnects its context; its path is remembered across a restart of the backend until removed.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { parse as parseYaml, stringify } from 'yaml';
import type { Backend, BackendOptions } from '../../electron/backend/index.js';
import { createBackend } from '../../electron/backend/index.js';
import { startSandbox, type SandboxHandle } from '../../electron/sandbox-cluster/index.js';
import { Client, contextOfRole, tempDir, waitFor } from './backend-harness.js';

interface Doc {
  clusters: { name: string; cluster: Record<string, string> }[];
  users: { name: string; user: Record<string, string> }[];
}

let sandbox: SandboxHandle;
let ADMIN: string;
let rightCa: Buffer;
let wrongCa: Buffer;
const dir = tempDir('everynode-sources-');
const file = path.join(dir, 'config');
const caFile = path.join(dir, 'ca.crt');
const options: BackendOptions = {
  kubeconfigEnv: '',
  homeDir: path.join(dir, 'home'),
  sandbox: 'off',
  stateDir: path.join(dir, 'state'),
  tuning: { livenessMs: 3000, backoffBaseMs: 100, backoffMaxMs: 1000, flushMs: 50, requestTimeoutMs: 5000 },
};
const backends: Backend[] = [];

async function start(kubeconfigFiles: string[] = []): Promise<{ backend: Backend; client: Client }> {
  const backend = await createBackend({ ...options, kubeconfigFiles });
  backends.push(backend);
  return { backend, client: new Client(backend) };
}

const settledState = async (client: Client, context: string) => {
  let state = (await client.services.clusters.getState()).connections[context]?.state;
  await waitFor(async () => {
    state = (await client.services.clusters.getState()).connections[context]?.state;
    return state !== undefined && state !== 'connecting';
  });
  return state;
};

beforeAll(async () => {
  sandbox = await startSandbox({ speed: 25, nodes: 2 });
  ADMIN = contextOfRole(sandbox.kubeconfig, 'admin');
  const doc = parseYaml(sandbox.kubeconfig) as Doc;
  const cluster = doc.clusters[0]?.cluster ?? {};
  rightCa = Buffer.from(cluster['certificate-authority-data'] ?? '', 'base64');
  // A real certificate, but not the one that signed the server's: the handshake fails.
  const developer = doc.users.find((u) => u.user['client-certificate-data'] !== undefined);
  wrongCa = Buffer.from(developer?.user['client-certificate-data'] ?? '', 'base64');
  delete cluster['certificate-authority-data'];
  cluster['certificate-authority'] = 'ca.crt';
  fs.writeFileSync(caFile, wrongCa);
  fs.writeFileSync(file, stringify(doc), { mode: 0o600 });
});

afterAll(async () => {
  for (const backend of backends) await backend.dispose();
  await sandbox?.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

it('a file whose CA file changed connects again when picked again or reloaded, with the same kubeconfig text', async () => {
  const { backend, client } = await start([file]);
  await client.services.clusters.switchContext(ADMIN);
  expect(await settledState(client, ADMIN)).not.toBe('connected');

  fs.writeFileSync(caFile, rightCa);
  await backend.addKubeconfigPath(file);
  expect(await settledState(client, ADMIN)).toBe('connected');
  const state = await client.services.clusters.getState();
  expect(state.sources.map((s) => s.label)).toEqual([file]);

  const id = state.sources[0]?.id ?? '';
  fs.writeFileSync(caFile, wrongCa);
  await client.services.clusters.reloadKubeconfig(id);
  expect(await settledState(client, ADMIN)).not.toBe('connected');
  fs.writeFileSync(caFile, rightCa);
  await client.services.clusters.reloadKubeconfig(id);
  expect(await settledState(client, ADMIN)).toBe('connected');
  await backend.dispose();
});

it('a change to the CA file alone is noticed: its contexts reconnect with it, without a reload', async () => {
  const { backend, client } = await start([file]);
  await client.services.clusters.switchContext(ADMIN);
  expect(await settledState(client, ADMIN)).toBe('connected');
  fs.writeFileSync(caFile, wrongCa);
  await waitFor(async () => (await client.services.clusters.getState()).connections[ADMIN]?.state === 'unreachable');
  fs.writeFileSync(caFile, rightCa);
  await waitFor(async () => (await client.services.clusters.getState()).connections[ADMIN]?.state === 'connected');
  await backend.dispose();
});

it('the file is remembered by path across a restart; removing it disconnects its context and forgets it; a file picked in the dialog is remembered', async () => {
  const { backend, client } = await start();
  const state = await client.services.clusters.getState();
  expect(state.sources).toMatchObject([{ label: file, kind: 'added', remembered: true }]);
  expect(JSON.parse(fs.readFileSync(path.join(dir, 'state', 'kubeconfigs.json'), 'utf8'))).toEqual({
    version: 1,
    paths: [file],
  });
  await client.services.clusters.switchContext(ADMIN);
  expect(await settledState(client, ADMIN)).toBe('connected');

  const removed = await client.services.clusters.removeKubeconfig(state.sources[0]?.id ?? '');
  expect(removed.sources).toEqual([]);
  expect(removed.connections).toEqual({});
  expect(removed.activeContext).toBeNull();
  await expect(client.services.projects.getState(ADMIN)).rejects.toThrow(/not defined in any kubeconfig/);
  await backend.dispose();

  const again = await start();
  expect((await again.client.services.clusters.getState()).sources).toEqual([]);
  // Picked in the desktop app's file dialog: remembered the same way.
  await again.backend.addKubeconfigPath(file);
  await again.backend.dispose();
  const third = await start();
  expect((await third.client.services.clusters.getState()).sources).toMatchObject([{ label: file, remembered: true }]);
});
