import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { applyPatch, trackUpdate } from '../../../electron/sandbox-cluster/patch/index.js';
import type { KubeObject } from '../../../electron/sandbox-cluster/types.js';
import { containersOf, NOW } from './patch-fixtures.js';

const DAEMONSETS = { plural: 'daemonsets', group: 'apps' };

const APPLY = 'application/apply-patch+yaml';

function manifest(image: string, labels: Record<string, string> = { app: 'agent' }, env?: unknown[]) {
  return {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: { name: 'agent', namespace: 'team-a', labels },
    spec: {
      selector: { matchLabels: { app: 'agent' } },
      template: {
        metadata: { labels: { app: 'agent' } },
        spec: { containers: [{ name: 'app', image, ...(env ? { env } : {}) }] },
      },
    },
  };
}

function apply(current: KubeObject | undefined, config: unknown, manager: string, force?: boolean): KubeObject {
  return applyPatch(APPLY, current, stringify(config), {
    resource: DAEMONSETS,
    now: NOW,
    fieldManager: manager,
    force,
  });
}

function failure(fn: () => unknown): {
  code: number;
  reason: string;
  message: string;
  details?: { causes?: unknown[] };
} {
  try {
    fn();
  } catch (e) {
    return e as { code: number; reason: string; message: string };
  }
  throw new Error('expected a Status error');
}

function managers(object: KubeObject): string[] {
  return (object.metadata.managedFields as { manager: string; operation: string }[]).map(
    (m) => `${m.manager}/${m.operation}`,
  );
}

describe('server-side apply', () => {
  it('creates the object and records an Apply entry in FieldsV1', () => {
    const out = apply(undefined, manifest('app:1'), 'alice');
    expect(containersOf(out)[0]?.image).toBe('app:1');
    const [entry] = out.metadata.managedFields as Record<string, unknown>[];
    expect(entry).toMatchObject({
      manager: 'alice',
      operation: 'Apply',
      apiVersion: 'apps/v1',
      time: NOW,
      fieldsType: 'FieldsV1',
    });
    expect(entry?.fieldsV1).toEqual({
      'f:metadata': { 'f:labels': { 'f:app': {} } },
      'f:spec': {
        'f:selector': {},
        'f:template': {
          'f:metadata': { 'f:labels': { 'f:app': {} } },
          'f:spec': { 'f:containers': { 'k:{"name":"app"}': { '.': {}, 'f:image': {}, 'f:name': {} } } },
        },
      },
    });
  });

  it('refuses to change a field another applier owns, naming manager and path', () => {
    const live = apply(undefined, manifest('app:1'), 'alice');
    const err = failure(() => apply(live, manifest('app:2'), 'bob'));
    expect(err.code).toBe(409);
    expect(err.reason).toBe('Conflict');
    expect(err.message).toBe(
      'Apply failed with 1 conflict: conflict with "alice": .spec.template.spec.containers[name="app"].image',
    );
    expect(err.details?.causes).toEqual([
      {
        reason: 'FieldManagerConflict',
        message: 'conflict with "alice"',
        field: '.spec.template.spec.containers[name="app"].image',
      },
    ]);
  });

  it('shares ownership when a second applier sets the same values', () => {
    const live = apply(undefined, manifest('app:1'), 'alice');
    const out = apply(live, manifest('app:1'), 'bob');
    expect(managers(out)).toEqual(['alice/Apply', 'bob/Apply']);
  });

  it('lets force take the field from the other manager', () => {
    const live = apply(undefined, manifest('app:1', { app: 'agent', team: 'a' }), 'alice');
    const out = apply(live, manifest('app:2'), 'bob', true);
    expect(containersOf(out)[0]?.image).toBe('app:2');
    const alice = (out.metadata.managedFields as { manager: string; fieldsV1: unknown }[]).find(
      (m) => m.manager === 'alice',
    );
    expect(JSON.stringify(alice?.fieldsV1)).not.toContain('f:image');
    expect(JSON.stringify(alice?.fieldsV1)).toContain('f:team');
  });

  it('removes a field its applier stops applying, unless another manager owns it', () => {
    const live = apply(undefined, manifest('app:1', { app: 'agent', team: 'a', tier: 'x' }), 'alice');
    const shared = apply(
      live,
      { apiVersion: 'apps/v1', kind: 'DaemonSet', metadata: { name: 'agent', labels: { tier: 'x' } } },
      'bob',
    );
    const out = apply(shared, manifest('app:1', { app: 'agent' }), 'alice');
    expect(out.metadata.labels).toEqual({ app: 'agent', tier: 'x' });
  });

  it('drops exactly one of two env vars when the applier stops applying it', () => {
    const env2 = [
      { name: 'A', value: 'a' },
      { name: 'B', value: 'b' },
    ];
    const live = apply(undefined, manifest('app:1', undefined, env2), 'alice');
    const out = apply(live, manifest('app:1', undefined, [{ name: 'A', value: 'a' }]), 'alice');
    expect(containersOf(out)[0]?.env).toEqual([{ name: 'A', value: 'a' }]);
  });

  it('removes containers its dropped fields leave empty, as structured-merge-diff does', () => {
    const withVolume = (volume: Record<string, unknown>, annotations?: Record<string, string>) => {
      const m = manifest('app:1');
      const spec = m.spec.template.spec as Record<string, unknown>;
      spec.volumes = [{ name: 'logs', ...volume }];
      if (annotations) (m.spec.template.metadata as Record<string, unknown>).annotations = annotations;
      return m;
    };
    const live = apply(undefined, withVolume({ hostPath: { path: '/var/log' } }, { a: 'b' }), 'alice');
    const out = apply(live, withVolume({ emptyDir: {} }), 'alice');
    expect(out.spec.template.spec.volumes).toEqual([{ name: 'logs', emptyDir: {} }]);
    expect(out.spec.template.metadata).toEqual({ labels: { app: 'agent' } });
  });

  it('orders associative lists as structured-merge-diff merges them', () => {
    const e = (...names: string[]) => names.map((name) => ({ name, value: name.toLowerCase() }));
    const live = apply(undefined, manifest('app:1', undefined, e('A', 'B')), 'alice');
    const reordered = apply(live, manifest('app:1', undefined, e('B', 'A', 'C')), 'alice');
    expect((containersOf(reordered)[0]?.env as { name: string }[]).map((v) => v.name)).toEqual(['B', 'A', 'C']);
    const edited = structuredClone(live);
    edited.spec.template.spec.containers[0].env = e('A', 'L', 'B');
    const withForeign = trackUpdate('kubectl-edit', 'Update', live, edited, NOW);
    const out = apply(withForeign, manifest('app:1', undefined, e('B', 'A')), 'alice');
    expect((containersOf(out)[0]?.env as { name: string }[]).map((v) => v.name)).toEqual(['L', 'B', 'A']);
  });

  it('conflicts with client-side apply fields, printed with the Update apiVersion', () => {
    const created = trackUpdate(
      'kubectl-client-side-apply',
      'Update',
      undefined,
      {
        ...(manifest('app:1') as unknown as KubeObject),
        metadata: {
          name: 'agent',
          namespace: 'team-a',
          uid: 'u',
          resourceVersion: '1',
          creationTimestamp: NOW,
          labels: { app: 'agent' },
        },
      },
      NOW,
    );
    expect(managers(created)).toEqual(['kubectl-client-side-apply/Update']);
    const err = failure(() => apply(created, manifest('app:2'), 'kubectl'));
    expect(err.message).toBe(
      'Apply failed with 1 conflict: conflict with "kubectl-client-side-apply" using apps/v1: .spec.template.spec.containers[name="app"].image',
    );
  });

  it('gives updates ownership of what they change, so the previous applier then conflicts', () => {
    const live = apply(undefined, manifest('app:1'), 'alice');
    const edited = structuredClone(live);
    edited.spec.template.spec.containers[0].image = 'app:9';
    const updated = trackUpdate('kubectl-edit', 'Update', live, edited, NOW);
    expect(managers(updated)).toEqual(['alice/Apply', 'kubectl-edit/Update']);
    const err = failure(() => apply(updated, manifest('app:1'), 'alice'));
    expect(err.message).toContain(
      'conflict with "kubectl-edit" using apps/v1: .spec.template.spec.containers[name="app"].image',
    );
  });

  it('orders managedFields as the API server does: Apply first, then oldest first', () => {
    const base = { ...(manifest('app:1') as unknown as KubeObject) };
    base.metadata = { name: 'agent', namespace: 'team-a', uid: 'u', resourceVersion: '1', creationTimestamp: NOW };
    const created = trackUpdate('beta', 'Update', undefined, base, '2026-01-03T00:00:00Z');
    const applied = apply(created, manifest('app:1', { app: 'agent', x: 'y' }), 'zed');
    const edited = structuredClone(applied);
    edited.metadata.labels = { ...edited.metadata.labels, b: '2' };
    const out = trackUpdate('alpha', 'Update', applied, edited, '2026-01-01T00:00:00Z');
    expect(managers(out)).toEqual(['zed/Apply', 'alpha/Update', 'beta/Update']);
  });

  it('reports several conflicts grouped by manager', () => {
    const live = apply(undefined, manifest('app:1', { app: 'agent', team: 'a' }), 'alice');
    const err = failure(() => apply(live, manifest('app:2', { app: 'agent', team: 'b' }), 'bob'));
    expect(err.message).toBe(
      'Apply failed with 2 conflicts: conflicts with "alice":\n- .metadata.labels.team\n- .spec.template.spec.containers[name="app"].image',
    );
  });

  it('answers 400 for YAML that does not parse', () => {
    expect(
      failure(() => applyPatch(APPLY, undefined, 'a: [', { resource: DAEMONSETS, now: NOW, fieldManager: 'x' })).code,
    ).toBe(400);
  });
});
