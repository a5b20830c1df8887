// The detail page's delta rule (common/detail-delta.ts): whatever the old and new pictures (pods coming, going,
// changing, moving node; nodes joining, leaving, changing; the node list becoming forbidden and allowed again),
// applying the delta to the old picture gives the new one, unchanged pods and nodes stay the same objects, and a
// change of one pod sends that pod only.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyDetail, byName, byNodeThenName, diffDetail, type DetailShape } from '../../../common/detail-delta';

interface Pod {
  name: string;
  node: string;
  revision: string;
  ready: boolean;
}
interface Node {
  name: string;
  zone: string;
}
type Detail = DetailShape<Pod, Node> & { state: string; events: string[] };

const NODES = ['n1', 'n2', 'n3', 'n4', 'n5', 'n10'];
const PODS = ['ds-a', 'ds-b', 'ds-c', 'ds-d', 'ds-e', 'ds-f', 'ds-g'];

const pod = (name: string) =>
  fc.record({
    name: fc.constant(name),
    node: fc.constantFrom(...NODES, ''),
    revision: fc.constantFrom('r1', 'r2'),
    ready: fc.boolean(),
  });

/** A picture as the backend builds it: pods in (node, name) order, nodes in name order. */
const detail: fc.Arbitrary<Detail> = fc
  .record({
    state: fc.constantFrom('loading', 'ok', 'deleted'),
    events: fc.array(fc.constantFrom('Pulled', 'Killing', 'FailedCreate'), { maxLength: 3 }),
    pods: fc.shuffledSubarray(PODS).chain((names) => fc.tuple(...names.map(pod))),
    nodes: fc.option(fc.dictionary(fc.constantFrom(...NODES), fc.constantFrom('a', 'b')), { freq: 4 }),
  })
  .map(({ state, events, pods, nodes }) => ({
    state,
    events,
    pods: [...pods].sort(byNodeThenName),
    nodes:
      nodes === null
        ? { allowed: false as const, message: 'may not list nodes' }
        : {
            allowed: true as const,
            value: Object.entries(nodes)
              .map(([name, zone]) => ({ name, zone }))
              .sort(byName),
          },
  }));

/** As it crosses IPC: JSON, no shared objects. */
const plain = (change: Change) => JSON.parse(JSON.stringify(change)) as Change;
type Change = ReturnType<typeof diffDetail<Detail, Pod, Node>>;
const apply = (before: Detail | null, change: Change) => applyDetail<Detail, Pod, Node>(before, change);

describe('detail delta', () => {
  it('applied to the old picture (sent as JSON) gives the new one; a reset gives it from nothing', () => {
    fc.assert(
      fc.property(detail, detail, (before, after) => {
        const held = apply(null, plain(diffDetail<Detail, Pod, Node>(undefined, before)));
        expect(held).toEqual(before);
        const change = plain(diffDetail<Detail, Pod, Node>(before, after)) as never;
        expect(apply(held, change)).toEqual(after);
        // A reset replaces whatever was held.
        expect(apply(after, plain(diffDetail<Detail, Pod, Node>(undefined, before)))).toEqual(before);
      }),
      { numRuns: 300 },
    );
  });

  it('sends only the pods that changed and keeps the others as the same objects', () => {
    fc.assert(
      fc.property(detail, fc.nat(), (before, which) => {
        fc.pre(before.pods.length > 0);
        const at = which % before.pods.length;
        const changed = { ...(before.pods[at] as Pod), ready: !(before.pods[at] as Pod).ready };
        const after = { ...before, pods: before.pods.map((p, i) => (i === at ? changed : { ...p })) };
        const change = diffDetail<Detail, Pod, Node>(before, after);
        expect(change.pods).toEqual({ set: [changed], removed: [] });
        expect(change.nodes.allowed ? change.nodes.value : { set: [], removed: [] }).toEqual({ set: [], removed: [] });
        const next = apply(before, plain(change));
        expect(next).toEqual(after);
        next.pods.forEach((p, i) => (i === at ? expect(p).toEqual(changed) : expect(p).toBe(before.pods[i])));
        if (before.nodes.allowed && next.nodes.allowed) expect(next.nodes.value).toBe(before.nodes.value);
      }),
      { numRuns: 200 },
    );
  });
});
