// /openapi/v2 judged by real kubectl 1.27, 1.32 and 1.33: `explain --output=plaintext-openapiv2` reads the protobuf
// document (an empty one made every version say "couldn't find resource"; a 404 makes 1.27 fail every command), and
// a CRD created later is explained from the rebuilt document. The JSON form carries the extensions kubectl's
// strategic merge reads.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type SandboxHandle } from '../../electron/sandbox-cluster/index.js';
import { KUBECTL_1_32, KUBECTLS, runKubectl, type KubectlRun } from './kubectl.js';
import { SandboxClient } from './sandbox-client.js';

let sandbox: SandboxHandle;
let dir: string;

const kubectl = (bin: string, args: string[]): Promise<KubectlRun> => runKubectl(bin, args, join(dir, 'kubeconfig'));

const CRD = {
  apiVersion: 'apiextensions.k8s.io/v1',
  kind: 'CustomResourceDefinition',
  metadata: { name: 'widgets.example.org' },
  spec: {
    group: 'example.org',
    scope: 'Namespaced',
    names: { plural: 'widgets', singular: 'widget', kind: 'Widget' },
    versions: [
      {
        name: 'v1',
        served: true,
        storage: true,
        schema: {
          openAPIV3Schema: {
            type: 'object',
            properties: {
              spec: {
                type: 'object',
                required: ['size'],
                properties: { size: { type: 'integer', description: 'How many slots the widget takes.' } },
              },
            },
          },
        },
      },
    ],
  },
};

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'everynode-openapi-'));
  sandbox = await startSandbox({ nodes: 1, kubeconfigPath: join(dir, 'kubeconfig') });
});

afterAll(async () => {
  await sandbox.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe.each(KUBECTLS)('kubectl %s explain --output=plaintext-openapiv2', (_version, bin) => {
  it('explains a DaemonSet field from the served document', async () => {
    const run = await kubectl(bin, ['explain', '--output=plaintext-openapiv2', 'daemonsets.spec.updateStrategy']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^KIND: +DaemonSet\nVERSION: +apps\/v1\n/);
    expect(run.stdout).toContain('RESOURCE: updateStrategy <Object>');
    expect(run.stdout).toMatch(/rollingUpdate\t<Object>\n +Rolling update config params/);
    expect(run.stdout).toMatch(/type\t<string>\n/);
  });
});

describe('the /openapi/v2 document', () => {
  it('follows the kind catalog: a CRD created after the first read is explained', async () => {
    const before = await kubectl(KUBECTL_1_32, ['explain', '--output=plaintext-openapiv2', 'pods.spec.containers']);
    expect(before.stdout).toContain('RESOURCE: containers <[]Object>');
    writeFileSync(join(dir, 'crd.json'), JSON.stringify(CRD));
    expect((await kubectl(KUBECTL_1_32, ['apply', '-f', join(dir, 'crd.json')])).code).toBe(0);
    const run = await kubectl(KUBECTL_1_32, ['explain', '--output=plaintext-openapiv2', 'widgets.spec']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^KIND: +Widget\nVERSION: +example.org\/v1\n/);
    expect(run.stdout).toMatch(/size\t<integer> -required-\n +How many slots the widget takes\./);
  });

  it('is JSON when asked for JSON, with the extensions strategic merge reads, and 406 for other types', async () => {
    const client = new SandboxClient(sandbox.kubeconfig);
    const json = await client.call('GET', '/openapi/v2', { headers: { Accept: 'application/json' } });
    expect(json.status).toBe(200);
    expect(json.headers['content-type']).toBe('application/json');
    const definitions = json.json().definitions as Record<string, Record<string, unknown>>;
    expect(definitions['io.k8s.api.apps.v1.DaemonSet']?.['x-kubernetes-group-version-kind']).toEqual([
      { group: 'apps', kind: 'DaemonSet', version: 'v1' },
    ]);
    const podSpec = definitions['io.k8s.api.core.v1.PodSpec']?.properties as Record<string, Record<string, unknown>>;
    expect(podSpec.containers).toMatchObject({
      items: { $ref: '#/definitions/io.k8s.api.core.v1.Container' },
      'x-kubernetes-patch-merge-key': 'name',
      'x-kubernetes-patch-strategy': 'merge',
    });
    const proto = await client.call('GET', '/openapi/v2', {
      headers: { Accept: 'application/com.github.proto-openapi.spec.v2@v1.0+protobuf' },
    });
    expect(proto.headers['content-type']).toBe('application/com.github.proto-openapi.spec.v2.v1.0+protobuf');
    const other = await client.call('GET', '/openapi/v2', { headers: { Accept: 'text/html' } });
    expect(other.status).toBe(406);
  });
});
