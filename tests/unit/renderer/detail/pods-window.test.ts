import { describe, expect, it } from 'vitest';
import type { DetailPod } from '../../../../electron/contract/detail-dto';
import { VIRTUAL_FROM, isVirtual, matchingPods, spacers } from '../../../../renderer/detail/pods-window';

const pod = (name: string, node: string): DetailPod => ({
  name,
  uid: `uid-${name}`,
  node,
  bound: node !== '',
  phase: 'Running',
  ready: true,
  available: true,
  restarts: 0,
  revisionHash: 'abc',
  createdAt: '2026-12-07T00:00:00Z',
  deleting: false,
  containers: [],
});

describe('the pods table window', () => {
  it('renders every row up to VIRTUAL_FROM pods and only the rows in view beyond', () => {
    expect(isVirtual(0)).toBe(false);
    expect(isVirtual(VIRTUAL_FROM)).toBe(false);
    expect(isVirtual(VIRTUAL_FROM + 1)).toBe(true);
    expect(isVirtual(5000)).toBe(true);
  });

  it('finds pods by a part of their name or of their node, in any case, keeping their order', () => {
    const pods = [pod('agent-x7k2p', 'node-0001'), pod('agent-a1b2c', 'node-4999'), pod('agent-q9z8y', '')];
    expect(matchingPods(pods, '')).toBe(pods);
    expect(matchingPods(pods, '   ')).toBe(pods);
    expect(matchingPods(pods, 'A1B2').map((p) => p.name)).toEqual(['agent-a1b2c']);
    expect(matchingPods(pods, ' node-4999 ').map((p) => p.name)).toEqual(['agent-a1b2c']);
    expect(matchingPods(pods, 'node-').map((p) => p.name)).toEqual(['agent-x7k2p', 'agent-a1b2c']);
    expect(matchingPods(pods, 'agent-').length).toBe(3);
    expect(matchingPods(pods, 'nope')).toEqual([]);
  });

  it('keeps the space of the rows above and below the rendered ones', () => {
    expect(spacers([], 0)).toEqual({ before: 0, after: 0 });
    expect(spacers([{ start: 0, end: 37 }], 37)).toEqual({ before: 0, after: 0 });
    const items = [
      { start: 370, end: 407 },
      { start: 407, end: 450 },
    ];
    expect(spacers(items, 185_000)).toEqual({ before: 370, after: 185_000 - 450 });
    // A measured row can end beyond the total the virtualizer last estimated: never a negative height.
    expect(spacers([{ start: 100, end: 200 }], 150)).toEqual({ before: 100, after: 0 });
  });
});
