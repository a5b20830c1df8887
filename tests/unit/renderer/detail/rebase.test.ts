// Re-applying the user's edit after a 409: their changes (edit minus the version they started from) onto the
// server's current version, with both writers' changes kept and real clashes named.
import { describe, expect, it } from 'vitest';
import { editableObject, mergePatch, rebase, selectorChanged } from '../../../../renderer/detail/rebase';

const clone = <T>(value: T): T => structuredClone(value);

function daemonSet(): Record<string, unknown> {
  return {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: { name: 'agent', namespace: 'default', resourceVersion: '10', uid: 'u1', labels: { app: 'agent' } },
    spec: {
      selector: { matchLabels: { app: 'agent' } },
      template: {
        metadata: { labels: { app: 'agent' } },
        spec: {
          containers: [
            { name: 'main', image: 'busybox:1.36', env: [{ name: 'A', value: '1' }] },
            { name: 'side', image: 'nginx:1' },
          ],
          tolerations: [{ operator: 'Exists' }],
        },
      },
    },
    status: { numberReady: 3 },
  };
}

type Pod = { containers: { name: string; image: string; env?: { name: string; value: string }[] }[] };
const podSpec = (o: Record<string, unknown>) => (o.spec as { template: { spec: Pod } }).template.spec;
function first(o: Record<string, unknown>): Pod['containers'][number] {
  const container = podSpec(o).containers[0];
  if (!container) throw new Error('no container');
  return container;
}
const templateMeta = (o: Record<string, unknown>) =>
  (o.spec as { template: { metadata: { labels: Record<string, string>; annotations?: Record<string, string> } } })
    .template.metadata;

describe('editableObject', () => {
  it('drops status and server bookkeeping but keeps the user-facing metadata', () => {
    const out = editableObject(daemonSet());
    expect(out.status).toBeUndefined();
    expect(out.metadata).toEqual({ name: 'agent', namespace: 'default', labels: { app: 'agent' } });
  });
});

describe('mergePatch', () => {
  it('lists changed and removed keys only, arrays whole', () => {
    const base = { a: 1, b: { c: 2, d: 3 }, e: [1, 2] };
    const next = { a: 1, b: { c: 5 }, e: [1], f: 'x' };
    expect(mergePatch(base, next)).toEqual({ b: { c: 5, d: null }, e: [1], f: 'x' });
  });
});

describe('rebase', () => {
  it("keeps the other writer's template annotation and the user's new image", () => {
    const base = daemonSet();
    const mine = clone(base);
    first(mine).image = 'busybox:1.37';
    const theirs = clone(base);
    (theirs.metadata as Record<string, unknown>).resourceVersion = '11';
    templateMeta(theirs).annotations = { team: 'ops' };
    const { result, conflicts } = rebase(base, mine, theirs);
    expect(conflicts).toEqual([]);
    expect(first(result).image).toBe('busybox:1.37');
    expect(templateMeta(result).annotations).toEqual({ team: 'ops' });
    expect(result.status).toBeUndefined();
    expect((result.metadata as Record<string, unknown>).resourceVersion).toBeUndefined();
  });

  it('merges named list items: their env change and my image change on the same container both survive', () => {
    const base = daemonSet();
    const mine = clone(base);
    first(mine).image = 'busybox:1.37';
    const theirs = clone(base);
    first(theirs).env = [{ name: 'A', value: '2' }];
    podSpec(theirs).containers.push({ name: 'extra', image: 'redis:7' });
    const { result, conflicts } = rebase(base, mine, theirs);
    expect(conflicts).toEqual([]);
    expect(podSpec(result).containers.map((c) => c.name)).toEqual(['main', 'side', 'extra']);
    expect(podSpec(result).containers[0]).toEqual({
      name: 'main',
      image: 'busybox:1.37',
      env: [{ name: 'A', value: '2' }],
    });
  });

  it('removes what the user removed and keeps what they added', () => {
    const base = daemonSet();
    const mine = clone(base);
    podSpec(mine).containers.splice(1, 1);
    (mine.metadata as { labels: Record<string, string> }).labels.tier = 'edge';
    const theirs = clone(base);
    const { result } = rebase(base, mine, theirs);
    expect(podSpec(result).containers.map((c) => c.name)).toEqual(['main']);
    expect((result.metadata as { labels: Record<string, string> }).labels).toEqual({ app: 'agent', tier: 'edge' });
  });

  it('names a field both changed differently, and takes the user value there', () => {
    const base = daemonSet();
    const mine = clone(base);
    first(mine).image = 'busybox:1.37';
    const theirs = clone(base);
    first(theirs).image = 'busybox:1.38';
    const { result, conflicts } = rebase(base, mine, theirs);
    expect(conflicts).toEqual(['spec.template.spec.containers.main.image']);
    expect(first(result).image).toBe('busybox:1.37');
  });

  it('the same change on both sides is no conflict; no user change gives the server version', () => {
    const base = daemonSet();
    const mine = clone(base);
    first(mine).image = 'busybox:1.37';
    const theirs = clone(mine);
    expect(rebase(base, mine, theirs).conflicts).toEqual([]);
    const other = clone(base);
    templateMeta(other).labels.extra = 'y';
    expect(rebase(base, clone(base), other).result).toEqual(editableObject(other));
  });
});

describe('selectorChanged', () => {
  it('sees a changed selector and ignores other changes', () => {
    const base = daemonSet();
    const mine = clone(base);
    first(mine).image = 'x';
    expect(selectorChanged(base, mine)).toBe(false);
    (mine.spec as { selector: unknown }).selector = { matchLabels: { app: 'other' } };
    expect(selectorChanged(base, mine)).toBe(true);
  });
});
