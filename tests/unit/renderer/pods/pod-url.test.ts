import { describe, expect, it } from 'vitest';
import { hashWithPod, podParam } from '../../../../renderer/pods/pod-url';
import { columnGroups } from '../../../../renderer/nodes/matrix-groups';
import { parseHash } from '../../../../renderer/router';

describe('the pod in the URL', () => {
  it('is read from the query after any page’s hash path, which still names the page', () => {
    const hash = '#/ds/ctx/team-a/probe?pod=team-a/probe-x7k2p';
    expect(podParam(hash)).toEqual({ kind: 'pod', pod: { namespace: 'team-a', name: 'probe-x7k2p' } });
    expect(parseHash(hash)).toEqual({ view: 'detail', context: 'ctx', namespace: 'team-a', name: 'probe' });
    expect(parseHash('#/nodes?pod=a/b')).toEqual({ view: 'nodes' });
    expect(parseHash('#/nodes/ctx/worker-1?pod=a/b')).toEqual({ view: 'node', context: 'ctx', node: 'worker-1' });
    expect(podParam('#/nodes')).toEqual({ kind: 'none' });
  });

  it('names no pod when the value is not <namespace>/<pod name>, rather than being ignored', () => {
    for (const value of ['probe', 'Team/a', 'a/b,c', 'a/', '/b']) {
      expect(podParam(`#/nodes?pod=${encodeURIComponent(value)}`)).toEqual({ kind: 'invalid', value });
    }
  });

  it('is added and removed keeping the page and other query values', () => {
    const pod = { namespace: 'ns', name: 'p-1' };
    expect(hashWithPod('#/nodes', pod)).toBe('#/nodes?pod=ns/p-1');
    expect(hashWithPod('#/nodes?pod=x/y', pod)).toBe('#/nodes?pod=ns/p-1');
    expect(hashWithPod('#/nodes?pod=x/y&tab=a', null)).toBe('#/nodes?tab=a');
    expect(hashWithPod('#/nodes?pod=x/y', null)).toBe('#/nodes');
    expect(podParam(hashWithPod('#/nodes', pod))).toEqual({ kind: 'pod', pod });
  });
});

describe('matrix column groups', () => {
  const col = (namespace: string, at: number) => ({ column: { namespace }, at });

  it('groups neighbouring columns of one project, and splits a project whose columns are not neighbours', () => {
    expect(columnGroups([col('a', 3), col('a', 4), col('b', 5), col('b', 6), col('b', 7)])).toEqual([
      { namespace: 'a', at: 3, span: 2 },
      { namespace: 'b', at: 5, span: 3 },
    ]);
    expect(columnGroups([col('a', 0), col('a', 2)])).toEqual([
      { namespace: 'a', at: 0, span: 1 },
      { namespace: 'a', at: 2, span: 1 },
    ]);
    expect(columnGroups([])).toEqual([]);
  });
});
