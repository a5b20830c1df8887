// The editor's backend calls on a real sandbox: the cluster's /openapi/v3 through the session's credentials, and
// server-side apply (dry run with the live object, create, a conflict with kubectl's field manager, force).
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type SandboxHandle } from '../../electron/sandbox-cluster/index.js';
import type { Backend } from '../../electron/backend/index.js';
import { backendFor, Client, connectedContext, contextOfRole, kubeconfigFileOf, tempDir } from './backend-harness.js';

const run = promisify(execFile);
let sandbox: SandboxHandle;
let backend: Backend;
let client: Client;
let ADMIN: string;
let kubeconfig: string;

beforeAll(async () => {
  sandbox = await startSandbox({ speed: 25, nodes: 3 });
  kubeconfig = kubeconfigFileOf(sandbox).file;
  ADMIN = contextOfRole(sandbox.kubeconfig, 'admin');
  ({ backend } = await backendFor([kubeconfig]));
  client = new Client(backend);
  await connectedContext(client);
  await client.services.clusters.switchContext(ADMIN);
});

afterAll(async () => {
  await backend?.dispose();
  await sandbox?.stop();
});

const kubectl = async (...args: string[]): Promise<string> =>
  (await run('kubectl', ['--kubeconfig', kubeconfig, '--context', ADMIN, ...args], { timeout: 60_000 })).stdout;

function agent(image: string): Record<string, unknown> {
  const labels = { app: 'ed-agent' };
  return {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: { name: 'ed-agent', namespace: 'default', labels },
    spec: {
      selector: { matchLabels: labels },
      template: { metadata: { labels }, spec: { containers: [{ name: 'agent', image }] } },
    },
  };
}

describe('editor backend', () => {
  it('serves the cluster OpenAPI v3 document with DaemonSet descriptions', async () => {
    const doc = await client.services.editor.openapi(ADMIN, 'apps/v1');
    const schemas = (doc.components as { schemas: Record<string, { description?: string }> }).schemas;
    expect(schemas['io.k8s.api.apps.v1.DaemonSetSpec']?.description).toMatch(/daemon set/i);
    const core = await client.services.editor.openapi(ADMIN, 'v1');
    const coreSchemas = (core.components as { schemas: Record<string, { properties?: Record<string, unknown> }> })
      .schemas;
    expect(Object.keys(coreSchemas['io.k8s.api.core.v1.PodSpec']?.properties ?? {})).toContain('hostNetwork');
    await expect(client.services.editor.openapi(ADMIN, '../secrets')).rejects.toMatchObject({
      code: 'invalid-argument',
    });
  });

  it('dry run shows no live object, apply creates with manager everynode, kubectl sees it', async () => {
    const dry = await client.services.editor.apply(ADMIN, agent('busybox:1.36'), { dryRun: true, force: false });
    expect(dry.live).toBeNull();
    await expect(kubectl('get', 'daemonset', 'ed-agent', '-n', 'default')).rejects.toThrow(/not found/i);
    const applied = await client.services.editor.apply(ADMIN, agent('busybox:1.36'), { dryRun: false, force: false });
    expect(applied.dryRun).toBe(false);
    const seen = JSON.parse(
      await kubectl('get', 'daemonset', 'ed-agent', '-n', 'default', '-o', 'json', '--show-managed-fields'),
    ) as {
      metadata: { managedFields: { manager: string; operation: string }[] };
    };
    expect(seen.metadata.managedFields).toContainEqual(
      expect.objectContaining({ manager: 'everynode', operation: 'Apply' }),
    );
  });

  it('a field owned by another manager is a 409 naming it; force takes it over', async () => {
    const other = JSON.stringify(agent('busybox:1.37'));
    const file = path.join(tempDir('everynode-other-'), 'ds.json');
    fs.writeFileSync(file, other);
    await kubectl('apply', '--server-side', '--field-manager=other', '--force-conflicts', '-f', file);
    const dry = await client.services.editor
      .apply(ADMIN, agent('busybox:1.38'), { dryRun: true, force: false })
      .catch((e: unknown) => e);
    expect(dry).toMatchObject({ status: 409 });
    expect((dry as { causes: unknown[] }).causes).toContainEqual({
      message: 'conflict with "other"',
      field: '.spec.template.spec.containers[name="agent"].image',
      reason: 'FieldManagerConflict',
    });
    const forced = await client.services.editor.apply(ADMIN, agent('busybox:1.38'), { dryRun: false, force: true });
    expect(JSON.stringify(forced.result)).toContain('busybox:1.38');
    expect(
      await kubectl(
        'get',
        'daemonset',
        'ed-agent',
        '-n',
        'default',
        '-o',
        'jsonpath={.spec.template.spec.containers[0].image}',
      ),
    ).toBe('busybox:1.38');
  });
});

describe('editor suggestions', () => {
  const TEAM_IMAGE = 'registry.example.com/team-a/agent:2';
  const team = { ...agent(TEAM_IMAGE), metadata: { name: 'team-agent', namespace: 'team-a' } };

  it("answers the cluster's images, the project's ConfigMap and Secret names, node label keys, and no Secret data", async () => {
    const file = path.join(tempDir('everynode-team-'), 'ds.json');
    fs.writeFileSync(file, JSON.stringify(team));
    await kubectl('apply', '-f', file);
    const answer = await client.services.editor.suggestions(ADMIN, 'team-a');
    // kubectl is the oracle: every DaemonSet's images, every node's label keys, the project's names.
    const images = (await kubectl('get', 'daemonsets', '-A', '-o', 'jsonpath={..image}')).split(/\s+/).filter(Boolean);
    expect(answer.images).toEqual([...new Set(images)].sort());
    expect(answer.images).toEqual(expect.arrayContaining([TEAM_IMAGE, 'busybox:1.38']));
    const nodes = JSON.parse(await kubectl('get', 'nodes', '-o', 'json')) as {
      items: { metadata: { labels?: Record<string, string> } }[];
    };
    const keys = new Set(nodes.items.flatMap((n) => Object.keys(n.metadata.labels ?? {})));
    expect(answer.nodeLabelKeys).toEqual([...keys].sort());
    expect(answer.nodeLabelKeys).toContain('kubernetes.io/hostname');
    const names = async (kind: string) =>
      (await kubectl('get', kind, '-n', 'team-a', '-o', 'jsonpath={.items[*].metadata.name}')).split(' ').sort();
    expect(answer.configMaps).toEqual(await names('configmaps'));
    expect(answer.configMaps).toContain('app-config');
    expect(answer.secrets).toEqual(await names('secrets'));
    expect(answer.secrets).toContain('registry-credentials');
    const data = await kubectl('get', 'secret', 'registry-credentials', '-n', 'team-a', '-o', 'jsonpath={.data}');
    const value = Object.values(JSON.parse(data) as Record<string, string>)[0] ?? '';
    expect(value.length).toBeGreaterThan(20);
    expect(JSON.stringify(answer)).not.toContain(value.slice(0, 20));
    expect(JSON.stringify(answer)).not.toContain('sandbox-placeholder');
  });

  it("a developer gets the project's images only and no node label keys, without an error", async () => {
    const dev = contextOfRole(sandbox.kubeconfig, 'developer');
    await client.services.clusters.switchContext(dev);
    await connectedContext(client);
    const answer = await client.services.editor.suggestions(dev, 'team-a');
    expect(answer.images).toEqual([TEAM_IMAGE]);
    expect(answer.nodeLabelKeys).toEqual([]);
    expect(answer.configMaps).toContain('app-config');
    await client.services.clusters.switchContext(ADMIN);
  });
});
