import { describe, expect, it } from 'vitest';
import { diffLines, templateYaml, withContext } from '../../../../renderer/detail/revision-diff';

const template = (image: string, extra: Record<string, unknown> = {}) => ({
  metadata: { labels: { app: 'agent' }, creationTimestamp: null },
  spec: { containers: [{ name: 'agent', image, ...extra }] },
});

describe('revision diff', () => {
  it('shows only the changed image line between two revisions', () => {
    const diff = diffLines(templateYaml(template('busybox:1.36')), templateYaml(template('busybox:1.37')));
    expect(diff.filter((l) => l.kind !== 'same')).toEqual([
      { kind: 'removed', text: '    - image: busybox:1.36' },
      { kind: 'added', text: '    - image: busybox:1.37' },
    ]);
    expect(templateYaml(template('x'))).not.toContain('creationTimestamp');
  });

  it('ignores key order and reports added fields', () => {
    const a = templateYaml({ spec: { b: 1, a: 2 } });
    const b = templateYaml({ spec: { a: 2, b: 1, c: 3 } });
    expect(diffLines(a, b)).toEqual([
      { kind: 'same', text: 'spec:' },
      { kind: 'same', text: '  a: 2' },
      { kind: 'same', text: '  b: 1' },
      { kind: 'added', text: '  c: 3' },
    ]);
  });

  it('keeps 3 lines of context around each change and counts the unchanged lines left out', () => {
    const text = (changed: number) =>
      Array.from({ length: 30 }, (_, i) => (i === changed ? `line ${i} changed` : `line ${i}`)).join('\n') + '\n';
    const shown = withContext(diffLines(text(-1), text(15)));
    expect(shown).toEqual([
      { kind: 'skipped', count: 12 },
      ...[12, 13, 14].map((i) => ({ kind: 'same', text: `line ${i}` })),
      { kind: 'removed', text: 'line 15' },
      { kind: 'added', text: 'line 15 changed' },
      ...[16, 17, 18].map((i) => ({ kind: 'same', text: `line ${i}` })),
      { kind: 'skipped', count: 11 },
    ]);
    // Changes closer than twice the context share their context; at the edges nothing is skipped.
    const edges = withContext(diffLines('a\nb\nc\n', 'A\nb\nC\n'));
    expect(edges.map((l) => l.kind)).toEqual(['removed', 'added', 'same', 'removed', 'added']);
    expect(withContext(diffLines('a\n', 'a\n'))).toEqual([{ kind: 'skipped', count: 1 }]);
  });
});
