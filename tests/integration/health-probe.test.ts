// Finding 9: a hung API server (SIGSTOP, as a frozen VM or a stuck apiserver would be) must not look healthy. The
// sandbox runs in its own process so that it can be stopped; the backend's health probe sees it stop answering,
// marks the context "Not responding", and sees it answer again. The test waits for states, never for durations.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Backend } from '../../electron/backend/index.js';
import { backendFor, Client, tempDir, waitFor } from './backend-harness.js';

const repo = path.resolve(import.meta.dirname, '../..');
let sandbox: ChildProcess;
let backend: Backend;
let client: Client;

beforeAll(async () => {
  const kubeconfig = path.join(tempDir('everynode-health-'), 'config');
  sandbox = spawn(
    process.execPath,
    ['--import', 'tsx', 'electron/sandbox-cluster/cli.ts', '--port', '0', '--kubeconfig', kubeconfig, '--nodes', '1'],
    { cwd: repo, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  await new Promise<void>((resolve, reject) => {
    let out = '';
    sandbox.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes('sandbox ready:')) resolve();
    });
    sandbox.once('exit', (code) => reject(new Error(`the sandbox exited (${code})`)));
  });
  ({ backend } = await backendFor([kubeconfig], {
    tuning: { probeIntervalMs: 300, probeTimeoutMs: 1000, requestTimeoutMs: 3000 },
  }));
  client = new Client(backend);
}, 90_000);

afterAll(async () => {
  await backend?.dispose();
  sandbox?.kill('SIGCONT');
  sandbox?.kill('SIGTERM');
});

const state = async () => (await client.services.clusters.getState()).connection.state;

describe('the health of a connected context', () => {
  it('stays connected while idle, is "Not responding" while the API server is stopped, and recovers', async () => {
    expect((await client.services.clusters.switchContext('sandbox-admin')).connection.state).toBe('connected');
    // Idle, no watch at all: the probe asks, gets its answer, and the context stays healthy.
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(await state()).toBe('connected');

    sandbox.kill('SIGSTOP');
    try {
      await waitFor(async () => (await state()) === 'not-responding', 30_000, 'Not responding');
      expect((await client.services.clusters.getState()).connection.message).toBe(
        'Context "sandbox-admin": the API server did not answer within 1 s.',
      );
    } finally {
      sandbox.kill('SIGCONT');
    }
    await waitFor(async () => (await state()) === 'connected', 30_000, 'connected again');
    expect(client.events.filter((e) => e.event === 'onDidChangeClusters').length).toBeGreaterThan(0);
  });
});
