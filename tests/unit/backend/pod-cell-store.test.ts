// The coverage matrix's compact pod store gives the same answers as the informer's default map of objects, for pods
// projected from the API's JSON (projectPodCell): added, changed, deleted, listed again, on nodes that come and go, and
// moving to another owner.
import { describe, expect, it } from 'vitest';
import { projectPodCell, type PodCell } from '../../../electron/backend/kinds/pod-cell.js';
import {
  byNode,
  byNodeAndOwner,
  byUid,
  podCell,
  PodCellStore,
} from '../../../electron/backend/kinds/pod-cell-store.js';
import { MapStore } from '../../../electron/backend/watch/store.js';
import { objectKey } from '../../../electron/backend/watch/types.js';

interface PodSketch {
  name: string;
  namespace?: string;
  node?: string;
  owner?: string;
  hash?: string;
  version?: string;
  waiting?: string;
  ready?: boolean;
  hostPort?: number;
  deleting?: boolean;
  cpu?: string;
}

function raw(p: PodSketch): unknown {
  return {
    metadata: {
      name: p.name,
      namespace: p.namespace ?? 'agents',
      uid: `uid-${p.name}`,
      resourceVersion: p.version ?? '1',
      labels: { 'controller-revision-hash': p.hash ?? 'h1' },
      ...(p.owner ? { ownerReferences: [{ kind: 'DaemonSet', name: 'ds', uid: p.owner, controller: true }] } : {}),
      ...(p.deleting ? { deletionTimestamp: '2026-12-07T00:00:00Z' } : {}),
    },
    spec: {
      ...(p.node ? { nodeName: p.node } : {}),
      containers: [
        {
          name: 'c',
          resources: { requests: { cpu: p.cpu ?? '10m', memory: '16Mi' } },
          ...(p.hostPort ? { ports: [{ containerPort: 80, hostPort: p.hostPort }] } : {}),
        },
      ],
    },
    status: {
      phase: p.node ? 'Running' : 'Pending',
      conditions: [{ type: 'Ready', status: p.ready === false ? 'False' : 'True' }],
      containerStatuses: [
        {
          name: 'c',
          ready: p.ready !== false,
          state: p.waiting ? { waiting: { reason: p.waiting } } : { running: {} },
        },
      ],
    },
  };
}

const cell = (p: PodSketch): PodCell => {
  const projected = projectPodCell(raw(p));
  if (!projected) throw new Error('not a pod');
  return projected;
};

/** Both stores, fed the same, asked the same. */
function pair() {
  const compact = new PodCellStore();
  const plain = new MapStore<PodCell>(podCell);
  return {
    compact,
    put(p: PodSketch) {
      const c = cell(p);
      const key = objectKey(c);
      compact.put(key, c);
      plain.put(key, c);
    },
    remove(key: string) {
      expect(compact.remove(key)).toEqual(plain.remove(key));
    },
    same(nodes: string[], uids: string[]) {
      expect(compact.size).toBe(plain.size);
      expect([...compact.keys()]).toEqual([...plain.keys()]);
      expect(compact.values()).toEqual(plain.values());
      for (const key of plain.keys()) expect(compact.get(key)).toEqual(plain.get(key));
      for (const node of nodes) expect(compact.indexed(byNode(node))).toEqual(plain.indexed(byNode(node)));
      for (const uid of uids) expect(compact.indexed(byUid(uid))).toEqual(plain.indexed(byUid(uid)));
      const owners = new Set([...plain.values().map((p) => p.ownerUid), 'no-such-owner']);
      for (const node of nodes) {
        for (const owner of owners) {
          expect(compact.indexed(byNodeAndOwner(node, owner))).toEqual(plain.indexed(byNodeAndOwner(node, owner)));
        }
      }
      // A namespace's objects in any order (the map's index moves a changed object to the end).
      const byKey = (pods: PodCell[]) => pods.sort((a, b) => objectKey(a).localeCompare(objectKey(b)));
      for (const namespace of ['agents', 'other', '', 'none']) {
        expect(byKey(compact.inNamespace(namespace))).toEqual(byKey(plain.inNamespace(namespace)));
      }
      expect(compact.matching({})).toEqual(plain.matching({}));
      expect(compact.matching({ app: 'x' })).toEqual(plain.matching({ app: 'x' }));
    },
  };
}

describe('PodCellStore', () => {
  it('keeps pods as the map does: added, changed (problem, owner, node), deleted', () => {
    const s = pair();
    s.put({ name: 'a-1', node: 'n1', owner: 'ds-a' });
    s.put({ name: 'b-1', node: 'n1', owner: 'ds-b', hostPort: 9100 });
    s.put({ name: 'a-2', node: 'n2', owner: 'ds-a', namespace: 'other' });
    s.put({ name: 'loose', node: 'n2' });
    s.put({ name: 'pending', owner: 'ds-a' });
    s.same(['n1', 'n2', 'n3'], ['uid-a-1', 'uid-pending', 'uid-none']);
    expect(s.compact.indexed(byNode('n1')).map((p) => p.metadata.name)).toEqual(['a-1', 'b-1']);

    // A rollout step: the pod fails, then is replaced by another owner's; the pending one is bound.
    s.put({ name: 'a-1', node: 'n1', owner: 'ds-a', version: '2', waiting: 'ImagePullBackOff', ready: false });
    s.put({ name: 'a-1', node: 'n1', owner: 'ds-c', hash: 'h2', version: '3' });
    s.put({ name: 'pending', owner: 'ds-a', node: 'n3', version: '4' });
    s.put({ name: 'b-1', node: 'n1', owner: 'ds-b', deleting: true, version: '5' });
    s.same(['n1', 'n2', 'n3'], ['uid-a-1', 'uid-pending']);
    expect(s.compact.get('agents/a-1')?.problem).toBeUndefined();
    expect(s.compact.get('agents/a-1')?.ownerUid).toBe('ds-c');

    s.remove('agents/b-1');
    s.remove('agents/missing');
    s.same(['n1', 'n2', 'n3'], ['uid-b-1']);
    expect(s.compact.indexed(byUid('uid-b-1'))).toEqual([]);
  });

  it('follows a node that joins and one that leaves, and a relist that reuses freed slots', () => {
    const s = pair();
    for (let i = 0; i < 40; i++) s.put({ name: `p-${i}`, node: `n${i % 4}`, owner: `ds-${i % 3}` });
    s.same(['n0', 'n1', 'n2', 'n3', 'n4'], ['uid-p-0', 'uid-p-39']);
    // n1 leaves: its pods go; n4 joins: pods land on it in the freed slots.
    for (let i = 1; i < 40; i += 4) s.remove(`agents/p-${i}`);
    for (let i = 40; i < 50; i++) s.put({ name: `p-${i}`, node: 'n4', owner: 'ds-0', version: String(100 + i) });
    s.same(['n0', 'n1', 'n2', 'n3', 'n4'], ['uid-p-1', 'uid-p-45']);
    expect(s.compact.indexed(byNode('n1'))).toEqual([]);
    expect(s.compact.indexed(byNode('n4'))).toHaveLength(10);
  });

  it('gives back any resourceVersion as it came, numeric or not, and grows past its first capacity', () => {
    const s = pair();
    const versions = ['0', '7', '00012', '123456789012345678', 'abc', ''];
    versions.forEach((version, i) => s.put({ name: `v-${i}`, node: 'n1', version }));
    for (let i = 0; i < 3000; i++) s.put({ name: `g-${i}`, node: `n${i % 50}`, version: String(i + 10) });
    s.same(['n1', 'n49'], ['uid-v-2', 'uid-g-2999']);
    expect(versions.map((_, i) => s.compact.get(`agents/v-${i}`)?.metadata.resourceVersion)).toEqual(versions);
  });

  it('matches the map on a random sequence of adds, changes and deletes', () => {
    let seed = 7;
    const rand = (n: number): number => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    const s = pair();
    for (let step = 0; step < 2000; step++) {
      const name = `r-${rand(120)}`;
      if (rand(5) === 0) s.remove(`agents/${name}`);
      else {
        s.put({
          name,
          node: rand(8) === 0 ? undefined : `n${rand(10)}`,
          owner: rand(6) === 0 ? undefined : `ds-${rand(4)}`,
          hash: `h${rand(3)}`,
          version: String(step),
          waiting: rand(4) === 0 ? 'CrashLoopBackOff' : undefined,
          ready: rand(3) !== 0,
          hostPort: rand(10) === 0 ? 8080 : undefined,
        });
      }
    }
    s.same(
      Array.from({ length: 11 }, (_, i) => `n${i}`),
      Array.from({ length: 120 }, (_, i) => `uid-r-${i}`),
    );
  });
});
