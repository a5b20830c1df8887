// The coverage stream on a real sandbox: cells computed in the backend from the projected watches, a node leaving
// live, and a user who may not list nodes (the matrix says so and shows the nodes its pods run on).
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import type { MatrixDelta, MatrixRow } from '../../electron/contract/index.js';
import { startSandbox, type SandboxHandle } from '../../electron/sandbox-cluster/index.js';
import type { Backend } from '../../electron/backend/index.js';
import { backendFor, Client, connectedContext, kubeconfigFileOf, tempDir, waitFor } from './backend-harness.js';
import { kubectlOutput } from './kubectl.js';

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
  for (const delta of deltas) {
    if (delta.reset) rows.clear();
    for (const name of delta.removed) rows.delete(name);
    for (const row of delta.rows) rows.set(row.node.name, row);
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
});
