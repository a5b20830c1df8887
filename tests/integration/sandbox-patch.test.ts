// Real kubectl (1.32, 1.27, 1.33) against the sandbox cluster: client-side apply computes strategic merge patches from
// our OpenAPI v3 documents, server-side apply conflicts between field managers, the three `kubectl patch` types and
// strict field validation.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type SandboxHandle } from '../../electron/sandbox-cluster/index.js';
import { KUBECTLS, runKubectl, type KubectlRun } from './kubectl.js';

let sandbox: SandboxHandle;
let dir: string;

const kubectl = (bin: string, args: string[]): Promise<KubectlRun> => runKubectl(bin, args, join(dir, 'kubeconfig'));

async function ok(bin: string, args: string[]): Promise<string> {
  const run = await kubectl(bin, args);
  expect(run.stderr, `kubectl ${args.join(' ')}`).not.toMatch(/error|warning/i);
  expect(run.code, `kubectl ${args.join(' ')}: ${run.stderr}`).toBe(0);
  return run.stdout;
}

function manifest(name: string, image: string, env: Record<string, string>, extra = ''): string {
  const envLines = Object.entries(env)
    .map(([k, v]) => `        - name: ${k}\n          value: "${v}"`)
    .join('\n');
  return `apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: ${name}
  namespace: default
spec:
  selector:
    matchLabels: {app: ${name}}
  template:
    metadata:
      labels: {app: ${name}}
    spec:
      containers:
      - name: app
        image: ${image}${extra}
        env:
${envLines}
`;
}

function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

async function container(bin: string, name: string): Promise<{ image: string; env?: { name: string }[] }> {
  const ds = JSON.parse(await ok(bin, ['get', 'ds', name, '-n', 'default', '-o', 'json'])) as {
    spec: { template: { spec: { containers: { image: string; env?: { name: string }[] }[] } } };
  };
  const first = ds.spec.template.spec.containers[0];
  if (!first) throw new Error('no container');
  return first;
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'sandbox-patch-'));
  sandbox = await startSandbox({ nodes: 2, speed: 20 });
  writeFileSync(join(dir, 'kubeconfig'), sandbox.kubeconfig, { mode: 0o600 });
});

afterAll(async () => {
  await sandbox.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe.each(KUBECTLS)('kubectl %s', (version, bin) => {
  const tag = version.replace('.', '-');

  it('apply of a changed file that drops one of two env vars removes exactly that one', async () => {
    const name = `csa-${tag}`;
    await ok(bin, ['apply', '-f', file(`${name}-1.yaml`, manifest(name, 'nginx:1.27', { A: 'a', B: 'b' }))]);
    await ok(bin, ['apply', '-f', file(`${name}-2.yaml`, manifest(name, 'nginx:1.27', { A: 'a' }))]);
    const c = await container(bin, name);
    expect(c.env).toEqual([{ name: 'A', value: 'a' }]);
  });

  it('apply --server-side by two field managers conflicts, and --force-conflicts wins', async () => {
    const name = `ssa-${tag}`;
    await ok(bin, ['apply', '--server-side', '-f', file(`${name}-1.yaml`, manifest(name, 'nginx:1.27', { A: 'a' }))]);
    const changed = file(`${name}-2.yaml`, manifest(name, 'nginx:1.28', { A: 'a' }));
    const refused = await kubectl(bin, ['apply', '--server-side', '--field-manager=other', '-f', changed]);
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toContain(
      'Apply failed with 1 conflict: conflict with "kubectl": .spec.template.spec.containers[name="app"].image',
    );
    expect((await container(bin, name)).image).toBe('nginx:1.27');
    await ok(bin, ['apply', '--server-side', '--field-manager=other', '--force-conflicts', '-f', changed]);
    expect((await container(bin, name)).image).toBe('nginx:1.28');
    const managed = JSON.parse(
      await ok(bin, ['get', 'ds', name, '-n', 'default', '-o', 'jsonpath={.metadata.managedFields}']),
    ) as { manager: string; operation: string; fieldsV1: unknown }[];
    const owners = managed.filter((m) => JSON.stringify(m.fieldsV1).includes('f:image')).map((m) => m.manager);
    expect(owners).toEqual(['other']);
  });

  it('kubectl patch --type json, merge and strategic change exactly what they name', async () => {
    const name = `patch-${tag}`;
    await ok(bin, ['apply', '-f', file(`${name}.yaml`, manifest(name, 'nginx:1.27', { A: 'a', B: 'b' }))]);
    const target = ['ds', name, '-n', 'default'];
    await ok(bin, [
      'patch',
      ...target,
      '--type=json',
      '-p',
      '[{"op":"replace","path":"/spec/template/spec/containers/0/image","value":"nginx:1.29"}]',
    ]);
    expect((await container(bin, name)).image).toBe('nginx:1.29');
    await ok(bin, ['patch', ...target, '--type=merge', '-p', '{"metadata":{"labels":{"tier":"infra"}}}']);
    const labels = await ok(bin, ['get', ...target, '-o', 'jsonpath={.metadata.labels.tier}']);
    expect(labels).toBe('infra');
    await ok(bin, [
      'patch',
      ...target,
      '--type=strategic',
      '-p',
      '{"spec":{"template":{"spec":{"containers":[{"name":"app","env":[{"name":"B","$patch":"delete"},{"name":"C","value":"c"}]}]}}}}',
    ]);
    // Without $setElementOrder, upstream puts patched items before the ones only the server had.
    expect((await container(bin, name)).env?.map((e) => e.name)).toEqual(['C', 'A']);
    const bad = await kubectl(bin, [
      'patch',
      ...target,
      '--type=json',
      '-p',
      '[{"op":"replace","path":"/spec/nope/x","value":1}]',
    ]);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toContain('the server rejected our request due to an error in our request');
  });

  it('create -f with an unknown field fails with a strict decoding error', async () => {
    const name = `strict-${tag}`;
    const text = manifest(name, 'nginx:1.27', { A: 'a' }, '\n        imagee: typo');
    const run = await kubectl(bin, ['create', '-f', file(`${name}.yaml`, text)]);
    expect(run.code).not.toBe(0);
    expect(run.stderr).toContain('strict decoding error: unknown field "spec.template.spec.containers[0].imagee"');
    const get = await kubectl(bin, ['get', 'ds', name, '-n', 'default']);
    expect(get.stderr).toContain('not found');
  });
});
