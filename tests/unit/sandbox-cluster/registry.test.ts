import { builtinKinds } from '../../../electron/sandbox-cluster/kinds/builtins.js';
import { KindCatalog } from '../../../electron/sandbox-cluster/kinds/catalog.js';
import { describe, expect, it } from 'vitest';
import { StatusError } from '../../../electron/sandbox-cluster/errors.js';
import { EventRecorder } from '../../../electron/sandbox-cluster/registry/events.js';
import { Registry } from '../../../electron/sandbox-cluster/registry/registry.js';
import { ObjectStore } from '../../../electron/sandbox-cluster/store/store.js';
import type { KubeObject } from '../../../electron/sandbox-cluster/types.js';

function setup(): Registry {
  const registry = new Registry(
    new ObjectStore(),
    () => Date.parse('2026-01-01T00:00:00Z'),
    new KindCatalog(builtinKinds()),
  );
  registry.create('namespaces', {
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: { name: 'team-a' },
  } as unknown as KubeObject);
  return registry;
}

function ds(name = 'web', image = 'nginx:1.25'): KubeObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: { name, namespace: 'team-a' },
    spec: {
      selector: { matchLabels: { app: name } },
      template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'web', image }] } },
    },
    status: { numberReady: 7 },
  } as unknown as KubeObject;
}

function statusOf(fn: () => unknown): StatusError {
  try {
    fn();
  } catch (e) {
    if (e instanceof StatusError) return e;
    throw e;
  }
  throw new Error('expected a StatusError');
}

describe('DaemonSet registry strategy', () => {
  it('clears status, sets generation 1 and defaults on create', () => {
    const r = setup();
    const created = r.create('daemonsets', ds());
    expect(created.metadata.generation).toBe(1);
    expect(created.status.numberReady).toBe(0);
    expect(created.metadata.annotations?.['deprecated.daemonset.template.generation']).toBe('1');
    expect(created.spec.updateStrategy).toEqual({
      type: 'RollingUpdate',
      rollingUpdate: { maxUnavailable: 1, maxSurge: 0 },
    });
    expect(created.spec.template.spec.containers[0].imagePullPolicy).toBe('IfNotPresent');
  });

  it('bumps generation and template generation on template changes only', () => {
    const r = setup();
    const created = r.create('daemonsets', ds());
    const meta = r.update('daemonsets', { ...created, metadata: { ...created.metadata, labels: { x: 'y' } } });
    expect(meta.metadata.generation).toBe(1);
    const spec = r.update('daemonsets', { ...meta, spec: { ...meta.spec, minReadySeconds: 5 } });
    expect(spec.metadata.generation).toBe(2);
    expect(spec.metadata.annotations?.['deprecated.daemonset.template.generation']).toBe('1');
    const changed = structuredClone(spec);
    changed.spec.template.spec.containers[0].image = 'nginx:1.26';
    const template = r.update('daemonsets', changed);
    expect(template.metadata.generation).toBe(3);
    expect(template.metadata.annotations?.['deprecated.daemonset.template.generation']).toBe('2');
  });

  it('keeps status on update and spec on status writes', () => {
    const r = setup();
    const created = r.create('daemonsets', ds());
    const withStatus = r.update('daemonsets', { ...created, status: { numberReady: 3 } }, { subresource: 'status' });
    expect(withStatus.status.numberReady).toBe(3);
    const ignored = r.update('daemonsets', { ...withStatus, status: { numberReady: 9 } });
    expect(ignored.status.numberReady).toBe(3);
    const specIgnored = r.update(
      'daemonsets',
      { ...ignored, spec: { ...ignored.spec, minReadySeconds: 9 }, status: { numberReady: 4 } },
      { subresource: 'status' },
    );
    expect(specIgnored.spec.minReadySeconds).toBeUndefined();
    expect(specIgnored.status.numberReady).toBe(4);
  });

  it('stores a status write as the old object with a copy of the new status, sharing the rest', () => {
    const r = setup();
    const created = r.create('daemonsets', ds());
    const condition = { type: 'Ready', status: 'True' };
    const status = { numberReady: 5, conditions: [condition] };
    const written = r.update('daemonsets', { ...created, status }, { subresource: 'status' });
    const stored = r.get('daemonsets', 'team-a', 'web');
    expect(stored).toBe(written);
    // The spec is the stored one itself, not a copy; metadata is new (it carries the new resourceVersion).
    expect(stored.spec).toBe(created.spec);
    expect(stored.metadata).not.toBe(created.metadata);
    expect(Number(stored.metadata.resourceVersion)).toBeGreaterThan(Number(created.metadata.resourceVersion));
    expect(stored.metadata.uid).toBe(created.metadata.uid);
    expect(created.status.numberReady).toBe(0);
    // The caller's status object is copied: changing it later does not reach the store.
    expect(stored.status).not.toBe(status);
    condition.status = 'False';
    expect(stored.status.conditions[0].status).toBe('True');
  });

  it('answers a stale resourceVersion with the exact 409', () => {
    const r = setup();
    const created = r.create('daemonsets', ds());
    r.update('daemonsets', { ...created, metadata: { ...created.metadata, labels: { a: 'b' } } });
    const e = statusOf(() =>
      r.update('daemonsets', { ...created, metadata: { ...created.metadata, labels: { c: 'd' } } }),
    );
    expect(e.code).toBe(409);
    expect(e.message).toBe(
      'Operation cannot be fulfilled on daemonsets.apps "web": the object has been modified; please apply your changes to the latest version and try again',
    );
  });

  it('reports AlreadyExists and NotFound with qualified names', () => {
    const r = setup();
    r.create('daemonsets', ds());
    expect(statusOf(() => r.create('daemonsets', ds())).message).toBe('daemonsets.apps "web" already exists');
    expect(statusOf(() => r.get('daemonsets', 'team-a', 'nope')).message).toBe('daemonsets.apps "nope" not found');
    expect(
      statusOf(() =>
        r.create('configmaps', {
          apiVersion: 'v1',
          kind: 'ConfigMap',
          metadata: { name: 'x', namespace: 'missing' },
        } as unknown as KubeObject),
      ).message,
    ).toBe('namespaces "missing" not found');
  });

  it('validates with field causes', () => {
    const r = setup();
    const bad = ds('Bad_Name');
    const e = statusOf(() => r.create('daemonsets', bad));
    expect(e.code).toBe(422);
    expect(e.message).toMatch(
      /^DaemonSet.apps "Bad_Name" is invalid: metadata.name: Invalid value: "Bad_Name": a lowercase RFC 1123 subdomain/,
    );
    expect(e.details?.causes?.[0]).toMatchObject({ reason: 'FieldValueInvalid', field: 'metadata.name' });

    const mismatch = ds('web');
    mismatch.spec.template.metadata.labels = { app: 'other' };
    const m = statusOf(() => r.create('daemonsets', mismatch));
    expect(m.message).toBe(
      'DaemonSet.apps "web" is invalid: spec.template.metadata.labels: Invalid value: map[string]string{"app":"other"}: `selector` does not match template `labels`',
    );
    const empty = ds('web');
    empty.spec.selector = {};
    expect(statusOf(() => r.create('daemonsets', empty)).details?.causes).toContainEqual(
      expect.objectContaining({
        field: 'spec.selector',
        message: expect.stringContaining('empty selector is invalid for daemonset') as unknown,
      }),
    );
  });

  it('refuses selector changes and bad quantities', () => {
    const r = setup();
    const created = r.create('daemonsets', ds());
    const changed = structuredClone(created);
    changed.spec.selector = { matchLabels: { app: 'web', extra: 'x' } };
    changed.spec.template.metadata.labels = { app: 'web', extra: 'x' };
    expect(statusOf(() => r.update('daemonsets', changed)).details?.causes?.[0]?.message).toContain(
      'field is immutable',
    );
    const q = ds('q');
    q.spec.template.spec.containers[0].resources = { limits: { cpu: 'lots' } };
    expect(statusOf(() => r.create('daemonsets', q)).code).toBe(400);
  });

  it('persists nothing on dry run', () => {
    const r = setup();
    const before = r.store.currentRv();
    const result = r.create('daemonsets', ds(), { dryRun: true });
    expect(result.metadata.uid).toBeTruthy();
    expect(r.store.currentRv()).toBe(before);
    expect(r.store.get('daemonsets', 'team-a', 'web')).toBeUndefined();
  });
});

describe('deletion', () => {
  function pod(r: Registry, name: string, owner?: KubeObject): KubeObject {
    return r.create('pods', {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        name,
        namespace: 'team-a',
        ownerReferences: owner
          ? [
              {
                apiVersion: 'apps/v1',
                kind: 'DaemonSet',
                name: owner.metadata.name,
                uid: owner.metadata.uid,
                controller: true,
              },
            ]
          : undefined,
      },
      spec: { nodeName: 'worker-1', containers: [{ name: 'c', image: 'busybox' }] },
    } as unknown as KubeObject);
  }

  it('marks scheduled pods terminating with their grace period, and removes them with grace 0', () => {
    const r = setup();
    pod(r, 'p');
    const first = r.delete('pods', 'team-a', 'p');
    expect(first.finished).toBe(false);
    expect(first.object.metadata.deletionGracePeriodSeconds).toBe(30);
    expect(first.object.metadata.deletionTimestamp).toBe('2026-01-01T00:00:30Z');
    expect(r.delete('pods', 'team-a', 'p', { gracePeriodSeconds: 0 }).finished).toBe(true);
    expect(r.store.get('pods', 'team-a', 'p')).toBeUndefined();
  });

  it('defaults a pod container request to its limit, and host-network ports onto the host (pods only)', () => {
    const r = setup();
    const created = r.create('pods', {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'agent', namespace: 'team-a' },
      spec: {
        hostNetwork: true,
        containers: [
          {
            name: 'c',
            image: 'busybox:1.36',
            ports: [{ containerPort: 9100 }],
            resources: { requests: { memory: '64Mi' }, limits: { cpu: '200m', memory: '128Mi' } },
          },
        ],
      },
    } as unknown as KubeObject);
    const c = (created.spec as { containers: Record<string, unknown>[] }).containers[0];
    expect(c?.resources).toEqual({
      requests: { memory: '64Mi', cpu: '200m' },
      limits: { cpu: '200m', memory: '128Mi' },
    });
    expect(c?.ports).toEqual([{ containerPort: 9100, hostPort: 9100, protocol: 'TCP' }]);
    const template = r.create('daemonsets', {
      ...ds('agent'),
      spec: {
        ...ds('agent').spec,
        template: {
          metadata: { labels: { app: 'agent' } },
          spec: {
            hostNetwork: true,
            containers: [{ name: 'c', image: 'busybox:1.36', ports: [{ containerPort: 9100 }] }],
          },
        },
      },
    } as unknown as KubeObject);
    expect(template.spec.template.spec.containers[0].ports).toEqual([{ containerPort: 9100, protocol: 'TCP' }]);
  });

  it('orphans dependents on Orphan and waits on dependents for Foreground', () => {
    const r = setup();
    const owner = r.create('daemonsets', ds());
    pod(r, 'child', owner);
    const orphaned = r.delete('daemonsets', 'team-a', 'web', { propagationPolicy: 'Orphan' });
    expect(orphaned.finished).toBe(true);
    expect(r.store.get('pods', 'team-a', 'child')?.metadata.ownerReferences).toBeUndefined();

    const owner2 = r.create('daemonsets', ds('web2'));
    pod(r, 'child2', owner2);
    const fg = r.delete('daemonsets', 'team-a', 'web2', { propagationPolicy: 'Foreground' });
    expect(fg.finished).toBe(false);
    expect(fg.object.metadata.finalizers).toEqual(['foregroundDeletion']);
    // Removing the last finalizer (what the garbage collector does) completes the deletion.
    const current = r.get('daemonsets', 'team-a', 'web2');
    r.update('daemonsets', { ...current, metadata: { ...current.metadata, finalizers: [] } });
    expect(r.store.get('daemonsets', 'team-a', 'web2')).toBeUndefined();
  });
});

describe('event recording', () => {
  it('aggregates repeats into one Event with a count, and keeps distinct events apart', () => {
    const r = setup();
    const owner = r.create('daemonsets', ds());
    const recorder = new EventRecorder(r, () => Date.now());
    const source = { component: 'daemonset-controller' };
    recorder.record(owner, 'Warning', 'FailedCreate', 'Error creating: quota', source);
    recorder.record(owner, 'Warning', 'FailedCreate', 'Error creating: quota', source);
    recorder.record(owner, 'Normal', 'SuccessfulCreate', 'Created pod: x', source);
    const events = r.store.list('events', 'team-a');
    expect(events).toHaveLength(2);
    const failed = events.find((e) => e.reason === 'FailedCreate');
    expect(failed).toMatchObject({
      count: 2,
      type: 'Warning',
      source: { component: 'daemonset-controller' },
      involvedObject: {
        kind: 'DaemonSet',
        name: 'web',
        namespace: 'team-a',
        uid: owner.metadata.uid,
        apiVersion: 'apps/v1',
      },
    });
    expect(failed?.metadata.name).toMatch(/^web\.[0-9a-f]+$/);
  });
});
