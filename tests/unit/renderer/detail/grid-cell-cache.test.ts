import { describe, expect, it } from 'vitest';
import type { DetailPod } from '../../../../electron/contract/detail-dto';
import type { DetailNode } from '../../../../renderer/detail/eligibility';
import { GridCellCache } from '../../../../renderer/detail/grid-cell-cache';
import { gridCells } from '../../../../renderer/detail/node-grid';
import { byNodeThenName } from '../../../../common/detail-delta';

const node = (name: string, eligible = true): DetailNode => ({
  name,
  labels: {},
  taints: [],
  unschedulable: false,
  ready: true,
  eligible,
});

function pod(name: string, nodeName: string, extra: Partial<DetailPod> = {}): DetailPod {
  return {
    name,
    uid: `uid-${name}`,
    node: nodeName,
    bound: true,
    phase: 'Running',
    ready: true,
    available: true,
    restarts: 0,
    revisionHash: 'old',
    createdAt: '2026-01-01T00:00:00Z',
    deleting: false,
    containers: [{ name: 'agent', image: 'busybox', state: 'running', ready: true, restarts: 0 }],
    ...extra,
  };
}

// A small deterministic random source, so a failing sequence can be replayed.
function random(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s / 2147483648;
  };
}

describe('GridCellCache', () => {
  it('gives the cells gridCells gives, step by step through random pod changes, keeping unchanged cells', () => {
    const next = random(7);
    // Nodes 0–39 eligible, 40–44 not (a pod may linger there).
    const nodes = Array.from({ length: 45 }, (_, i) => node(`node-${String(i).padStart(2, '0')}`, i < 40));
    let pods = nodes.slice(0, 40).map((n, i) => pod(`agent-${i}`, n.name));
    const cache = new GridCellCache();
    let cells = cache.update(nodes, pods, 'new');
    expect(cells).toEqual(gridCells(nodes, pods, 'new'));
    let serial = 100;
    for (let step = 0; step < 300; step++) {
      const before = new Map(cells.map((c) => [c.node, c]));
      const changed = new Set<string>();
      const edits = 1 + Math.floor(next() * 4);
      for (let e = 0; e < edits; e++) {
        const roll = next();
        const target = nodes[Math.floor(next() * nodes.length)] as DetailNode;
        changed.add(target.name);
        if (roll < 0.3) {
          // A new pod of the new revision on the node.
          pods = [
            ...pods,
            pod(`agent-${serial++}`, target.name, { revisionHash: 'new', createdAt: `2026-02-${step}` }),
          ];
        } else if (roll < 0.55) {
          const here = pods.filter((p) => p.node === target.name);
          const gone = here[Math.floor(next() * here.length)];
          pods = pods.filter((p) => p !== gone);
        } else if (roll < 0.8) {
          pods = pods.map((p) => (p.node === target.name ? { ...p, deleting: !p.deleting } : p));
        } else {
          pods = pods.map((p) => (p.node === target.name ? { ...p, ready: !p.ready, available: !p.ready } : p));
        }
      }
      pods = [...pods].sort(byNodeThenName);
      cells = cache.update(nodes, pods, 'new');
      expect(cells).toEqual(gridCells(nodes, pods, 'new'));
      for (const cell of cells)
        if (!changed.has(cell.node) && before.has(cell.node)) expect(cell).toBe(before.get(cell.node));
    }
  });

  it('hands back the same list while no pod changed, and judges every cell again for a new revision', () => {
    const nodes = [node('a'), node('b')];
    const pods = [pod('agent-a', 'a'), pod('agent-b', 'b', { revisionHash: 'new' })];
    const cache = new GridCellCache();
    const first = cache.update(nodes, pods, 'old');
    expect(cache.update(nodes, [...pods], 'old')).toBe(first);
    expect(cache.update(nodes, pods, 'new').map((c) => c.revision)).toEqual(['old', 'new']);
  });
});
