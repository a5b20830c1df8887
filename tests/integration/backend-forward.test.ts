// The backend's port-forward (issue 16) on a real sandbox over HTTPS: a listener on 127.0.0.1 only, /metrics fetched
// through it with Node's fetch, byte counts, a taken port refused with words for the field, a port nothing listens on,
// and the listener gone after Stop, the window (client) closing, a context switch and the backend's disposal; a user
// without the verbs refused with their names. Nothing the renderer is sent holds a credential byte.
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ForwardState } from '../../electron/contract/index.js';
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
import { agentPod, refusesConnections } from './forward-support.js';

let sandbox: SandboxHandle;
let backend: Backend;
let client: Client;
let admin: string;
const NS = 'team-a';
const clients: Client[] = [];
let disposed = false;

const states = (c: Client, id: string): ForwardState[] => c.deltas(id, 'forward');
const last = (c: Client, id: string): ForwardState | undefined => states(c, id).at(-1);
async function started(c: Client, ...args: [pod: string, port: number, localPort: number]): Promise<number> {
  const id = await c.open('forward', admin, NS, ...args);
  await waitFor(() => (last(c, id)?.localPort ?? 0) > 0, 5_000, 'the listener');
  return last(c, id)?.localPort ?? 0;
}

beforeAll(async () => {
  sandbox = await startSandbox({ speed: 25, nodes: 2 });
  ({ backend } = await backendFor([kubeconfigFileOf(sandbox, 'everynode-forward-').file]));
  client = new Client(backend);
  clients.push(client);
  admin = await connectedContext(client);
  sandbox.api.create('pods', agentPod('fwd-a', NS));
  await waitFor(() => sandbox.api.get('pods', NS, 'fwd-a')?.status?.phase === 'Running', 20_000, 'the pod running');
});

afterAll(async () => {
  // Everything a renderer was sent (the forwards' states included) holds no byte of any credential.
  const sent = JSON.stringify(clients.map((c) => c.events));
  expect(sent).toContain('"localPort"');
  for (const secret of secretsOf(sandbox.kubeconfig)) expect(sent.includes(secret)).toBe(false);
  if (!disposed) await backend?.dispose();
  await sandbox?.stop();
});

describe('a port-forward through the backend', () => {
  it('listens on 127.0.0.1 only, serves /metrics through the pod, counts bytes and closes on Stop', async () => {
    expect(await client.services.forward.access(admin, NS)).toEqual({ allowed: true, missing: [] });
    const id = await client.open('forward', admin, NS, 'fwd-a', 9100, 0);
    await waitFor(() => (last(client, id)?.localPort ?? 0) > 0, 5_000, 'the listener');
    const { address, localPort } = last(client, id) ?? { address: '', localPort: 0 };
    expect(address).toBe('127.0.0.1');
    const response = await fetch(`http://127.0.0.1:${String(localPort)}/metrics`);
    const text = await response.text();
    expect(response.status).toBe(200);
    expect(text).toContain('node_uname_info{machine="x86_64",nodename="worker-1"');
    // The connection closed after its one response (Connection: close), and its bytes were counted.
    await waitFor(
      () => last(client, id)?.open === 0 && (last(client, id)?.bytesOut ?? 0) >= text.length,
      5_000,
      'the count',
    );
    expect(last(client, id)?.connections).toBe(1);
    expect(last(client, id)?.bytesIn).toBeGreaterThan(20);
    // Not on the machine's other addresses: only loopback was bound.
    await expect(refusesConnections(localPort, '::1')).resolves.toBe(true);
    await client.services.streams.dispose(id);
    await expect(refusesConnections(localPort)).resolves.toBe(true);
  });

  it('refuses a taken local port with words for the field, and says why a pod port answers nothing', async () => {
    const taken = net.createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const port = (taken.address() as net.AddressInfo).port;
    await expect(client.open('forward', admin, NS, 'fwd-a', 9100, port)).rejects.toMatchObject({
      code: 'conflict',
      message: `Port ${String(port)} on 127.0.0.1 is already in use; choose another port, or leave it empty for a free one.`,
    });
    taken.close();

    const id = await client.open('forward', admin, NS, 'fwd-a', 9999, 0);
    await waitFor(() => (last(client, id)?.localPort ?? 0) > 0, 5_000, 'the listener');
    await expect(fetch(`http://127.0.0.1:${String(last(client, id)?.localPort)}/`)).rejects.toThrow();
    await waitFor(() => last(client, id)?.lastError !== undefined, 5_000, 'the error');
    expect(last(client, id)?.lastError).toContain('connect: connection refused');
    expect(last(client, id)?.end).toBeUndefined();
    await client.services.streams.dispose(id);
  });

  it('ends when its window closes and on a context switch, and refuses a user without the verbs', async () => {
    const window = new Client(backend);
    clients.push(window);
    const closing = await started(window, 'fwd-a', 9100, 0);
    window.session.dispose();
    await expect(refusesConnections(closing)).resolves.toBe(true);

    const id = await client.open('forward', admin, NS, 'fwd-a', 8080, 0);
    await waitFor(() => (last(client, id)?.localPort ?? 0) > 0, 5_000, 'the listener');
    const switched = last(client, id)?.localPort ?? 0;
    expect(await (await fetch(`http://127.0.0.1:${String(switched)}/healthz`)).text()).toBe('ok');
    const developer = contextOfRole(sandbox.kubeconfig, 'developer');
    await client.services.clusters.switchContext(developer);
    await waitFor(() => client.ended(id), 5_000, 'the end');
    expect(last(client, id)?.end).toEqual({ reason: 'closed', message: `The context changed to "${developer}".` });
    await expect(refusesConnections(switched)).resolves.toBe(true);

    expect(await client.services.forward.access(developer, NS)).toEqual({ allowed: false, missing: ['create', 'get'] });
    await expect(client.open('forward', developer, NS, 'fwd-a', 9100, 0)).rejects.toMatchObject({
      code: 'forbidden',
      message: expect.stringContaining('may not create or get resource "pods/portforward" in namespace "team-a"'),
    });
    await client.services.clusters.switchContext(admin);
  });

  it('leaves no listener once the backend is disposed (the host exits)', async () => {
    const lastPort = await started(client, 'fwd-a', 9100, 0);
    disposed = true;
    await backend.dispose();
    await expect(refusesConnections(lastPort)).resolves.toBe(true);
  });
});
