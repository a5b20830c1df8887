// Contexts and access on a real sandbox: the developer (client certificate) and the operator (exec plugin), a dead
// server and an expired token, the built-in sandbox as first run, and no credential in anything a client receives.
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify, parse as parseYaml } from 'yaml';
import { startSandbox, type SandboxHandle } from '../../electron/sandbox-cluster/index.js';
import { createBackend, type Backend } from '../../electron/backend/index.js';
import {
  backendFor,
  Client,
  connectedContext,
  kubeconfigFileOf,
  secretsOf,
  tempDir,
  waitFor,
} from './backend-harness.js';
import { kubectlOutput } from './kubectl.js';

let sandbox: SandboxHandle;
let backend: Backend;
let client: Client;
let kubeconfigFile: string;
const results: unknown[] = [];
const DEV = 'sandbox-developer';
const OPS = 'sandbox-operator';

/** Every service result also goes through the leak check. */
async function record<T>(promise: Promise<T>): Promise<T> {
  try {
    const value = await promise;
    results.push(value);
    return value;
  } catch (error) {
    results.push(error instanceof Error ? { ...error, message: error.message } : error);
    throw error;
  }
}

async function connected(context: string): Promise<void> {
  let state = await record(client.services.clusters.switchContext(context));
  if (state.connection.state === 'needs-consent') {
    // The operator's exec plugin comes from a file of the user's, not the app's own sandbox: allowed once, as a user
    // would in the consent dialog (remembered afterwards).
    const [request] = await record(client.services.consent.pending());
    state = await record(client.services.consent.decide(request?.id ?? '', true));
  }
  expect(state.activeContext).toBe(context);
  expect(state.connection).toEqual({ state: 'connected' });
}

/** A port nothing listens on (one just freed; not port 1, which fetch refuses before connecting, as a "bad port"). */
async function deadPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

beforeAll(async () => {
  sandbox = await startSandbox({ speed: 25, nodes: 3 });
  const dead = await deadPort();
  // The sandbox's contexts plus a dead server and an expired token, in a second file (KUBECONFIG with two files).
  const { dir, file } = kubeconfigFileOf(sandbox);
  kubeconfigFile = file;
  const extra = path.join(dir, 'extra');
  fs.writeFileSync(
    extra,
    stringify({
      clusters: [
        { name: 'dead', cluster: { server: `https://127.0.0.1:${dead}`, 'insecure-skip-tls-verify': true } },
        { name: 'live', cluster: { server: sandbox.url, 'insecure-skip-tls-verify': true } },
      ],
      users: [
        { name: 'stale', user: { token: 'expired-token-0123456789abcdef' } },
        { name: 'lost', user: { 'token-file': path.join(dir, 'no-such-token') } },
      ],
      contexts: [
        { name: 'dead-server', context: { cluster: 'dead', user: 'stale' } },
        { name: 'expired-token', context: { cluster: 'live', user: 'stale' } },
        { name: 'lost-token-file', context: { cluster: 'live', user: 'lost' } },
      ],
    }),
  );
  ({ backend } = await backendFor([kubeconfigFile, extra]));
  client = new Client(backend);
  await connectedContext(client);
});

afterAll(async () => {
  await backend?.dispose();
  await sandbox?.stop();
});

describe('contexts and access', () => {
  it('shows a context that names no namespace on `default` when DaemonSets are there, and remembers it', async () => {
    const manifest = path.join(tempDir('everynode-default-ds-'), 'agent.yaml');
    fs.writeFileSync(
      manifest,
      stringify({
        apiVersion: 'apps/v1',
        kind: 'DaemonSet',
        metadata: { name: 'agent', namespace: 'default' },
        spec: {
          selector: { matchLabels: { app: 'agent' } },
          template: { metadata: { labels: { app: 'agent' } }, spec: { containers: [{ name: 'a', image: 'busybox' }] } },
        },
      }),
    );
    await kubectlOutput(['apply', '-f', manifest], kubeconfigFile);
    expect((await record(client.services.projects.getState('sandbox-admin'))).selected).toBe('default');
    await kubectlOutput(['delete', '-f', manifest, '--wait=false'], kubeconfigFile);
    expect((await record(client.services.projects.getState('sandbox-admin'))).selected).toBe('default');
  });

  it('offers the developer only team-a, adds team-b and refuses kube-system clearly', async () => {
    await connected(DEV);
    const state = await record(client.services.projects.getState(DEV));
    expect(state).toEqual({ context: DEV, canListAll: false, projects: ['team-a'], added: [], selected: 'team-a' });
    const added = await record(client.services.projects.add(DEV, 'team-b'));
    expect(added.projects).toEqual(['team-a', 'team-b']);
    const refused = await record(client.services.projects.add(DEV, 'kube-system')).catch((e: unknown) => e);
    expect(refused).toMatchObject({ code: 'forbidden' });
    expect((refused as Error).message).toMatch(/kube-system/);
    expect((refused as Error).message).toMatch(/sandbox-developer/);
    expect((await client.services.projects.getState(DEV)).projects).toEqual(['team-a', 'team-b']);
    await expect(client.services.projects.select(DEV, '*')).rejects.toMatchObject({ code: 'forbidden' });
    await expect(client.open('daemonSets', DEV, '*')).rejects.toMatchObject({ code: 'forbidden' });
    const selected = await record(client.services.projects.select(DEV, 'team-b'));
    expect(selected.selected).toBe('team-b');
    const subscriptionId = await record(client.open('daemonSets', DEV, 'team-b'));
    await waitFor(() => client.folder(subscriptionId).synced, 10_000, 'team-b list');
    expect(client.folder(subscriptionId).error).toBeUndefined();
  });

  it('remembers the developer project choice and added projects in 0600 state', async () => {
    const stateDir = tempDir('everynode-state-');
    const first = await createBackend({ kubeconfigEnv: kubeconfigFile, homeDir: stateDir, sandbox: 'off', stateDir });
    const one = new Client(first);
    await one.services.clusters.switchContext(DEV);
    await one.services.projects.add(DEV, 'team-b');
    await one.services.projects.select(DEV, 'team-b');
    await first.dispose();
    expect(fs.statSync(path.join(stateDir, 'state.json')).mode & 0o777).toBe(0o600);
    const second = await createBackend({ kubeconfigEnv: kubeconfigFile, homeDir: stateDir, sandbox: 'off', stateDir });
    const two = new Client(second);
    await waitFor(async () => (await two.services.clusters.getState()).connection.state === 'connected', 10_000);
    expect((await two.services.clusters.getState()).activeContext).toBe(DEV);
    expect(await two.services.projects.getState(DEV)).toMatchObject({
      projects: ['team-a', 'team-b'],
      selected: 'team-b',
    });
    await second.dispose();
  });

  it('connects the operator through its exec credential plugin', async () => {
    await connected(OPS);
    const projects = await record(client.services.projects.getState(OPS));
    expect(projects.canListAll).toBe(true);
    const subscriptionId = await record(client.open('daemonSets', OPS, 'monitoring'));
    await waitFor(() => client.folder(subscriptionId).synced, 10_000, 'operator list');
    expect([...client.folder(subscriptionId).rows.keys()]).toContain('monitoring/node-exporter');
  });

  it('reports a dead server as unreachable, naming the context, and keeps running', async () => {
    const state = await record(client.services.clusters.switchContext('dead-server'));
    expect(state.connection.state).toBe('unreachable');
    expect(state.connection.message).toMatch(/dead-server/);
    await connected(OPS);
  });

  it('reports a rejected token as unauthorized', async () => {
    const state = await record(client.services.clusters.switchContext('expired-token'));
    expect(state.connection.state).toBe('unauthorized');
    expect(state.connection.message).toMatch(/expired-token/);
  });

  it('reports credentials that cannot be loaded as unauthorized', async () => {
    const state = await record(client.services.clusters.switchContext('lost-token-file'));
    expect(state.connection.state).toBe('unauthorized');
    // Naming the field and the file, never the token.
    expect(state.connection.message).toMatch(
      /^Context "lost-token-file": User "lost": token-file ".+" does not exist\.$/,
    );
  });

  it('keeps the streams of a context switched away from, and ends them when it is disconnected', async () => {
    await connected(OPS);
    const subscriptionId = await client.open('daemonSets', OPS, 'monitoring');
    await waitFor(() => client.folder(subscriptionId).synced, 10_000);
    await connected(DEV);
    // Still connected and still answering: the active context is the UI's choice, not the only session.
    const state = await client.services.clusters.getState();
    expect(state.connections[OPS]).toEqual({ state: 'connected' });
    expect((await client.services.projects.getState(OPS)).context).toBe(OPS);
    expect(client.folder(subscriptionId).error).toBeUndefined();
    expect(client.ended(subscriptionId)).toBe(false);

    const after = await client.services.clusters.disconnect(OPS);
    expect(after.connections[OPS]).toBeUndefined();
    expect(after.connections[DEV]).toEqual({ state: 'connected' });
    await waitFor(() => client.folder(subscriptionId).error?.code === 'unsupported', 5000, 'the end of the stream');
    expect(client.ended(subscriptionId)).toBe(true);
    expect(client.folder(subscriptionId).error?.message).toBe(
      `Context "${OPS}" is no longer connected; choose it under Cluster to connect it again.`,
    );
    await expect(client.services.projects.getState(OPS)).rejects.toMatchObject({ code: 'invalid-argument' });
  });

  it('follows the kubeconfig file: a context removed on disk is reported on the active context', async () => {
    await connected(DEV);
    const doc = parseYaml(fs.readFileSync(kubeconfigFile, 'utf8')) as { contexts: { name: string }[] };
    const original = fs.readFileSync(kubeconfigFile, 'utf8');
    fs.writeFileSync(kubeconfigFile, stringify({ ...doc, contexts: doc.contexts.filter((c) => c.name !== DEV) }));
    await waitFor(
      async () => (await client.services.clusters.getState()).connection.state === 'error',
      5000,
      'the error',
    );
    expect((await client.services.clusters.getState()).connection.message).toMatch(/no longer defined/);
    fs.writeFileSync(kubeconfigFile, original);
    await waitFor(
      async () => (await client.services.clusters.getState()).connection.state === 'connected',
      10_000,
      'the return',
    );
  });

  it('never lets a token, client key, certificate or exec token reach a client', async () => {
    const operatorToken = fs
      .readFileSync(
        (
          parseYaml(sandbox.kubeconfig) as { users: { user: { exec?: { env: { name: string; value: string }[] } } }[] }
        ).users
          .flatMap((u) => u.user.exec?.env ?? [])
          .find((e) => e.name === 'SANDBOX_TOKEN_FILE')?.value ?? '',
        'utf8',
      )
      .trim();
    const secrets = [...secretsOf(sandbox.kubeconfig), operatorToken, 'expired-token-0123456789abcdef'];
    expect(secrets.length).toBeGreaterThan(4);
    expect(operatorToken.length).toBeGreaterThan(10);
    const everything = JSON.stringify([client.events, results]);
    expect(client.events.length).toBeGreaterThan(5);
    for (const secret of secrets) expect(everything).not.toContain(secret);
  });
});

describe('first run', () => {
  it('starts the built-in sandbox when there is no kubeconfig at all', async () => {
    const dir = tempDir('everynode-first-run-');
    const first = await createBackend({
      homeDir: dir,
      sandbox: 'auto',
      stateDir: path.join(dir, 'state'),
      sandboxOptions: { speed: 25, nodes: 2 },
    });
    try {
      const one = new Client(first);
      // Asked at once, while the context may still be connecting: the request waits for the outcome.
      // The seed's DaemonSets sit in kube-system and monitoring, not in kubectl's empty `default`: All projects.
      expect(await one.services.projects.getState('sandbox-admin')).toMatchObject({ canListAll: true, selected: '*' });
      const state = await one.services.clusters.getState();
      expect(state.connection).toEqual({ state: 'connected' });
      const written = path.join(dir, 'state', 'sandbox', 'kubeconfig');
      expect(state.sources).toMatchObject([
        { id: 'sandbox', label: 'Built-in sandbox', kind: 'sandbox', path: written },
      ]);
      expect(state.contexts.every((c) => c.sandbox)).toBe(true);
      expect(state.activeContext).toBe('sandbox-admin');
      const subscriptionId = await one.open('daemonSets', 'sandbox-admin', '*');
      await waitFor(() => one.folder(subscriptionId).synced, 10_000);
      expect(one.folder(subscriptionId).rows.size).toBeGreaterThan(0);

      // The file the app shows is for kubectl: private, and it reaches the same cluster (exactly the nodes asked for).
      expect(fs.statSync(written).mode & 0o777).toBe(0o600);
      expect((await kubectlOutput(['get', 'nodes', '-o', 'name'], written)).trim().split('\n')).toHaveLength(2);
      // The cluster runs in a process of its own: nothing in this one listens on its port.
      const port = Number(new URL(String(parseYaml(fs.readFileSync(written, 'utf8')).clusters[0].cluster.server)).port);
      const handles = (process as unknown as { _getActiveHandles(): unknown[] })._getActiveHandles();
      const listening = handles.filter(
        (h) => h instanceof net.Server && (h.address() as net.AddressInfo | null)?.port === port,
      );
      expect(listening).toEqual([]);
      // The app trusts its sandbox from memory: its operator connects without a question, while the same file read
      // back (here with an edited exec plugin, through KUBECONFIG) is an ordinary file whose plugin must be allowed.
      expect((await one.services.clusters.switchContext('sandbox-operator')).connection).toEqual({
        state: 'connected',
      });
      const edited = path.join(dir, 'edited.yaml');
      fs.writeFileSync(edited, fs.readFileSync(written, 'utf8').replace('ELECTRON_RUN_AS_NODE', 'EDITED_BY_SOMEONE'));
      const reader = await createBackend({
        homeDir: dir,
        kubeconfigEnv: edited,
        sandbox: 'off',
        stateDir: path.join(dir, 'other'),
      });
      try {
        const other = new Client(reader);
        expect((await other.services.clusters.switchContext('sandbox-operator')).connection.state).toBe(
          'needs-consent',
        );
      } finally {
        await reader.dispose();
      }
    } finally {
      await first.dispose();
    }
  });

  it('does not start the sandbox when a kubeconfig file is named on the command line', async () => {
    const dir = tempDir('everynode-first-run-');
    const file = path.join(dir, 'given.yaml');
    fs.writeFileSync(
      file,
      stringify({
        clusters: [{ name: 'c', cluster: { server: 'https://127.0.0.1:1' } }],
        contexts: [{ name: 'given', context: { cluster: 'c' } }],
      }),
    );
    const started = await createBackend({
      homeDir: dir,
      sandbox: 'auto',
      stateDir: path.join(dir, 'state'),
      kubeconfigFiles: [file],
    });
    try {
      const state = await new Client(started).services.clusters.getState();
      expect(state.sources.map((s) => s.kind)).toEqual(['added']);
      expect(state.activeContext).toBe('given');
    } finally {
      await started.dispose();
    }
  });
});
