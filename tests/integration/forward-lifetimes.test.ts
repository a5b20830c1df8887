// Lifetimes of shells and forwards (issue 16) that only a whole host or a changing credential shows:
// - the real browser host as a child process, a forward started through its bridge with a connection held open
//   through it: SIGTERM ends the host promptly and no listener is left on 127.0.0.1;
// - credentials that change during a long session (an exec plugin whose token is re-read on every request): a token
//   the plugin renews keeps the shell and the forward going, one the cluster no longer accepts ends both, saying so.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { parse as parseYaml, stringify } from 'yaml';
import type { ExecChunk, ForwardState, StreamEvent } from '../../electron/contract/index.js';
import { startSandbox, type SandboxHandle } from '../../electron/sandbox-cluster/index.js';
import type { Backend } from '../../electron/backend/index.js';
import { backendFor, Client, kubeconfigFileOf, tempDir, waitFor } from './backend-harness.js';
import { agentPod, refusesConnections } from './forward-support.js';
import { signIn } from './web-sign-in.js';

interface Doc {
  clusters: { name: string }[];
  users: { name: string; user: Record<string, unknown> }[];
  contexts: { name: string; context: Record<string, string> }[];
}

let sandbox: SandboxHandle;
const NS = 'team-a';
const children = new Set<ChildProcess>();
const backends: Backend[] = [];

beforeAll(async () => {
  sandbox = await startSandbox({ speed: 25, nodes: 2 });
  sandbox.api.create('pods', agentPod('life-a', NS));
  await waitFor(() => sandbox.api.get('pods', NS, 'life-a')?.status?.phase === 'Running', 20_000, 'the pod');
});

afterAll(async () => {
  for (const child of children) child.kill('SIGKILL');
  for (const backend of backends) await backend.dispose();
  await sandbox?.stop();
});

/** The browser host's CLI as users run it (through tsx), until it prints its address. */
function startHost(kubeconfig: string): Promise<{ child: ChildProcess; url: string; port: number }> {
  const home = tempDir('everynode-life-home-');
  const child = spawn(process.execPath, ['--import', 'tsx', 'electron/web/cli.ts', '--port', '0'], {
    env: { ...process.env, KUBECONFIG: kubeconfig, HOME: home, XDG_CONFIG_HOME: path.join(home, '.config') },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.add(child);
  return new Promise((resolve, reject) => {
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /everynode web: (http:\/\/127\.0\.0\.1:(\d+)\/\?token=\S+)/.exec(output);
      if (match) resolve({ child, url: match[1] ?? '', port: Number(match[2]) });
    });
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) => reject(new Error(`the host exited with ${String(code)}:\n${output}`)));
  });
}

/** A bridge client: calls by channel, and every stream event it hears. */
async function bridge(host: { url: string; port: number }) {
  const cookie = await signIn(host);
  const socket = new WebSocket(`ws://127.0.0.1:${String(host.port)}/bridge`, {
    headers: { Origin: `http://127.0.0.1:${String(host.port)}`, Cookie: cookie },
  });
  const answers = new Map<number, (result: { ok: boolean; value?: unknown }) => void>();
  const events: StreamEvent[] = [];
  socket.on('message', (data) => {
    const message = JSON.parse(String(data)) as {
      type: string;
      id?: number;
      result?: { ok: boolean; value?: unknown };
      event?: string;
      payload?: unknown;
    };
    if (message.type === 'result' && message.id !== undefined)
      answers.get(message.id)?.(message.result ?? { ok: false });
    if (message.type === 'event' && message.event === 'onDidReceiveDelta') events.push(message.payload as StreamEvent);
  });
  await new Promise((resolve) => socket.once('open', resolve));
  let next = 1;
  const call = (channel: string, ...args: unknown[]) =>
    new Promise<{ ok: boolean; value?: unknown }>((resolve) => {
      const id = next++;
      answers.set(id, resolve);
      socket.send(JSON.stringify({ type: 'call', id, channel: `everynode:${channel}`, args }));
    });
  return { socket, call, events };
}

describe('the host exiting', () => {
  it('leaves no forward listening on 127.0.0.1, even with a connection open through it', async () => {
    const host = await startHost(kubeconfigFileOf(sandbox, 'everynode-life-').file);
    const { call, events } = await bridge(host);
    let context = '';
    await waitFor(async () => {
      const state = (await call('clusters.getState')).value as {
        activeContext?: string;
        connection: { state: string };
      };
      context = state.activeContext ?? '';
      return state.connection.state === 'connected';
    }, 15_000);
    const opened = await call('streams.open', 'forward', [context, NS, 'life-a', 9100, 0]);
    expect(opened.ok).toBe(true);
    await waitFor(() => events.some((e) => (e.delta as ForwardState).localPort > 0), 5_000, 'the listener');
    const port = (events.find((e) => (e.delta as ForwardState).localPort > 0)?.delta as ForwardState).localPort;
    expect(await (await fetch(`http://127.0.0.1:${String(port)}/healthz`)).text()).toBe('ok');
    // A client that connected and is still sending its request: the host must not wait for it.
    const held = net.connect({ port, host: '127.0.0.1' });
    await new Promise((resolve) => held.once('connect', resolve));
    held.write('GET /metrics HTTP/1.1\r\n');
    held.on('error', () => undefined);
    const exited = new Promise<number | null>((resolve) => host.child.once('exit', (code) => resolve(code)));
    host.child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(await refusesConnections(port)).toBe(true);
    held.destroy();
  });
});

describe('credentials that change during a long session', () => {
  it('a renewed token keeps the shell and forward; one the cluster refuses ends both, saying so', async () => {
    const dir = tempDir('everynode-life-token-');
    const tokenFile = path.join(dir, 'token');
    const plugin = path.join(dir, 'plugin.sh');
    // Prints the token the file holds, valid for a second: client-node runs it again for the requests after. A shell
    // script rather than Node: it runs in this process's turn (the sandbox's too) for every renewal, so it must be
    // quick even on a busy machine.
    fs.writeFileSync(
      plugin,
      [
        'token=$(cat "$1")',
        "expires=$(date -u -d '+1 second' +%Y-%m-%dT%H:%M:%SZ)",
        'printf \'{"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential","status":{"token":"%s","expirationTimestamp":"%s"}}\' "$token" "$expires"',
      ].join('\n'),
    );
    const doc = parseYaml(sandbox.kubeconfig) as Doc;
    const userOf = (role: string) => doc.users.find((u) => u.name.endsWith(`-${role}`))?.user ?? {};
    const adminToken = String(userOf('admin').token);
    // The operator's token is in the file its own exec plugin reads.
    const operatorEnv = (userOf('operator').exec as { env: { name: string; value: string }[] }).env;
    const operatorFile = operatorEnv.find((e) => e.name === 'SANDBOX_TOKEN_FILE')?.value ?? '';
    const operatorToken = fs.readFileSync(operatorFile, 'utf8').trim();
    expect(operatorToken.length).toBeGreaterThan(20);
    fs.writeFileSync(tokenFile, adminToken);
    doc.users.push({
      name: 'expiring',
      user: {
        exec: { apiVersion: 'client.authentication.k8s.io/v1', command: '/bin/sh', args: [plugin, tokenFile] },
      },
    });
    doc.contexts.push({ name: 'expiring', context: { cluster: doc.clusters[0]?.name ?? '', user: 'expiring' } });
    const file = path.join(dir, 'config');
    fs.writeFileSync(file, stringify({ ...doc, 'current-context': 'expiring' }), { mode: 0o600 });
    const { backend } = await backendFor([file], { allowPrograms: ['/bin/sh'], tuning: { recheckMs: 1000 } });
    backends.push(backend);
    const client = new Client(backend);
    // A credential program runs only once the context is chosen (allow-listed, so nobody is asked).
    await client.services.clusters.connect('expiring');
    await waitFor(async () => (await client.services.clusters.getState()).connection.state === 'connected', 15_000);

    const shell = await client.open('exec', 'expiring', NS, 'life-a', 'agent', { cols: 80, rows: 24 });
    const forward = await client.open('forward', 'expiring', NS, 'life-a', 9100, 0);
    await waitFor(() => (client.deltas(forward, 'forward').at(-1)?.localPort ?? 0) > 0, 5_000, 'the listener');
    const port = client.deltas(forward, 'forward').at(-1)?.localPort ?? 0;

    // Renewed: the plugin now prints the operator's token, which the cluster accepts; both go on.
    fs.writeFileSync(tokenFile, operatorToken);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(client.ended(shell) || client.ended(forward)).toBe(false);
    expect(await (await fetch(`http://127.0.0.1:${String(port)}/healthz`)).text()).toBe('ok');

    fs.writeFileSync(tokenFile, 'a-token-this-cluster-never-issued');
    await waitFor(() => client.ended(shell) && client.ended(forward), 10_000, 'both ended');
    const said =
      'The cluster of context "expiring" no longer accepts your credentials (HTTP 401): they may have expired. ' +
      'Sign in again, then reconnect.';
    expect(client.deltas(shell, 'exec').find((c: ExecChunk) => c.end)?.end).toEqual({
      reason: 'credentials-expired',
      message: said,
    });
    expect(client.deltas(forward, 'forward').at(-1)?.end).toEqual({ reason: 'credentials-expired', message: said });
    expect(await refusesConnections(port)).toBe(true);
  });
});
