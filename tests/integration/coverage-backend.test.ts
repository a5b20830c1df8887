// The coverage stream on a real sandbox: cells computed in the backend from the projected watches, a node leaving
// live, a user who may not list nodes (the matrix says so and shows the nodes its pods run on), a user who may list
// pods in some namespaces only (one pod watch per namespace it may list; the others named, their cells unknown), a pod
// stuck on a missing ConfigMap (FailedMount, from its Warning event), and a template change sent as its column only
// (the live matrix, judged in part, then equal to a fresh one).
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import type { MatrixDelta, MatrixRow } from '../../electron/contract/index.js';
import { startSandbox, type SandboxHandle } from '../../electron/sandbox-cluster/index.js';
import type { Backend } from '../../electron/backend/index.js';
import { backendFor, Client, connectedContext, kubeconfigFileOf, tempDir, waitFor } from './backend-harness.js';
import { kubectlOutput } from './kubectl.js';
import { applyPicture } from '../../common/matrix-delta.js';
import { daemonSetYaml } from '../support/manifests.js';

let sandbox: SandboxHandle;
let backend: Backend;
let client: Client;
let kubeconfigFile: string;
const ADMIN = 'sandbox-admin';
const DEV = 'sandbox-developer';

/** The rows a renderer would hold, folded from a coverage stream's deltas. */
function fold(id: string): { rows: Map<string, MatrixRow>; last?: MatrixDelta } {
  const rows = new Map<string, MatrixRow>();
  const deltas = client.deltas(id, 'coverage');
  let columns: string[] = [];
  for (const delta of deltas) {
    const next = delta.columns.map((c) => c.key);
    applyPicture(rows, columns, next, delta);
    columns = next;
  }
  return { rows, last: deltas.at(-1) };
}

const states = (id: string): Record<string, string> =>
  Object.fromEntries([...fold(id).rows].map(([name, row]) => [name, row.cells.map((c) => c.state).join(',')]));

beforeAll(async () => {
  sandbox = await startSandbox({ speed: 25, nodes: 3 });
  ({ file: kubeconfigFile } = kubeconfigFileOf(sandbox));
  const manifest = path.join(tempDir('everynode-coverage-'), 'agent.yaml');
  fs.writeFileSync(
    manifest,
    stringify({
      apiVersion: 'apps/v1',
      kind: 'DaemonSet',
      metadata: { name: 'agent', namespace: 'team-a' },
      spec: {
        selector: { matchLabels: { app: 'agent' } },
        template: {
          metadata: { labels: { app: 'agent' } },
          spec: { containers: [{ name: 'a', image: 'busybox', resources: { requests: { cpu: '10m' } } }] },
        },
      },
    }),
  );
  await kubectlOutput(['apply', '-f', manifest], kubeconfigFile);
  // The developer (pods only in team-a and team-b, by its Roles) may also list namespaces, DaemonSets and their
  // revisions cluster-wide: it opens All projects, where the pods of the other namespaces stay unseen.
  const reader = path.join(path.dirname(manifest), 'reader.yaml');
  const rbac = 'rbac.authorization.k8s.io';
  fs.writeFileSync(
    reader,
    [
      {
        apiVersion: `${rbac}/v1`,
        kind: 'ClusterRole',
        metadata: { name: 'daemonset-reader' },
        rules: [
          { apiGroups: [''], resources: ['namespaces'], verbs: ['get', 'list', 'watch'] },
          { apiGroups: ['apps'], resources: ['daemonsets'], verbs: ['get', 'list', 'watch'] },
        ],
      },
      {
        apiVersion: `${rbac}/v1`,
        kind: 'ClusterRoleBinding',
        metadata: { name: 'developer-daemonset-reader' },
        roleRef: { apiGroup: rbac, kind: 'ClusterRole', name: 'daemonset-reader' },
        subjects: [{ apiGroup: rbac, kind: 'User', name: 'developer' }],
      },
    ]
      .map((doc) => stringify(doc))
      .join('---\n'),
  );
  await kubectlOutput(['apply', '-f', reader], kubeconfigFile);
  ({ backend } = await backendFor([kubeconfigFile]));
  client = new Client(backend);
  await connectedContext(client);
});

afterAll(async () => {
  await backend?.dispose();
  await sandbox?.stop();
});

describe('coverage stream', () => {
  it('sends every node with its cell, and drops a node that leaves', async () => {
    const id = await client.open('coverage', ADMIN, 'team-a');
    const want = { 'control-plane-1': 'notWanted', 'worker-1': 'available', 'worker-2': 'available' };
    await waitFor(() => JSON.stringify(states(id)) === JSON.stringify(want), 20_000, 'every cell');
    const { rows, last } = fold(id);
    expect(last?.columns.map((c) => [c.key, c.eligible, c.covered])).toEqual([['team-a/agent', 2, 2]]);
    expect(rows.get('control-plane-1')?.cells[0]?.why).toEqual({
      kind: 'taint',
      detail: 'node-role.kubernetes.io/control-plane:NoSchedule',
    });
    expect(rows.get('worker-1')?.node.labels['topology.kubernetes.io/zone']).toBeTruthy();

    await kubectlOutput(['delete', 'node', 'worker-2'], kubeconfigFile);
    await waitFor(() => !fold(id).rows.has('worker-2'), 20_000, 'worker-2 gone');
    expect(client.deltas(id, 'coverage').some((d) => !d.reset && d.removed.includes('worker-2'))).toBe(true);
    await client.services.streams.dispose(id);
  });

  it('for a user who may not list nodes, says so and shows the nodes its pods run on', async () => {
    await client.services.clusters.connect(DEV);
    await waitFor(
      async () => (await client.services.clusters.getState()).contexts.some((c) => c.name === DEV),
      15_000,
      'developer context',
    );
    const id = await client.open('coverage', DEV, 'team-a');
    await waitFor(() => fold(id).last?.synced === true && fold(id).rows.size > 0, 20_000, 'developer matrix');
    const { rows, last } = fold(id);
    expect(last?.nodesForbidden).toBe(true);
    expect(last?.forbiddenNamespaces).toEqual([]);
    // Only the nodes its pods are bound to: the control plane (no pod, eligibility unknown) is not there.
    expect([...rows.keys()]).toEqual(['worker-1']);
    expect(rows.get('worker-1')?.cells.map((c) => c.state)).toEqual(['available']);
    await client.services.streams.dispose(id);
  });

  it('for a user who may list pods in some namespaces only, watches those and names the others', async () => {
    const id = await client.open('coverage', DEV, '*');
    await waitFor(() => fold(id).last?.synced === true && fold(id).rows.size > 0, 20_000, 'developer, all projects');
    const { rows, last } = fold(id);
    const namespaces = (
      await kubectlOutput(['get', 'ds', '-A', '-o', 'jsonpath={.items[*].metadata.namespace}'], kubeconfigFile)
    )
      .split(' ')
      .filter((ns) => ns !== '' && ns !== 'team-a' && ns !== 'team-b');
    expect(namespaces.length).toBeGreaterThan(0);
    expect(last?.forbiddenNamespaces).toEqual([...new Set(namespaces)].sort());
    expect(last?.error).toBeUndefined();
    const keys = last?.columns.map((c) => c.key) ?? [];
    const cells = rows.get('worker-1')?.cells ?? [];
    // Seen where the user may list pods, unknown (never missing) where it may not.
    expect(cells[keys.indexOf('team-a/agent')]?.state).toBe('available');
    keys.forEach((key, i) => {
      if (namespaces.includes(key.split('/')[0] ?? '')) expect(cells[i]?.state, key).toBe('unknown');
    });
    await client.services.streams.dispose(id);
  });

  it('names FailedMount in the cell of a pod stuck on a missing ConfigMap, and sends a template change as its column', async () => {
    const id = await client.open('coverage', ADMIN, 'team-a');
    await waitFor(() => fold(id).last?.synced === true, 20_000, 'admin matrix');
    const manifest = path.join(tempDir('everynode-mount-'), 'mount.yaml');
    const mounts = `containers: [{ name: m, image: busybox, volumeMounts: [{ name: cfg, mountPath: /cfg }] }]
volumes: [{ name: cfg, configMap: { name: agent-config } }]`;
    fs.writeFileSync(manifest, daemonSetYaml('mounts', 'team-a', mounts));
    await kubectlOutput(['apply', '-f', manifest], kubeconfigFile);
    const cell = (column: string) => {
      const { rows, last } = fold(id);
      return rows.get('worker-1')?.cells[last?.columns.findIndex((c) => c.key === column) ?? -1];
    };
    const reason = () => {
      const why = cell('team-a/mounts')?.why;
      return why?.kind === 'pod' ? why.reason : undefined;
    };
    await waitFor(() => reason() === 'FailedMount', 20_000, 'the FailedMount cell');
    expect(cell('team-a/mounts')).toMatchObject({
      state: 'failing',
      why: { kind: 'pod', reason: 'FailedMount', message: expect.stringContaining('agent-config') },
    });

    // A new template of `agent`: the deltas after it patch that column's cells, never the whole matrix again.
    const sent = client.deltas(id, 'coverage').length;
    const oldPod = cell('team-a/agent')?.pod;
    await kubectlOutput(['set', 'env', 'ds/agent', '-n', 'team-a', 'ROUND=2'], kubeconfigFile);
    await waitFor(
      () => cell('team-a/agent')?.state === 'available' && cell('team-a/agent')?.pod !== oldPod,
      20_000,
      'the new template rolled out',
    );
    const after = client.deltas(id, 'coverage').slice(sent);
    expect(after.every((d) => !d.reset)).toBe(true);
    expect(after.some((d) => d.patches.some((p) => 'team-a/agent' in p.cells))).toBe(true);
    for (const delta of after) {
      for (const patch of delta.patches) expect(Object.keys(patch.cells)).not.toContain('team-a/mounts');
    }
    // Judged in part (a changed pod's column and the cells missing a pod), the live matrix equals one judged whole.
    const whole = (stream: string) =>
      [...fold(stream).rows].map(([name, row]) => [name, row.cells, row.ok, row.expected]);
    // The columns' counts are kept as rows change, not counted again: they too equal a fresh count.
    const counts = (stream: string) => fold(stream).last?.columns.map((c) => [c.key, c.eligible, c.covered]);
    const live = whole(id);
    const liveCounts = counts(id);
    await client.services.streams.dispose(id);
    const fresh = await client.open('coverage', ADMIN, 'team-a');
    await waitFor(() => fold(fresh).last?.synced === true, 20_000, 'a fresh matrix');
    expect(whole(fresh)).toEqual(live);
    expect(counts(fresh)).toEqual(liveCounts);
    await client.services.streams.dispose(fresh);
    await kubectlOutput(['delete', 'ds', 'mounts', '-n', 'team-a'], kubeconfigFile);
  });
});
