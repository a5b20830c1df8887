// The wizard in update mode (wizard/wizard-edit.ts with the wizard and detail-edit stores) over the fake bridge: the
// live object read once with its resourceVersion, the create draft never touched by the update, an update set aside by
// Create and resumed as left, the PUT conditional on the version read with the selector untouched, and a 422 that
// keeps the form with the server's word at its field. The 409 path runs end to end against the sandbox
// (tests/e2e/detail-edit-form.spec.ts).
import { readFileSync } from 'node:fs';
import { createPinia, setActivePinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { WireResult } from '../../../../electron/contract/dto';
import { createApi, setApi } from '../../../../renderer/api/bridge';
import { useClustersStore } from '../../../../renderer/clusters/clusters';
import { useProjectsStore } from '../../../../renderer/clusters/projects';
import { useWizardStore } from '../../../../renderer/wizard/wizard';
import { useWizardEditStore } from '../../../../renderer/wizard/wizard-edit';
import { fakeBridge } from '../fake-bridge';
import { liveEditDraftKey } from '../../../../common/draft-keys';

const settle = async (ms = 0) => {
  for (let i = 0; i < 5; i++) await new Promise((resolve) => setTimeout(resolve, ms));
};
const ok = <T>(value: T): Promise<WireResult<T>> => Promise.resolve({ ok: true, value });
const live = (): Record<string, unknown> =>
  JSON.parse(readFileSync(new URL('./live-daemonset.json', import.meta.url), 'utf8')) as Record<string, unknown>;
const TARGET = { context: 'sandbox-admin', namespace: 'default', name: 'node-exporter' };
const LIVE_DRAFT = liveEditDraftKey(TARGET.context, TARGET.namespace, TARGET.name);

let fake: ReturnType<typeof fakeBridge>;
let storage: Map<string, string>;
let updates: { manifest: Record<string, unknown>; resourceVersion: string }[];
let updateAnswer: WireResult<{ resourceVersion: string }>;

beforeEach(async () => {
  storage = new Map();
  vi.stubGlobal('localStorage', {
    getItem: (key: string) => storage.get(key) ?? null,
    setItem: (key: string, value: string) => void storage.set(key, value),
    removeItem: (key: string) => void storage.delete(key),
  });
  setActivePinia(createPinia());
  fake = fakeBridge();
  updates = [];
  updateAnswer = { ok: true, value: { resourceVersion: '42' } };
  fake.bridge.wizard.nodes = () => ok({ allowed: true, value: [] });
  fake.bridge.wizard.projectResources = () =>
    ok({
      registrySecrets: { allowed: true, value: [] },
      configMaps: { allowed: true, value: [] },
      secrets: { allowed: true, value: [] },
      claims: { allowed: true, value: [] },
      quota: { allowed: true, value: {} },
      serviceAccounts: { allowed: true, value: ['default'] },
      priorityClasses: { allowed: true, value: [] },
      // Its own host port: no clash with itself.
      hostPorts: { allowed: true, value: [{ port: 9100, protocol: 'TCP', owner: 'default/node-exporter' }] },
    });
  fake.bridge.daemonsets.nameAvailable = () => ok(false);
  fake.bridge.detail.editable = () => ok({ manifest: live(), resourceVersion: '41' });
  fake.bridge.detail.update = (_c, _n, _name, manifest, resourceVersion) => {
    updates.push({ manifest, resourceVersion });
    return Promise.resolve(updateAnswer);
  };
  fake.bridge.editor.openapi = () => Promise.resolve({ ok: false, error: { code: 'internal', message: 'offline' } });
  setApi(createApi(fake.bridge));
  useClustersStore().init();
  useProjectsStore().init();
  await settle();
});

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('wizard in update mode', () => {
  it('shows the live object; the create draft stays as typed, in memory and in the backend; the edit has its own', async () => {
    const wizard = useWizardStore();
    wizard.open();
    wizard.form.name = 'my-draft';
    await settle(200);
    await settle(150);
    const saved = JSON.stringify(fake.drafts.get('wizard')?.value);
    expect(saved).toContain('my-draft');

    const edit = useWizardEditStore();
    expect(await edit.open(TARGET)).toBe(true);
    expect(wizard.mode).toBe('update');
    expect(wizard.form.name).toBe('node-exporter');
    expect(wizard.form.maxUnavailable).toBe('1');
    wizard.form.maxUnavailable = '2';
    await settle(200);
    await settle(150);
    // The live name is not a taken name, its own host port no clash, and the update is no creation draft.
    expect(wizard.issues.name).toBeUndefined();
    expect(JSON.stringify(wizard.issues)).not.toContain('hostPortTaken');
    expect(JSON.stringify(fake.drafts.get('wizard')?.value)).toBe(saved);
    // The edit's own draft: the version it started from and the form as changed.
    expect(fake.drafts.get(LIVE_DRAFT)?.value).toMatchObject({
      base: { resourceVersion: '41' },
      form: { name: 'node-exporter', maxUnavailable: '2' },
    });
    expect(edit.diff.map((l) => l.path)).toEqual(['spec.updateStrategy.rollingUpdate.maxUnavailable']);

    // Create meanwhile: the draft comes back; the update is set aside, then resumed as it was left.
    wizard.open();
    expect(wizard.mode).toBe('create');
    expect(wizard.form.name).toBe('my-draft');
    const reads = fake.calls.filter((c) => c.method === 'detail.editable').length;
    await edit.open(TARGET);
    expect(wizard.mode).toBe('update');
    expect(wizard.form.maxUnavailable).toBe('2');
    expect(fake.calls.filter((c) => c.method === 'detail.editable')).toHaveLength(reads);
  });

  it('Apply sends the form onto the version read, conditional on its resourceVersion, and closes', async () => {
    const wizard = useWizardStore();
    const edit = useWizardEditStore();
    await edit.open(TARGET);
    wizard.form.nodeSelector = [{ key: 'disk', value: 'ssd' }];
    expect(await edit.apply()).toBe(true);
    await settle();
    expect(updates).toHaveLength(1);
    const sent = updates[0];
    expect(sent?.resourceVersion).toBe('41');
    const spec = sent?.manifest.spec as { selector: unknown; template: { spec: Record<string, unknown> } };
    expect(spec.selector).toEqual({ matchLabels: { app: 'node-exporter' } });
    expect(spec.template.spec.nodeSelector).toEqual({ disk: 'ssd' });
    expect(spec.template.spec.securityContext).toEqual({ runAsNonRoot: true, runAsUser: 65534 });
    expect(wizard.mode).toBe('create');
    expect(wizard.isOpen).toBe(false);
    // Applied: its draft is gone.
    expect(fake.drafts.has(LIVE_DRAFT)).toBe(false);
  });

  it('nothing is sent while the pods would lose the selector label, or when nothing changed', async () => {
    const wizard = useWizardStore();
    const edit = useWizardEditStore();
    await edit.open(TARGET);
    expect(await edit.apply()).toBe(false);
    wizard.form.labels = [{ key: 'app', value: 'renamed' }];
    expect(await edit.apply()).toBe(false);
    expect(wizard.step).toBe('labels');
    expect(wizard.shownIssues('labels')[0]?.code).toBe('selectorLabels');
    expect(updates).toHaveLength(0);
  });

  it('a 422 keeps the form open in update mode with the server cause at its field', async () => {
    const wizard = useWizardStore();
    const edit = useWizardEditStore();
    await edit.open(TARGET);
    wizard.form.maxUnavailable = '3';
    updateAnswer = {
      ok: false,
      error: {
        code: 'invalid-argument',
        message: 'DaemonSet.apps "node-exporter" is invalid',
        causes: [{ field: 'spec.updateStrategy.rollingUpdate.maxUnavailable', message: 'must not be 3' }],
      },
    };
    expect(await edit.apply()).toBe(false);
    await settle();
    expect(wizard.mode).toBe('update');
    expect(wizard.form.maxUnavailable).toBe('3');
    expect(wizard.step).toBe('basic');
    expect(wizard.shownIssues('maxUnavailable').map((i) => i.message)).toContain('must not be 3');
    expect(edit.handedOver).toBe(false);
  });
});
