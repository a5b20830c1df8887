// The backend's shell (issue 16) on a real sandbox over HTTPS: client-node's WebSocket exec with a tty, keystrokes
// in, output out, a resize the shell sees, the exit code, a pod deleted under it, the end on a context switch, and a
// user without the verbs refused with their names.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExecChunk } from '../../electron/contract/index.js';
import { startSandbox, type SandboxHandle } from '../../electron/sandbox-cluster/index.js';
import type { Backend } from '../../electron/backend/index.js';
import {
  backendFor,
  Client,
  connectedContext,
  contextOfRole,
  kubeconfigFileOf,
  secretsOf,
  waitFor,
} from './backend-harness.js';

let sandbox: SandboxHandle;
let backend: Backend;
let client: Client;
let admin: string;
const NS = 'team-a';
const size = { cols: 80, rows: 24 };

const pod = (name: string) => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, namespace: NS },
  spec: { nodeName: 'worker-1', containers: [{ name: 'agent', image: 'example.org/agent:1.0' }] },
});
const running = (name: string) => sandbox.api.get('pods', NS, name)?.status?.phase === 'Running';
const chunks = (id: string): ExecChunk[] => client.deltas(id, 'exec');
const screen = (id: string): string =>
  chunks(id)
    .map((c) => c.output)
    .join('');
const endOf = (id: string) => chunks(id).find((c) => c.end)?.end;

beforeAll(async () => {
  sandbox = await startSandbox({ speed: 25, nodes: 2 });
  ({ backend } = await backendFor([kubeconfigFileOf(sandbox, 'everynode-shell-').file]));
  client = new Client(backend);
  admin = await connectedContext(client);
  sandbox.api.create('pods', pod('shell-a'));
  sandbox.api.create('pods', pod('shell-b'));
  await waitFor(() => running('shell-a') && running('shell-b'), 20_000, 'pods running');
});

afterAll(async () => {
  // Everything a renderer was sent (the shells' frames included) holds no byte of any credential.
  const sent = JSON.stringify(client.events);
  for (const secret of secretsOf(sandbox.kubeconfig)) expect(sent.includes(secret)).toBe(false);
  await backend.dispose();
  await sandbox.stop();
});

describe('a shell in a pod through the backend', () => {
  it('runs what is typed, follows a resize and ends with the exit code', async () => {
    expect(await client.services.exec.access(admin, NS)).toEqual({ allowed: true, missing: [] });
    const id = await client.open('exec', admin, NS, 'shell-a', 'agent', size);
    await client.services.exec.input(id, 'hostname\n');
    await waitFor(() => screen(id).includes('shell-a'), 5_000, 'hostname output');
    await client.services.exec.resize(id, 132, 43);
    await client.services.exec.input(id, 'stty size\n');
    await waitFor(() => screen(id).includes('43 132'), 5_000, 'the new size');
    await client.services.exec.input(id, 'exit 3\n');
    await waitFor(() => client.ended(id), 5_000, 'the end');
    expect(endOf(id)).toEqual({ reason: 'exited', code: 3 });
    await expect(client.services.exec.input(id, 'x')).rejects.toMatchObject({ code: 'not-found' });
  });

  it('says the pod was deleted when it goes away under the shell', async () => {
    const id = await client.open('exec', admin, NS, 'shell-b', 'agent', size);
    await client.services.exec.input(id, 'pwd\n');
    await waitFor(() => screen(id).includes('/'), 5_000, 'a prompt');
    sandbox.api.delete('pods', NS, 'shell-b', { gracePeriodSeconds: 0 });
    await waitFor(() => client.ended(id), 5_000, 'the end');
    expect(endOf(id)).toEqual({ reason: 'pod-deleted' });
  });

  it('ends on a context switch, and refuses a user without the verbs, naming them', async () => {
    const id = await client.open('exec', admin, NS, 'shell-a', 'agent', size);
    const developer = contextOfRole(sandbox.kubeconfig, 'developer');
    await client.services.clusters.switchContext(developer);
    await waitFor(() => client.ended(id), 5_000, 'the end');
    expect(endOf(id)).toEqual({ reason: 'closed', message: `The context changed to "${developer}".` });
    await expect(client.services.exec.input(id, 'hostname\n')).rejects.toMatchObject({ code: 'not-found' });

    const access = await client.services.exec.access(developer, NS);
    expect(access).toMatchObject({ allowed: false });
    expect(access.missing).toContain('create');
    await expect(client.open('exec', developer, NS, 'shell-a', 'agent', size)).rejects.toMatchObject({
      code: 'forbidden',
      message: expect.stringContaining('resource "pods/exec" in namespace "team-a"'),
    });
  });
});
