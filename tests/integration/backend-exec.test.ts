// Exec credential plugins: found through the login shell's PATH (an app started from a desktop has a minimal PATH),
// and failures reported as unauthorized without a word of the plugin's output.
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
          name: 'failing',
          user: exec(process.execPath, ['-e', 'process.stderr.write("plugin-secret-output-42"); process.exit(3)']),
        },
      ],
      contexts: [
        { name: 'plugin-by-name', context: { cluster: 'sb', user: 'by-name' } },
        { name: 'plugin-missing', context: { cluster: 'sb', user: 'missing' } },
        { name: 'plugin-failing', context: { cluster: 'sb', user: 'failing' } },
      ],
      'current-context': 'plugin-missing',
    }),
  );
  ({ backend } = await backendFor([file]));
  client = new Client(backend);
});

afterAll(async () => {
  Object.assign(process.env, saved);
  await backend?.dispose();
  await sandbox?.stop();
});

describe('exec credential plugins', () => {
  it('reads the login shell PATH', async () => {
    expect((await loginShellPath())?.split(':')).toContain(pluginDir);
  });

  it('runs a plugin that only the login shell PATH finds', async () => {
    const state = await client.services.clusters.switchContext('plugin-by-name');
    expect(state.connection).toEqual({ state: 'connected' });
  });

  it('reports a missing plugin as unauthorized, naming it', async () => {
    const state = await client.services.clusters.switchContext('plugin-missing');
    expect(state.connection.state).toBe('unauthorized');
    expect(state.connection.message).toMatch(/plugin-missing.*everynode-no-such-plugin.*not found/);
  });

  it('reports a failing plugin without quoting its output', async () => {
    const state = await client.services.clusters.switchContext('plugin-failing');
    expect(state.connection.state).toBe('unauthorized');
    expect(state.connection.message).toMatch(/plugin-failing/);
    expect(JSON.stringify(client.events)).not.toContain('plugin-secret-output-42');
  });
});
