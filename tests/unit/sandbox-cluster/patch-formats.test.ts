import { describe, expect, it } from 'vitest';
import { applyPatch } from '../../../electron/sandbox-cluster/patch/index.js';
import { containersOf, daemonSet, NOW } from './patch-fixtures.js';

const DAEMONSETS = { plural: 'daemonsets', group: 'apps' };

const opts = { resource: DAEMONSETS, now: NOW, fieldManager: 'kubectl-patch' };
const live = daemonSet([{ name: 'app', image: 'app:1', args: ['--a'] }]);

function status(fn: () => unknown): { code?: number; message?: string; reason?: string; details?: unknown } {
  try {
    fn();
  } catch (e) {
    return e as { code: number; message: string; reason: string };
  }
  throw new Error('expected a Status error');
}

describe('JSON patch (RFC 6902)', () => {
  it('applies operations in order', () => {
    const ops = [
      { op: 'replace', path: '/spec/template/spec/containers/0/image', value: 'app:2' },
      { op: 'add', path: '/metadata/labels/tier', value: 'infra' },
      { op: 'remove', path: '/spec/template/spec/containers/0/args' },
    ];
    const out = applyPatch('application/json-patch+json', live, JSON.stringify(ops), opts);
    expect(containersOf(out)[0]).toEqual({ name: 'app', image: 'app:2' });
    expect(out.metadata.labels).toEqual({ app: 'agent', tier: 'infra' });
  });

  it('answers 422 when an operation cannot apply and 400 for a body that is not a list of operations', () => {
    const missing = [{ op: 'replace', path: '/spec/nope/x', value: 1 }];
    expect(status(() => applyPatch('application/json-patch+json', live, JSON.stringify(missing), opts))).toMatchObject({
      code: 422,
      reason: 'Invalid',
      message: 'the server rejected our request due to an error in our request',
    });
    const failedTest = [{ op: 'test', path: '/metadata/name', value: 'other' }];
    expect(status(() => applyPatch('application/json-patch+json', live, JSON.stringify(failedTest), opts)).code).toBe(
      422,
    );
    expect(status(() => applyPatch('application/json-patch+json', live, '{"op":"add"}', opts)).code).toBe(400);
    expect(status(() => applyPatch('application/json-patch+json', live, '[{', opts)).code).toBe(400);
  });
});

describe('JSON merge patch (RFC 7386)', () => {
  it('merges objects, deletes nulls and replaces lists whole', () => {
    const patch = {
      metadata: { labels: { app: null, tier: 'x' } },
      spec: { template: { spec: { containers: [{ name: 'other' }] } } },
    };
    const out = applyPatch('application/merge-patch+json', live, JSON.stringify(patch), opts);
    expect(out.metadata.labels).toEqual({ tier: 'x' });
    expect(containersOf(out)).toEqual([{ name: 'other' }]);
    expect(out.spec.selector).toEqual({ matchLabels: { app: 'agent' } });
  });

  it('answers 400 for malformed JSON', () => {
    expect(status(() => applyPatch('application/merge-patch+json', live, '{', opts)).code).toBe(400);
  });
});

describe('content types and options', () => {
  it('answers 415 for other content types, accepting parameters on known ones', () => {
    expect(status(() => applyPatch('text/plain', live, '{}', opts))).toMatchObject({
      code: 415,
      reason: 'UnsupportedMediaType',
    });
    const out = applyPatch(
      'application/merge-patch+json; charset=utf-8',
      live,
      '{"metadata":{"labels":{"x":"y"}}}',
      opts,
    );
    expect(out.metadata.labels).toEqual({ app: 'agent', x: 'y' });
  });

  it('refuses force on non-apply patches and requires a field manager for apply (422)', () => {
    expect(
      status(() => applyPatch('application/merge-patch+json', live, '{}', { ...opts, force: true })),
    ).toMatchObject({
      code: 422,
      message: 'PatchOptions.meta.k8s.io "" is invalid: force: Forbidden: may not be specified for non-apply patch',
    });
    expect(
      status(() =>
        applyPatch('application/apply-patch+yaml', live, 'kind: DaemonSet', { resource: DAEMONSETS, now: NOW }),
      ),
    ).toMatchObject({
      code: 422,
      message: 'PatchOptions.meta.k8s.io "" is invalid: fieldManager: Required value: is required for apply patch',
    });
  });

  it('answers 404 when a non-apply patch has nothing to patch', () => {
    expect(status(() => applyPatch('application/merge-patch+json', undefined, '{}', opts)).code).toBe(404);
  });

  it('records the patching manager in managedFields', () => {
    const out = applyPatch('application/merge-patch+json', live, '{"metadata":{"labels":{"x":"y"}}}', opts);
    expect(out.metadata.managedFields).toEqual([
      {
        manager: 'kubectl-patch',
        operation: 'Update',
        apiVersion: 'apps/v1',
        time: NOW,
        fieldsType: 'FieldsV1',
        fieldsV1: { 'f:metadata': { 'f:labels': { 'f:x': {} } } },
      },
    ]);
  });
});
