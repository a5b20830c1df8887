// Exec credential plugins: run only after the user's consent (nothing runs before), found through the login shell's
// PATH (an app started from a desktop has a minimal PATH), and failures reported as unauthorized without a word of the
// plugin's output.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml, stringify } from 'yaml';
import { startSandbox, type SandboxHandle } from '../../electron/sandbox-cluster/index.js';
import type { Backend } from '../../electron/backend/index.js';
import { loginShellPath } from '../../electron/backend/session/login-path.js';
import { backendFor, Client, tempDir } from './backend-harness.js';

let sandbox: SandboxHandle;
let backend: Backend;
let client: Client;
let kubeconfigFile: string;
const marker = path.join(tempDir('everynode-marker-'), 'ran');
const home = tempDir('everynode-home-');
const pluginDir = tempDir('everynode-plugins-');
const saved = { HOME: process.env.HOME, SHELL: process.env.SHELL, PATH: process.env.PATH };

beforeAll(async () => {
  sandbox = await startSandbox({ speed: 25, nodes: 2 });
  const doc = parseYaml(sandbox.kubeconfig) as {
    users: { name: string; user: { exec?: { env: { name: string; value: string }[] } } }[];
  };
  const tokenFile = doc.users
    .flatMap((u) => u.user.exec?.env ?? [])
    .find((e) => e.name === 'SANDBOX_TOKEN_FILE')?.value;
  // A plugin known only by name, installed where only the login shell's PATH reaches.
  const plugin = path.join(pluginDir, 'everynode-test-credential');
  fs.writeFileSync(
    plugin,
    `#!/bin/sh\nprintf '{"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential","status":{"token":"%s"}}' "$(cat '${tokenFile}')"\n`,
    { mode: 0o755 },
  );
  fs.writeFileSync(path.join(home, '.bash_profile'), `export PATH="${pluginDir}:$PATH"\n`);
  process.env.HOME = home;
  process.env.SHELL = '/bin/bash';
  process.env.PATH = '/usr/bin:/bin';

  const cluster = { name: 'sb', cluster: { server: sandbox.url, 'insecure-skip-tls-verify': true } };
  const exec = (command: string, args: string[] = []) => ({
    exec: { apiVersion: 'client.authentication.k8s.io/v1', command, args, interactiveMode: 'Never' },
  });
  const file = path.join(tempDir('everynode-kc-'), 'config');
  fs.writeFileSync(
    file,
    stringify({
      clusters: [cluster],
      users: [
        { name: 'by-name', user: exec('everynode-test-credential') },
        { name: 'missing', user: exec('everynode-no-such-plugin') },
        {
          name: 'marking',
          user: exec('/bin/sh', ['-c', `touch '${marker}'; everynode-test-credential`]),
        },
        {
          name: 'failing',
          user: exec(process.execPath, ['-e', 'process.stderr.write("plugin-secret-output-42"); process.exit(3)']),
        },
      ],
      contexts: [
        { name: 'plugin-by-name', context: { cluster: 'sb', user: 'by-name' } },
        { name: 'plugin-missing', context: { cluster: 'sb', user: 'missing' } },
        { name: 'plugin-failing', context: { cluster: 'sb', user: 'failing' } },
        { name: 'plugin-marking', context: { cluster: 'sb', user: 'marking' } },
      ],
      'current-context': 'plugin-missing',
    }),
  );
  kubeconfigFile = file;
  ({ backend } = await backendFor([file]));
  client = new Client(backend);
});

/** Switches to a context, which waits for consent, then allows its plugin as the user would. */
async function allowAndConnect(context: string) {
  const waiting = await client.services.clusters.switchContext(context);
  expect(waiting.connection.state).toBe('needs-consent');
  const request = await pendingFor(context);
  expect(request).toMatchObject({ context, file: kubeconfigFile, denied: false });
  return client.services.consent.decide(request?.id ?? '', true);
}

/** The context's own pending request (other contexts may be waiting too). */
async function pendingFor(context: string) {
  return (await client.services.consent.pending()).find((r) => r.context === context);
}

afterAll(async () => {
  Object.assign(process.env, saved);
  await backend?.dispose();
  await sandbox?.stop();
});

describe('consent before a plugin runs', () => {
  it('runs nothing while the context waits, nor after a refusal; runs once allowed, and remembers it', async () => {
    const waiting = await client.services.clusters.switchContext('plugin-marking');
    expect(waiting.connection.state).toBe('needs-consent');
    const request = await pendingFor('plugin-marking');
    expect(request?.program).toMatchObject({ kind: 'exec', command: '/bin/sh' });
    expect(client.events.some((e) => e.event === 'onDidChangeConsent')).toBe(true);
    // Every service of that context refuses instead of connecting, and nothing ran.
    await expect(client.services.projects.getState('plugin-marking')).rejects.toMatchObject({ code: 'unreachable' });
    await client.services.clusters.reconnect();
    expect(fs.existsSync(marker)).toBe(false);

    const refused = await client.services.consent.decide(request?.id ?? '', false);
    expect(refused.connection.state).toBe('needs-consent');
    expect(await client.services.consent.pending()).toEqual([
      expect.objectContaining({ id: request?.id, denied: true }),
    ]);
    expect(fs.existsSync(marker)).toBe(false);

    const allowed = await client.services.consent.decide(request?.id ?? '', true);
    expect(allowed.connection).toEqual({ state: 'connected' });
    expect(fs.existsSync(marker)).toBe(true);
    expect(await client.services.consent.pending()).toEqual([]);
    const settings = await client.services.consent.list();
    expect(settings.decisions).toEqual([expect.objectContaining({ id: request?.id, allowed: true })]);

    // Revoked while connected: the context drops its session and asks again.
    fs.rmSync(marker);
    await client.services.consent.revoke(request?.id ?? '');
    expect((await client.services.clusters.getState()).connection.state).toBe('needs-consent');
    expect(fs.existsSync(marker)).toBe(false);
  });

  it('skips the question for an allowlisted command', async () => {
    await client.services.consent.setAllowlist(['everynode-test-credential']);
    const state = await client.services.clusters.switchContext('plugin-by-name');
    expect(state.connection).toEqual({ state: 'connected' });
    await client.services.consent.setAllowlist([]);
    // Taken off the allowlist, it runs on until disconnected; chosen again, it asks (below).
    const after = await client.services.clusters.disconnect('plugin-by-name');
    expect(after.connections['plugin-by-name']).toBeUndefined();
    await expect(client.services.projects.getState('plugin-by-name')).rejects.toMatchObject({
      code: 'invalid-argument',
      message: 'Context "plugin-by-name" is not connected; choose it first.',
    });
  });
});

describe('exec credential plugins', () => {
  it('reads the login shell PATH', async () => {
    expect((await loginShellPath())?.split(':')).toContain(pluginDir);
  });

  it('runs a plugin that only the login shell PATH finds', async () => {
    await client.services.clusters.switchContext('plugin-missing');
    const state = await allowAndConnect('plugin-by-name');
    expect(state.connection).toEqual({ state: 'connected' });
  });

  it('reports a missing plugin before asking anything, naming it', async () => {
    const state = await client.services.clusters.switchContext('plugin-missing');
    expect(state.connection).toEqual({
      state: 'error',
      message:
        'Context "plugin-missing": the credential program "everynode-no-such-plugin" is not on your PATH; nothing was run.',
    });
    expect(await pendingFor('plugin-missing')).toBeUndefined();
  });

  it('reports a failing plugin without quoting its output', async () => {
    const state = await allowAndConnect('plugin-failing');
    expect(state.connection.state).toBe('unauthorized');
    expect(state.connection.message).toMatch(/plugin-failing/);
    // The consent request quotes the kubeconfig's own arguments (the user must see them); nothing else may.
    const others = client.events.filter((e) => e.event !== 'onDidChangeConsent');
    expect(JSON.stringify(others)).not.toContain('plugin-secret-output-42');
  });
});
