import { describe, expect, it } from 'vitest';
import { applyPatch } from '../../../electron/sandbox-cluster/patch/index.js';
import type { KubeObject } from '../../../electron/sandbox-cluster/types.js';
import { containersOf, daemonSet, NOW } from './patch-fixtures.js';

const DAEMONSETS = { plural: 'daemonsets', group: 'apps' };

const SMP = 'application/strategic-merge-patch+json';

function smp(current: KubeObject, patch: unknown): KubeObject {
  return applyPatch(SMP, current, JSON.stringify(patch), { resource: DAEMONSETS, now: NOW, fieldManager: 'test' });
}

function podSpec(patch: Record<string, unknown>): unknown {
  return { spec: { template: { spec: patch } } };
}

function status(fn: () => unknown): { code?: number; message?: string; reason?: string } {
  try {
    fn();
  } catch (e) {
    return e as { code: number; message: string; reason: string };
  }
  throw new Error('expected a Status error');
}

const env = (...names: string[]) => names.map((name) => ({ name, value: name.toLowerCase() }));

describe('strategic merge patch: lists with merge keys', () => {
  const live = daemonSet([
    { name: 'app', image: 'app:1', env: env('A', 'B', 'C'), ports: [{ containerPort: 80 }] },
    { name: 'sidecar', image: 'side:1' },
  ]);

  it('merges containers by name and keeps the others', () => {
    const out = smp(live, podSpec({ containers: [{ name: 'sidecar', image: 'side:2' }] }));
    expect(containersOf(out).map((c) => [c.name, c.image])).toEqual([
      ['app', 'app:1'],
      ['sidecar', 'side:2'],
    ]);
    expect(containersOf(live)[1]?.image).toBe('side:1');
  });

  it('appends an element with a new key, placed before server-only items as upstream orders it', () => {
    const out = smp(live, podSpec({ containers: [{ name: 'new', image: 'n:1' }] }));
    expect(containersOf(out).map((c) => c.name)).toEqual(['new', 'app', 'sidecar']);
  });

  it('deletes an element with $patch: delete', () => {
    const out = smp(live, podSpec({ containers: [{ name: 'sidecar', $patch: 'delete' }] }));
    expect(containersOf(out).map((c) => c.name)).toEqual(['app']);
  });

  it('replaces the whole list with a $patch: replace element', () => {
    const out = smp(live, podSpec({ containers: [{ name: 'only', image: 'o:1' }, { $patch: 'replace' }] }));
    expect(containersOf(out)).toEqual([{ name: 'only', image: 'o:1' }]);
  });

  it('merges nested lists by their own keys (env by name, ports by containerPort)', () => {
    const out = smp(
      live,
      podSpec({
        containers: [{ name: 'app', env: [{ name: 'B', value: 'bb' }], ports: [{ containerPort: 80, name: 'http' }] }],
      }),
    );
    const app = containersOf(out)[0] as { env: unknown[]; ports: unknown[] };
    expect(app.env).toEqual([
      { name: 'A', value: 'a' },
      { name: 'B', value: 'bb' },
      { name: 'C', value: 'c' },
    ]);
    expect(app.ports).toEqual([{ containerPort: 80, name: 'http' }]);
  });

  it('removes exactly the dropped env var from the patch kubectl apply sends', () => {
    const two = daemonSet([{ name: 'app', image: 'app:1', env: env('A', 'B') }]);
    const out = smp(
      two,
      podSpec({
        '$setElementOrder/containers': [{ name: 'app' }],
        containers: [{ name: 'app', '$setElementOrder/env': [{ name: 'A' }], env: [{ name: 'B', $patch: 'delete' }] }],
      }),
    );
    expect(containersOf(out)[0]?.env).toEqual([{ name: 'A', value: 'a' }]);
  });

  it('orders by $setElementOrder even without the list in the patch', () => {
    const out = smp(
      live,
      podSpec({ containers: [{ name: 'app', '$setElementOrder/env': [{ name: 'C' }, { name: 'B' }, { name: 'A' }] }] }),
    );
    expect((containersOf(out)[0]?.env as { name: string }[]).map((e) => e.name)).toEqual(['C', 'B', 'A']);
  });

  it('places new items where $setElementOrder puts them', () => {
    const out = smp(
      live,
      podSpec({
        containers: [
          {
            name: 'app',
            '$setElementOrder/env': [{ name: 'A' }, { name: 'X' }, { name: 'B' }, { name: 'C' }],
            env: [{ name: 'X', value: 'x' }],
          },
        ],
      }),
    );
    expect((containersOf(out)[0]?.env as { name: string }[]).map((e) => e.name)).toEqual(['A', 'X', 'B', 'C']);
  });

  it('refuses a patch list whose order contradicts $setElementOrder (400)', () => {
    const err = status(() =>
      smp(
        live,
        podSpec({
          containers: [{ name: 'app', '$setElementOrder/env': [{ name: 'A' }], env: [{ name: 'Z', value: 'z' }] }],
        }),
      ),
    );
    expect(err).toMatchObject({ code: 400, message: 'invalid patch format of setElementOrder list' });
  });

  it('answers 500 for a delete directive without the merge key, as the real server does', () => {
    const err = status(() => smp(live, podSpec({ containers: [{ $patch: 'delete', image: 'x' }] })));
    expect(err.code).toBe(500);
    expect(err.message).toMatch(/does not contain declared merge key: name/);
  });
});

describe('strategic merge patch: maps, nulls and directives', () => {
  const live = daemonSet([{ name: 'app', image: 'app:1', args: ['--a', '--b'] }], {
    nodeSelector: { disk: 'ssd', zone: 'a' },
    volumes: [{ name: 'data', hostPath: { path: '/var/data' } }],
  });

  it('deletes a key given null and merges the rest of a map', () => {
    const out = smp(live, { metadata: { labels: { app: null, tier: 'infra' } } });
    expect(out.metadata.labels).toEqual({ tier: 'infra' });
  });

  it('replaces a map with $patch: replace and empties it with $patch: delete', () => {
    const replaced = smp(live, podSpec({ nodeSelector: { $patch: 'replace', gpu: 'yes' } }));
    expect(replaced.spec.template.spec.nodeSelector).toEqual({ gpu: 'yes' });
    const emptied = smp(live, podSpec({ nodeSelector: { $patch: 'delete' } }));
    expect(emptied.spec.template.spec.nodeSelector).toEqual({});
  });

  it('replaces lists without a merge strategy (args)', () => {
    const out = smp(live, podSpec({ containers: [{ name: 'app', args: ['--c'] }] }));
    expect(containersOf(out)[0]?.args).toEqual(['--c']);
  });

  it('keeps only the keys of $retainKeys in a volume', () => {
    const out = smp(live, podSpec({ volumes: [{ name: 'data', $retainKeys: ['emptyDir', 'name'], emptyDir: {} }] }));
    expect(out.spec.template.spec.volumes).toEqual([{ name: 'data', emptyDir: {} }]);
  });

  it('refuses $retainKeys that leave out a patched key (400)', () => {
    const err = status(() => smp(live, podSpec({ volumes: [{ name: 'data', $retainKeys: ['name'], emptyDir: {} }] })));
    expect(err).toMatchObject({ code: 400, message: 'invalid patch format of retainKeys' });
  });

  it('deletes from a primitive merge list with $deleteFromPrimitiveList and merges additions', () => {
    const deleted = smp(live, { metadata: { '$deleteFromPrimitiveList/finalizers': ['b'] } });
    expect(deleted.metadata.finalizers).toEqual(['a', 'c']);
    const added = smp(live, { metadata: { finalizers: ['c', 'd'] } });
    expect(added.metadata.finalizers).toEqual(['a', 'b', 'c', 'd']);
  });

  it('refuses lists of lists (422) and unknown map directives (500)', () => {
    expect(status(() => smp(live, { metadata: { finalizers: [['x']] } })).code).toBe(422);
    expect(status(() => smp(live, podSpec({ nodeSelector: { $patch: 'merge' } }))).code).toBe(500);
  });

  it('refuses a body that is not a JSON object (400)', () => {
    const err = status(() =>
      applyPatch(SMP, live, '{"spec":', { resource: DAEMONSETS, now: NOW, fieldManager: 'test' }),
    );
    expect(err.code).toBe(400);
    expect(status(() => smp(live, ['x'])).code).toBe(400);
  });
});
