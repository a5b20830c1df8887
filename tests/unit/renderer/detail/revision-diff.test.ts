import { describe, expect, it } from 'vitest';
import { diffLines, templateYaml } from '../../../../renderer/detail/revision-diff';

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
});
