// Links between objects and Helm awareness (issue 18) through the backend's contract on a real sandbox with real
// kubectl: a DaemonSet's references looked up (a missing ConfigMap said so, an optional one too), a Secret's values
// only on reveal (and never in its last-applied annotation), a user who may not read Secrets refused as `forbidden`,
// and a Helm release Secret built as Helm builds it (gzip, Helm's base64, Kubernetes' base64) read back as its summary.
// The sandbox's part: a Secret's stringData becomes base64 `data`, as a real API server converts it.
import fs from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import type { AppErrorDTO, DaemonSetRow } from '../../electron/contract/index.js';
import type { Backend } from '../../electron/backend/index.js';
import { startSandbox, type SandboxHandle } from '../../electron/sandbox-cluster/index.js';
import { kubectlOutput } from './kubectl.js';
import { backendFor, Client, connectedContext, contextOfRole, kubeconfigFileOf, waitFor } from './backend-harness.js';

let sandbox: SandboxHandle;
let backend: Backend;
let client: Client;
let context: string;
let developer: string;
let dir: string;
let kubeconfig: string;
const NS = 'team-b';
// 24 bytes: the panel says "•••• 24 bytes" for it until revealed.
const TOKEN = 'tok-0123456789abcdefghij';

const kubectl = (args: string[]): Promise<string> => kubectlOutput(args, kubeconfig);
async function apply(objects: Record<string, unknown>[]): Promise<void> {
  const file = path.join(dir, `objects-${Math.random().toString(36).slice(2)}.yaml`);
  fs.writeFileSync(file, objects.map((o) => stringify(o)).join('---\n'));
  await kubectl(['apply', '-f', file]);
}
const failure = (promise: Promise<unknown>): Promise<AppErrorDTO | null> =>
  promise.then(
    () => null,
    (error: AppErrorDTO) => error,
  );

/** A release record as Helm 3's Secret driver stores it: JSON, gzipped, base64 (Helm's; Kubernetes adds its own). */
function helmRecord(release: string, version: number, status: string, chartVersion: string): Record<string, unknown> {
  const record = {
    name: release,
    namespace: NS,
    version,
    info: { status, last_deployed: `2026-12-0${version}T10:00:00Z`, description: 'Upgrade complete' },
    chart: {
      metadata: { name: 'node-agent', version: chartVersion, appVersion: '2.4.1' },
      templates: [{ name: 'templates/ds.yaml', data: 'c2VjcmV0LXRlbXBsYXRl' }],
      values: { password: 'chart-default-password' },
    },
    config: { password: 'user-supplied-password' },
    manifest: '---\nkind: DaemonSet\n',
  };
  const helmBase64 = gzipSync(Buffer.from(JSON.stringify(record))).toString('base64');
  return {
    apiVersion: 'v1',
    kind: 'Secret',
    type: 'helm.sh/release.v1',
    metadata: {
      name: `sh.helm.release.v1.${release}.v${version}`,
      namespace: NS,
      labels: { owner: 'helm', name: release, status, version: String(version) },
    },
    data: { release: Buffer.from(helmBase64).toString('base64') },
  };
}

const daemonSet = {
  apiVersion: 'apps/v1',
  kind: 'DaemonSet',
  metadata: {
    name: 'linked',
    namespace: NS,
    labels: { 'app.kubernetes.io/managed-by': 'Helm', 'helm.sh/chart': 'node-agent-1.3.0' },
    annotations: { 'meta.helm.sh/release-name': 'agents', 'meta.helm.sh/release-namespace': NS },
  },
  spec: {
    selector: { matchLabels: { app: 'linked' } },
    template: {
      metadata: { labels: { app: 'linked' } },
      spec: {
        serviceAccountName: 'agent-sa',
        imagePullSecrets: [{ name: 'registry-missing' }],
        containers: [
          {
            name: 'agent',
            image: 'busybox:1.36',
            env: [
              { name: 'TOKEN', valueFrom: { secretKeyRef: { name: 'agent-token', key: 'token' } } },
              { name: 'LEVEL', valueFrom: { configMapKeyRef: { name: 'present-config', key: 'no-such-key' } } },
            ],
            envFrom: [{ configMapRef: { name: 'extra-config', optional: true } }],
          },
        ],
        volumes: [
          { name: 'config', configMap: { name: 'app-config' } },
          { name: 'data', persistentVolumeClaim: { claimName: 'agent-data' } },
          {
            name: 'bundle',
            projected: { sources: [{ configMap: { name: 'present-config' } }, { secret: { name: 'agent-token' } }] },
          },
        ],
      },
    },
  },
};

beforeAll(async () => {
  sandbox = await startSandbox({ speed: 25, nodes: 2 });
  ({ dir, file: kubeconfig } = kubeconfigFileOf(sandbox, 'everynode-refs-'));
  ({ backend } = await backendFor([kubeconfig]));
  client = new Client(backend);
  context = await connectedContext(client);
  developer = contextOfRole(sandbox.kubeconfig, 'developer');
  await apply([
    { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'agent-sa', namespace: NS } },
    {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'present-config', namespace: NS },
      data: { level: 'debug' },
    },
    // stringData, as people write Secrets by hand: the API server stores it as base64 data.
    {
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: 'agent-token', namespace: NS },
      stringData: { token: TOKEN },
    },
    helmRecord('agents', 1, 'superseded', '1.2.0'),
    helmRecord('agents', 2, 'deployed', '1.3.0'),
    helmRecord('agents', 3, 'failed', '1.4.0'),
    daemonSet,
  ]);
}, 60_000);

afterAll(async () => {
  await backend?.dispose();
  await sandbox?.stop();
});

describe('sandbox Secrets', () => {
  it('stores stringData as base64 data, on create and on update, as a real API server does', async () => {
    const data = await kubectl(['get', 'secret', 'agent-token', '-n', NS, '-o', 'jsonpath={.data.token}']);
    expect(Buffer.from(data, 'base64').toString('utf8')).toBe(TOKEN);
    const stored = JSON.parse(await kubectl(['get', 'secret', 'agent-token', '-n', NS, '-o', 'json'])) as {
      stringData?: unknown;
    };
    expect(stored.stringData).toBeUndefined();
    // An update merges stringData over data: its keys win, the others stay.
    await apply([
      {
        apiVersion: 'v1',
        kind: 'Secret',
        metadata: { name: 'merge-me', namespace: NS },
        data: { a: Buffer.from('one').toString('base64'), b: Buffer.from('two').toString('base64') },
      },
    ]);
    await kubectl(['patch', 'secret', 'merge-me', '-n', NS, '--type=merge', '-p', '{"stringData":{"b":"zwei"}}']);
    const merged = JSON.parse(await kubectl(['get', 'secret', 'merge-me', '-n', NS, '-o', 'json'])) as {
      data: Record<string, string>;
      stringData?: unknown;
    };
    expect(
      Object.fromEntries(Object.entries(merged.data).map(([k, v]) => [k, Buffer.from(v, 'base64').toString()])),
    ).toEqual({ a: 'one', b: 'zwei' });
    expect(merged.stringData).toBeUndefined();
  });
});

describe('references of a DaemonSet', () => {
  it('lists every referenced object with where it is used, a missing one and an optional one said so', async () => {
    const { items } = await client.services.refs.list(context, NS, 'linked');
    const brief = items.map((i) => [i.kind, i.name, i.state, i.optional, i.missingKeys ?? []]);
    expect(brief).toEqual([
      ['ConfigMap', 'app-config', 'missing', false, []],
      ['ConfigMap', 'extra-config', 'missing', true, []],
      ['ConfigMap', 'present-config', 'present', false, ['no-such-key']],
      ['Secret', 'agent-token', 'present', false, []],
      ['Secret', 'registry-missing', 'missing', false, []],
      ['PersistentVolumeClaim', 'agent-data', 'missing', false, []],
      ['ServiceAccount', 'agent-sa', 'present', false, []],
    ]);
    const token = items.find((i) => i.name === 'agent-token');
    expect(token?.uses).toEqual([
      { via: 'projected', volume: 'bundle' },
      { via: 'env', container: 'agent', variable: 'TOKEN', key: 'token' },
    ]);
  });

  it('sends a Secret without its values until they are asked for, and never the last-applied copy', async () => {
    const hidden = await client.services.refs.get(context, 'Secret', NS, 'agent-token', { reveal: false });
    expect(hidden.secret).toEqual({ type: 'Opaque', entries: [{ key: 'token', bytes: 24 }], revealed: false });
    expect(hidden.manifest.data).toBeUndefined();
    // kubectl apply wrote the whole object (stringData included) into the last-applied annotation.
    const wire = JSON.stringify(hidden);
    expect(wire).not.toContain(TOKEN);
    expect(wire).not.toContain(Buffer.from(TOKEN).toString('base64'));
    expect(wire).not.toContain('last-applied-configuration');

    const shown = await client.services.refs.get(context, 'Secret', NS, 'agent-token', { reveal: true });
    expect(shown.secret?.entries).toEqual([{ key: 'token', bytes: 24, value: TOKEN }]);
    expect(shown.secret?.revealed).toBe(true);
  });

  it('sends a ConfigMap as stored, without managedFields; a missing one is a not-found error', async () => {
    const cm = await client.services.refs.get(context, 'ConfigMap', NS, 'present-config', { reveal: false });
    expect(cm.manifest.data).toEqual({ level: 'debug' });
    expect((cm.manifest.metadata as Record<string, unknown>).managedFields).toBeUndefined();
    const missing = await failure(client.services.refs.get(context, 'ConfigMap', NS, 'app-config', { reveal: false }));
    expect(missing?.code).toBe('not-found');
  });

  it('refuses a Secret to a user who may not read Secrets (403), and says which references it cannot check', async () => {
    // The developer's Role in team-b, without secrets.
    await kubectl([
      'patch',
      'role',
      'developer',
      '-n',
      NS,
      '--type=json',
      '-p',
      JSON.stringify([
        {
          op: 'replace',
          path: '/rules/1/resources',
          value: ['configmaps', 'events', 'persistentvolumeclaims', 'pods', 'pods/log'],
        },
      ]),
    ]);
    await client.services.clusters.connect(developer);
    const refused = await failure(client.services.refs.get(developer, 'Secret', NS, 'agent-token', { reveal: true }));
    expect(refused?.code).toBe('forbidden');
    expect(JSON.stringify(refused)).not.toContain(TOKEN);
    const { items } = await client.services.refs.list(developer, NS, 'linked');
    expect(items.filter((i) => i.kind === 'Secret').map((i) => i.state)).toEqual(['forbidden', 'forbidden']);
    expect(items.find((i) => i.name === 'app-config')?.state).toBe('missing');
    expect(await client.services.helm.release(developer, NS, 'agents')).toEqual({
      release: 'agents',
      namespace: NS,
      state: 'forbidden',
    });
  });
});

describe('Helm releases', () => {
  it('reads the highest deployed revision from its release Secret, and sends only its summary', async () => {
    const info = await client.services.helm.release(context, NS, 'agents');
    expect(info).toEqual({
      release: 'agents',
      namespace: NS,
      state: 'readable',
      revision: 2,
      status: 'deployed',
      chart: 'node-agent',
      chartVersion: '1.3.0',
      appVersion: '2.4.1',
      updated: '2026-12-02T10:00:00Z',
    });
    expect(await client.services.helm.release(context, NS, 'no-such-release')).toEqual({
      release: 'no-such-release',
      namespace: NS,
      state: 'none',
    });
  });

  it("marks the list's row of a Helm-managed DaemonSet with its release", async () => {
    const folder = client.folder(await client.open('daemonSets', context, NS));
    await waitFor(() => folder.rows.has(`${NS}/linked`), 15_000, 'the row');
    const row = folder.rows.get(`${NS}/linked`) as DaemonSetRow;
    expect(row.helm).toEqual({ release: 'agents', namespace: NS, chart: 'node-agent-1.3.0' });
  });
});
