// `kubectl create <kind>` generators against the sandbox: kubectl 1.32 and 1.33 post these objects as protobuf (and
// give up on a 415), 1.27 as JSON; each must create exactly what was asked for.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type SandboxHandle } from '../../electron/sandbox-cluster/index.js';
import { KUBECTLS, runKubectl, type KubectlRun } from './kubectl.js';

const VERSIONS = KUBECTLS;
const NS = 'team-a';

let sandbox: SandboxHandle;
let dir: string;

const kubectl = (bin: string, args: string[]): Promise<KubectlRun> => runKubectl(bin, args, join(dir, 'kubeconfig'));

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'everynode-create-'));
  sandbox = await startSandbox({ nodes: 2, speed: 20, kubeconfigPath: join(dir, 'kubeconfig') });
});

afterAll(async () => {
  await sandbox.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe.each(VERSIONS)('kubectl %s create generators', (version, bin) => {
  const suffix = version.replace('.', '-');

  it('creates a quota, a ConfigMap, a generic Secret and a namespace', async () => {
    const commands = [
      ['create', 'quota', `q-${suffix}`, '--hard=pods=3,requests.cpu=500m', '-n', NS],
      ['create', 'configmap', `cm-${suffix}`, '--from-literal=greeting=héllo', '--from-literal=empty=', '-n', NS],
      ['create', 'secret', 'generic', `s-${suffix}`, '--from-literal=password=s3cr3t', '-n', NS],
      ['create', 'namespace', `created-by-${suffix}`],
    ];
    for (const args of commands) {
      const run = await kubectl(bin, [...args, '-v=8']);
      expect(run.code, `${bin} ${args.join(' ')}: ${run.stderr.split('\n').slice(-3).join('\n')}`).toBe(0);
      expect(run.stdout).toMatch(/ created\n$/);
      // The point of this test for 1.32+: these bodies really travel as protobuf.
      if (version !== '1.27') expect(run.stderr).toContain('Content-Type: application/vnd.kubernetes.protobuf');
    }

    const quota = sandbox.api.get('resourcequotas', NS, `q-${suffix}`);
    expect(quota?.spec).toEqual({ hard: { pods: '3', 'requests.cpu': '500m' } });
    const cm = sandbox.api.get('configmaps', NS, `cm-${suffix}`);
    expect(cm?.data).toEqual({ greeting: 'héllo', empty: '' });
    const secret = sandbox.api.get('secrets', NS, `s-${suffix}`);
    expect(secret?.type).toBe('Opaque');
    expect(secret?.data).toEqual({ password: Buffer.from('s3cr3t').toString('base64') });
    const ns = sandbox.api.get('namespaces', undefined, `created-by-${suffix}`);
    expect(ns?.status).toEqual({ phase: 'Active' });

    // The quota controller picks the new quota up, and kubectl reads its status back.
    await expect
      .poll(() => sandbox.api.get('resourcequotas', NS, `q-${suffix}`)?.status?.hard, { timeout: 10_000 })
      .toEqual({ pods: '3', 'requests.cpu': '500m' });
    const hard = await kubectl(bin, ['get', 'quota', `q-${suffix}`, '-n', NS, '-o', 'jsonpath={.status.hard.pods}']);
    expect(hard.stdout).toBe('3');
  });
});
