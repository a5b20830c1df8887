import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { kubectlOutput } from './kubectl.js';
import { SandboxClient } from './sandbox-client.js';

const dir = mkdtempSync(join(tmpdir(), 'sandbox-cli-'));
const tsx = join(process.cwd(), 'node_modules', '.bin', 'tsx');
const cli = join(process.cwd(), 'electron', 'sandbox-cluster', 'cli.ts');

afterAll(() => rmSync(dir, { recursive: true, force: true }));

function start(args: string[]): { child: ChildProcess; ready: Promise<string>; exited: Promise<number | null> } {
  const child = spawn(tsx, [cli, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  const ready = new Promise<string>((resolve, reject) => {
    child.stdout?.on('data', (c: Buffer) => {
      out += c.toString();
      if (out.includes('\n')) resolve(out);
    });
    child.on('exit', (code) => reject(new Error(`exited ${String(code)} before ready: ${out}`)));
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, ready, exited };
}

it('prints one ready line, writes a private kubeconfig, stops cleanly and resumes its data', async () => {
  const kubeconfig = join(dir, 'kc.yaml');
  const data = join(dir, 'data');
  const first = start(['--kubeconfig', kubeconfig, '--name', 'cli', '--nodes', '3', '--data', data]);
  const line = await first.ready;
  expect(line).toMatch(
    new RegExp(`^sandbox ready: https://127\\.0\\.0\\.1:(\\d+) kubeconfig=${kubeconfig.replace(/[.]/g, '\\.')}\\n$`),
  );
  expect(statSync(kubeconfig).mode & 0o777).toBe(0o600);
  const text = readFileSync(kubeconfig, 'utf8');
  expect(text).toContain('current-context: cli-admin');
  const client = new SandboxClient(text);
  // Exactly the nodes asked for, the special ones first: the control plane, then a GPU and a cordoned worker.
  const nodes = await kubectlOutput(['get', 'nodes', '-o', 'name'], kubeconfig);
  expect(nodes.trim().split('\n')).toEqual(['node/control-plane-1', 'node/worker-1', 'node/worker-2']);
  const gpu = await kubectlOutput(['get', 'nodes', '-l', 'nvidia.com/gpu.present=true', '-o', 'name'], kubeconfig);
  expect(gpu.trim()).toBe('node/worker-1');
  const cordoned = await kubectlOutput(['get', 'node', 'worker-2', '-o', 'jsonpath={.spec.unschedulable}'], kubeconfig);
  expect(cordoned).toBe('true');
  const created = await client.call('POST', '/api/v1/namespaces/team-a/configmaps', {
    body: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'kept' }, data: { a: '1' } },
  });
  expect(created.status).toBe(201);
  first.child.kill('SIGTERM');
  expect(await first.exited).toBe(0);

  const second = start(['--kubeconfig', kubeconfig, '--name', 'cli', '--data', data]);
  await second.ready;
  // Same CA and credentials: the old kubeconfig's users still authenticate (only the port may differ).
  const again = new SandboxClient(readFileSync(kubeconfig, 'utf8'));
  const kept = await again.call('GET', '/api/v1/namespaces/team-a/configmaps/kept');
  expect(kept.status).toBe(200);
  expect((kept.json().data as { a: string }).a).toBe('1');
  second.child.kill('SIGINT');
  expect(await second.exited).toBe(0);
});

it('documents its flags and refuses bad ones', async () => {
  const help = start(['--help']);
  expect(await help.ready).toContain('--kubeconfig <file>');
  expect(await help.exited).toBe(0);
  const bad = spawn(tsx, [cli, '--kubeconfig', join(dir, 'x.yaml'), '--speed', 'fast'], { stdio: 'ignore' });
  expect(await new Promise((r) => bad.on('exit', r))).toBe(2);
});
