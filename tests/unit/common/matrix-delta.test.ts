// The coverage matrix's delta rule (common/matrix-delta.ts): whatever the old and new pictures (columns added,
// removed, reordered; nodes joining, leaving, changing; cells changing), applying the delta to the old picture gives
// the new one, and a change of one column sends that column's cells only.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyPicture, diffPicture, type Picture, type PictureRow } from '../../../common/matrix-delta';

interface Node {
  name: string;
  zone: string;
}
type Cell = { state: string; pod?: string };
type Row = PictureRow<Node, Cell>;

const KEYS = ['kube-system/cni', 'kube-system/proxy', 'monitoring/exporter', 'team-a/agent', 'team-b/logs'];
const NODES = ['n1', 'n2', 'n3', 'n4', 'n5', 'n6'];
const cell = fc.record({ state: fc.constantFrom('available', 'missing', 'failing'), pod: fc.constantFrom('p', 'q') });

/** A picture: some columns (in any order), some nodes, a cell per column; a row's cells keyed by column here. */
const picture = fc
  .record({
    columns: fc.shuffledSubarray(KEYS),
    nodes: fc.dictionary(fc.constantFrom(...NODES), fc.record({ zone: fc.constantFrom('a', 'b') })),
    cells: fc.dictionary(fc.constantFrom(...NODES), fc.dictionary(fc.constantFrom(...KEYS), cell)),
  })
  .map(({ columns, nodes, cells }): Picture<Node, Cell> => {
    const rows = new Map<string, Row>();
    for (const [name, { zone }] of Object.entries(nodes)) {
      const row = columns.map((key) => cells[name]?.[key] ?? { state: 'missing' });
      const ok = row.filter((c) => c.state === 'available').length;
      rows.set(name, { node: { name, zone }, cells: row, ok, expected: row.length });
    }
    return { columns, rows };
  });

const copy = (rows: Map<string, Row>): Map<string, Row> => new Map([...rows].map(([k, r]) => [k, structuredClone(r)]));

describe('matrix deltas', () => {
  it('applying the delta to the old picture gives the new picture', () => {
    fc.assert(
      fc.property(picture, picture, (before, after) => {
        const held = copy(before.rows);
        applyPicture(held, before.columns, after.columns, { reset: false, ...diffPicture(before, after) });
        expect(Object.fromEntries(held)).toEqual(Object.fromEntries(after.rows));
      }),
      { numRuns: 300 },
    );
  });

  it('a change of one column sends only that column’s cells; no change sends nothing', () => {
    fc.assert(
      fc.property(picture, fc.nat(), (before, pick) => {
        fc.pre(before.columns.length > 0 && before.rows.size > 0);
        const key = before.columns[pick % before.columns.length] as string;
        const at = before.columns.indexOf(key);
        const after = { columns: before.columns, rows: copy(before.rows) };
        for (const row of after.rows.values()) row.cells[at] = { state: 'failing', pod: `${key}-new` };
        const change = diffPicture(before, after);
        expect(change.rows).toEqual([]);
        expect(change.removed).toEqual([]);
        expect(change.patches.length).toBe(before.rows.size);
        for (const patch of change.patches) expect(Object.keys(patch.cells)).toEqual([key]);
        expect(diffPicture(before, before)).toEqual({ rows: [], patches: [], removed: [] });
      }),
      { numRuns: 100 },
    );
  });

  it('a reset replaces whatever was held', () => {
    fc.assert(
      fc.property(picture, picture, (before, after) => {
        const held = copy(before.rows);
        applyPicture(held, before.columns, after.columns, {
          reset: true,
          rows: [...after.rows.values()],
          patches: [],
          removed: [],
        });
        expect(Object.fromEntries(held)).toEqual(Object.fromEntries(after.rows));
      }),
    );
  });
});
