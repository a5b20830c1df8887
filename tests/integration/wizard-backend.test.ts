// The wizard's backend calls on a real sandbox: nodes and pickers (admin, and the developer who may not list nodes),
// server-side dry run and create, 422 and 409 on their fields.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { V1PodResourceClaim } from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type SandboxHandle } from '../../electron/sandbox-cluster/index.js';
import type { Backend } from '../../electron/backend/index.js';
import { backendFor, Client, connectedContext, contextOfRole, kubeconfigFileOf } from './backend-harness.js';

let sandbox: SandboxHandle;
let backend: Backend;
let client: Client;
let ADMIN: string;
let DEV: string;
let kubeconfigFile: string;

beforeAll(async () => {
  sandbox = await startSandbox({ speed: 25, nodes: 6 });
  const { file } = kubeconfigFileOf(sandbox);
  kubeconfigFile = file;
  ADMIN = contextOfRole(sandbox.kubeconfig, 'admin');
  DEV = contextOfRole(sandbox.kubeconfig, 'developer');
  ({ backend } = await backendFor([file]));
  client = new Client(backend);
  await connectedContext(client);
});

afterAll(async () => {
  await backend?.dispose();
  await sandbox?.stop();
});

// What the wizard writes for a one-container agent with a UDP host port and a HostPath (see the domain's unit tests).
function agent(name: string, cpuRequest = '50m'): Record<string, unknown> {
  const labels = { app: name };
  return {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: { name, namespace: 'team-a', labels },
    spec: {
      selector: { matchLabels: labels },
      updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1 } },
      template: {
        metadata: { labels },
        spec: {
          containers: [
            {
              name: 'main',
              image: 'busybox:1.36',
              ports: [{ name: 'udp-8125', containerPort: 8125, protocol: 'UDP', hostPort: 8125 }],
              resources: { requests: { cpu: cpuRequest }, limits: { cpu: '100m' } },
              volumeMounts: [{ name: 'varlog', mountPath: '/host/log', readOnly: true }],
            },
          ],
          volumes: [{ name: 'varlog', hostPath: { path: '/var/log', type: 'Directory' } }],
        },
      },
    },
  };
}

describe('pickers', () => {
  it('admin: nodes with labels and taints, project objects with keys but no secret values, quota and host ports', async () => {
    await client.services.clusters.switchContext(ADMIN);
    const nodes = await client.services.wizard.nodes(ADMIN);
    if (!nodes.allowed) throw new Error(nodes.message);
    expect(nodes.value.map((n) => n.name)).toContain('control-plane-1');
    expect(nodes.value.find((n) => n.name === 'control-plane-1')?.taints).toEqual([
      { key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' },
    ]);
    expect(nodes.value.find((n) => n.name === 'worker-5')?.unschedulable).toBe(true);

    const resources = await client.services.wizard.projectResources(ADMIN, 'team-a');
    expect(resources.registrySecrets).toEqual({ allowed: true, value: ['registry-credentials'] });
    expect(resources.configMaps).toEqual({
      allowed: true,
      value: [{ name: 'app-config', keys: ['FEATURE_FLAGS', 'LOG_LEVEL', 'app.properties'] }],
    });
    expect(resources.secrets).toMatchObject({
      allowed: true,
      value: expect.arrayContaining([{ name: 'registry-credentials', keys: ['.dockerconfigjson'] }]) as unknown,
    });
    expect(JSON.stringify(resources)).not.toContain('sandbox-placeholder');
    expect(JSON.stringify(resources)).not.toContain('auths');
    expect(resources.claims).toMatchObject({
      allowed: true,
      value: [
        { name: 'data-rwo', phase: 'Bound', accessModes: ['ReadWriteOnce'] },
        { name: 'shared-rwx', phase: 'Bound', accessModes: ['ReadWriteMany'] },
      ],
    });
    expect(resources.quota).toMatchObject({ allowed: true, value: { pods: { hard: '50' } } });
    expect(resources.hostPorts).toMatchObject({ allowed: true });
    if (resources.hostPorts.allowed) {
      expect(resources.hostPorts.value).toContainEqual({
        port: 9100,
        protocol: 'TCP',
        owner: 'monitoring/node-exporter',
      });
    }
  });

  it('developer: nodes are not allowed (no error), the project pickers still work', async () => {
    await client.services.clusters.switchContext(DEV);
    const nodes = await client.services.wizard.nodes(DEV);
    expect(nodes.allowed).toBe(false);
    const resources = await client.services.wizard.projectResources(DEV, 'team-a');
    expect(resources.configMaps.allowed).toBe(true);
    expect(resources.claims.allowed).toBe(true);
    // The developer cannot list DaemonSets cluster-wide: host ports come from the project only.
    expect(resources.hostPorts).toEqual({ allowed: true, value: [] });
    const name = await client.services.wizard.createRegistrySecret(DEV, 'team-a', {
      name: 'wizard-registry',
      server: 'registry.example.com',
      username: 'bot',
      password: 'not-a-real-password',
    });
    expect(name).toBe('wizard-registry');
    const after = await client.services.wizard.projectResources(DEV, 'team-a');
    expect(after.registrySecrets).toEqual({ allowed: true, value: ['registry-credentials', 'wizard-registry'] });
  });
});

describe('create', () => {
  it('a dry run validates and stores nothing; create stores; a second create is a 409 on the name', async () => {
    await client.services.clusters.switchContext(DEV);
    const dry = await client.services.daemonsets.create(DEV, 'team-a', agent('wizard-agent'), { dryRun: true });
    expect(dry.dryRun).toBe(true);
    expect(dry.object).toMatchObject({ metadata: { name: 'wizard-agent', namespace: 'team-a' } });
    expect(await client.services.daemonsets.nameAvailable(DEV, 'team-a', 'wizard-agent')).toBe(true);

    const created = await client.services.daemonsets.create(DEV, 'team-a', agent('wizard-agent'), { dryRun: false });
    expect(created.object).toMatchObject({ spec: { selector: { matchLabels: { app: 'wizard-agent' } } } });
    expect(await client.services.daemonsets.nameAvailable(DEV, 'team-a', 'wizard-agent')).toBe(false);

    const again = await client.services.daemonsets
      .create(DEV, 'team-a', agent('wizard-agent'), { dryRun: true })
      .catch((e: unknown) => e);
    expect(again).toMatchObject({ code: 'conflict', status: 409, causes: [{ field: 'metadata.name' }] });
  });

  it('a 422 names its field, which the renderer domain maps onto the form', async () => {
    const error = await client.services.daemonsets
      .create(DEV, 'team-a', agent('wizard-bad', '2'), { dryRun: true })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({
      code: 'invalid',
      status: 422,
      causes: [{ field: 'spec.template.spec.containers[0].resources.requests' }],
    });
    expect((error as { causes: { message: string }[] }).causes[0]?.message).toMatch(/cpu limit/);
  });

  it('refuses anything but a DaemonSet for the namespace named', async () => {
    const wrong = await client.services.daemonsets
      .create(DEV, 'team-a', { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'x' } }, { dryRun: true })
      .catch((e: unknown) => e);
    expect(wrong).toMatchObject({ code: 'invalid-argument' });
    const other = agent('elsewhere');
    (other.metadata as Record<string, unknown>).namespace = 'team-b';
    const moved = await client.services.daemonsets
      .create(DEV, 'team-a', other, { dryRun: true })
      .catch((e: unknown) => e);
    expect(moved).toMatchObject({ code: 'invalid-argument' });
  });

  it('sends the manifest as written: a field the server knows but client-node 1.4 models lack survives', async () => {
    // PodResourceClaim.source is served by the sandbox's API version but gone from client-node 1.4's V1PodResourceClaim,
    // whose typed serializer keeps only mapped attributes (checked here, so the test keeps its point after upgrades).
    const manifest = agent('wizard-claims');
    const podSpec = ((manifest.spec as Record<string, unknown>).template as { spec: Record<string, unknown> }).spec;
    podSpec.resourceClaims = [{ name: 'gpu', source: { resourceClaimTemplateName: 'gpu-template' } }];
    expect(V1PodResourceClaim.getAttributeTypeMap().map((a) => a.baseName)).not.toContain('source');

    await client.services.clusters.switchContext(DEV);
    const created = await client.services.daemonsets.create(DEV, 'team-a', manifest, { dryRun: false });
    expect(JSON.stringify(created.object)).toContain('gpu-template');
    const { stdout } = await promisify(execFile)(
      'kubectl',
      ['--kubeconfig', kubeconfigFile, '--context', ADMIN, 'get', 'ds', 'wizard-claims', '-n', 'team-a', '-o', 'json'],
      { timeout: 60_000 },
    );
    const stored = JSON.parse(stdout) as { spec: { template: { spec: { resourceClaims?: unknown } } } };
    expect(stored.spec.template.spec.resourceClaims).toEqual([
      { name: 'gpu', source: { resourceClaimTemplateName: 'gpu-template' } },
    ]);
  });
});
