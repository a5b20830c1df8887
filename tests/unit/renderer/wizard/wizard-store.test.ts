// The wizard store: steps and where errors show, the live name check, server causes placed on their step and field,
// and the draft that survives closing.
import { createPinia, setActivePinia } from 'pinia';
import { beforeEach, describe, expect, it } from 'vitest';
import type { NodeSummary, ProjectResources, WireResult } from '../../../../electron/contract/dto';
import { createApi, setApi } from '../../../../renderer/api/bridge';
import { useClustersStore } from '../../../../renderer/clusters/clusters';
import { useProjectsStore } from '../../../../renderer/clusters/projects';
import { useWizardStore } from '../../../../renderer/wizard/wizard';
import { fakeBridge } from '../fake-bridge';

const settle = async (ms = 0) => {
  for (let i = 0; i < 5; i++) await new Promise((resolve) => setTimeout(resolve, ms));
};
const ok = <T>(value: T): Promise<WireResult<T>> => Promise.resolve({ ok: true, value });

const NODES: NodeSummary[] = ['a', 'b', 'c'].map((name) => ({
  name,
  labels: { 'kubernetes.io/hostname': name },
  taints: name === 'c' ? [{ key: 'dedicated', effect: 'NoSchedule' }] : [],
  unschedulable: false,
  ready: true,
}));
const RESOURCES: ProjectResources = {
  registrySecrets: { allowed: true, value: [] },
  configMaps: { allowed: true, value: [] },
  secrets: { allowed: true, value: [] },
  claims: { allowed: true, value: [] },
  quota: { allowed: true, value: { pods: { hard: '3', used: '2' } } },
  hostPorts: { allowed: true, value: [] },
  serviceAccounts: { allowed: true, value: ['default'] },
  priorityClasses: { allowed: true, value: ['system-node-critical'] },
};

let fake: ReturnType<typeof fakeBridge>;
const taken = new Set<string>();

beforeEach(async () => {
  setActivePinia(createPinia());
  fake = fakeBridge();
  taken.clear();
  fake.bridge.wizard.nodes = () => ok({ allowed: true, value: NODES });
  fake.bridge.wizard.projectResources = () => ok(RESOURCES);
  fake.bridge.daemonsets.nameAvailable = (_c, _n, name) => ok(!taken.has(name));
  setApi(createApi(fake.bridge));
  useClustersStore().init();
  useProjectsStore().init();
  await settle();
});

async function opened() {
  const wizard = useWizardStore();
  wizard.open();
  await settle();
  return wizard;
}

describe('wizard store', () => {
  it('opens in the selected project with the nodes and quota of the cluster', async () => {
    const wizard = await opened();
    expect(wizard.form.namespace).toBe('default');
    expect(wizard.desiredPods).toBe(2);
    expect(wizard.nodeCoverage?.find((n) => n.name === 'c')?.reason?.kind).toBe('taint');
    // 2 eligible nodes, room for 1 more pod: the review warns.
    expect(wizard.issues.quota?.[0]?.code).toBe('podQuota');
  });

  it('Next stays on a step with errors and shows them; steps open once the name is valid', async () => {
    const wizard = await opened();
    expect(wizard.shownIssues('name')).toEqual([]);
    expect(wizard.next()).toBe(false);
    expect(wizard.step).toBe('basic');
    expect(wizard.shownIssues('name').map((i) => i.code)).toEqual(['required']);
    expect(wizard.nameValid).toBe(false);
    wizard.form.name = 'agent';
    expect(wizard.nameValid).toBe(true);
    expect(wizard.next()).toBe(true);
    expect(wizard.step).toBe('pod');
    expect(wizard.next()).toBe(false);
    expect(wizard.stepErrors('pod')).toEqual(['containers.0.name', 'containers.0.image']);
  });

  it('a name taken in the project is an error on the name after the live check', async () => {
    taken.add('agent');
    const wizard = await opened();
    wizard.form.name = 'agent';
    await settle(120);
    expect(wizard.nameTaken).toBe(true);
    expect(wizard.shownIssues('name').map((i) => i.code)).toContain('nameTaken');
  });

  it('a 422 from create lands on its field and moves to its step; editing clears it', async () => {
    const wizard = await opened();
    wizard.form.name = 'agent';
    Object.assign(wizard.form.containers[0] ?? {}, { name: 'main', image: 'busybox:1.36', cpuLimit: '1' });
    fake.bridge.daemonsets.create = () =>
      Promise.resolve({
        ok: false,
        error: {
          code: 'invalid',
          status: 422,
          message: 'DaemonSet.apps "agent" is invalid',
          causes: [{ field: 'spec.template.spec.containers[0].resources.limits[cpu]', message: 'must be at most 1' }],
        },
      });
    wizard.goTo('review');
    expect(await wizard.dryRun()).toBe(false);
    expect(wizard.step).toBe('pod');
    expect(wizard.shownIssues('containers.0.cpuLimit')).toEqual([
      { severity: 'error', code: 'server', message: 'must be at most 1' },
    ]);
    const container = wizard.form.containers[0];
    if (container) container.cpuLimit = '2';
    await settle();
    expect(wizard.shownIssues('containers.0.cpuLimit')).toEqual([]);
  });

  it('closing keeps the draft; a successful create clears it', async () => {
    const wizard = await opened();
    wizard.form.name = 'agent';
    Object.assign(wizard.form.containers[0] ?? {}, { name: 'main', image: 'busybox:1.36' });
    wizard.close();
    wizard.open();
    expect(wizard.form.name).toBe('agent');
    let sent: unknown;
    fake.bridge.daemonsets.create = (_c, _n, manifest, options) => {
      sent = manifest;
      return ok({ object: manifest, dryRun: options.dryRun });
    };
    expect(await wizard.create()).toBe(true);
    expect(sent).toMatchObject({ metadata: { name: 'agent', namespace: 'default' } });
    expect(wizard.isOpen).toBe(false);
    expect(wizard.form.name).toBe('');
  });

  it('opened while the cluster is not connected, it reads the nodes once the cluster connects', async () => {
    fake.connection('unreachable');
    fake.bridge.wizard.nodes = () => Promise.resolve({ ok: false, error: { code: 'unreachable', message: 'down' } });
    const wizard = await opened();
    expect(wizard.nodeCoverage).toBeNull();
    fake.bridge.wizard.nodes = () => ok({ allowed: true, value: NODES });
    fake.connection('connected');
    await settle();
    expect(wizard.nodeCoverage?.map((n) => n.name)).toEqual(['a', 'b', 'c']);
  });
});
