// The desktop app's built-in sandbox in a utility process: the launcher drives Electron's utilityProcess API (a
// stand-in here, a real forked Node process with a parentPort, as in a utility process), and the sandbox's child
// entry answers through parentPort; the kubeconfig the app trusts comes back over that channel.
import { fork } from 'node:child_process';
import { EventEmitter } from 'node:events';
import fs from 'node:fs';
import https from 'node:https';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, expect, it, vi } from 'vitest';
import { parse } from 'yaml';

const parentPort = path.join(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../integration/fixtures/utility-parent-port.mjs',
);
const forks: { entry: string; options: { execArgv?: string[]; serviceName?: string } }[] = [];

vi.mock('electron', () => ({
  utilityProcess: {
    fork(entry: string, args: string[], options: { execArgv?: string[]; serviceName?: string }) {
      forks.push({ entry, options });
      const child = fork(entry, args, { execArgv: [...(options.execArgv ?? []), '--import', parentPort] });
      const utility = Object.assign(new EventEmitter(), {
        postMessage: (message: unknown) => child.send(message as object),
        kill: () => child.kill(),
      });
      child.on('message', (m) => utility.emit('message', m));
      child.on('exit', (code) => utility.emit('exit', code ?? 0));
      return utility;
    },
  },
}));

interface Kubeconfig {
  clusters: { cluster: { server: string; 'certificate-authority-data': string } }[];
  users: { name: string; user: { token?: string } }[];
}

function nodeCount(kubeconfig: string): Promise<number> {
  const config = parse(kubeconfig) as Kubeconfig;
  const cluster = config.clusters[0]?.cluster;
  const token = config.users.find((u) => u.user.token)?.user.token ?? '';
  const ca = Buffer.from(cluster?.['certificate-authority-data'] ?? '', 'base64');
  return new Promise((resolve, reject) => {
    const req = https.get(
      `${cluster?.server ?? ''}/api/v1/nodes`,
      { ca, headers: { Authorization: `Bearer ${token}` } },
      (res) => {
        let body = '';
        res.on('data', (c: Buffer) => (body += c.toString()));
        res.on('end', () => resolve((JSON.parse(body) as { items: unknown[] }).items.length));
      },
    );
    req.on('error', reject);
  });
}

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

it('runs the sandbox in a utility process and stops it with the app', async () => {
  const { utilityLauncher } = await import('../../../electron/main/sandbox-process.js');
  const { startBuiltInSandbox } = await import('../../../electron/backend/sandbox.js');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'utility-sandbox-'));
  dirs.push(dir);
  const sandbox = await startBuiltInSandbox(dir, { nodes: 1, speed: 50 }, utilityLauncher);
  expect(forks).toHaveLength(1);
  expect(forks[0]?.entry).toMatch(/sandbox-cluster[/\\]child\.(ts|js)$/);
  expect(forks[0]?.options.serviceName).toBe('Everynode sandbox cluster');
  expect(sandbox.kubeconfig).toContain('current-context: sandbox-admin');
  expect(fs.readFileSync(sandbox.kubeconfigPath, 'utf8')).toBe(sandbox.kubeconfig);
  expect(fs.statSync(sandbox.kubeconfigPath).mode & 0o777).toBe(0o600);
  // Served by the other process over HTTPS with the kubeconfig's CA and token: the one node asked for.
  expect(await nodeCount(sandbox.kubeconfig)).toBe(1);
  await sandbox.stop();
  await expect(nodeCount(sandbox.kubeconfig)).rejects.toThrow(/ECONNREFUSED/);
  // A real child process (tsx compiling the sandbox, then a TLS server): seconds of CPU that a loaded machine
  // stretches; the timeout only guards against a hang, nothing here is timed.
}, 60_000);
