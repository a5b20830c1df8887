import { describe, expect, it } from 'vitest';
import type { DaemonSetRow } from '../../../../electron/contract/dto';
import { applyQuery, defaultQuery, type ListQuery } from '../../../../renderer/list/list-query';
import { createQueryRunner } from '../../../../renderer/list/query-runner';
import { row } from '../fixtures';

const keys = (rows: DaemonSetRow[]) => rows.map((r) => r.key);

describe('query runner', () => {
  it('a status-only change keeps the order and shows the new row object', () => {
    const run = createQueryRunner();
    const rows = new Map(['b', 'a', 'c'].map((n) => [`default/${n}`, row(n)]));
    expect(keys(run(rows.values(), defaultQuery()))).toEqual(['default/a', 'default/b', 'default/c']);
    const changed = row('b', { status: { ready: 2 } });
    rows.set(changed.key, changed);
    const out = run(rows.values(), defaultQuery());
    expect(keys(out)).toEqual(['default/a', 'default/b', 'default/c']);
    expect(out[1]).toBe(changed);
  });

  it('re-sorts when a phase changes under the status sort, and drops a row leaving a status filter', () => {
    const run = createQueryRunner();
    const rows = new Map(['a', 'b'].map((n) => [`default/${n}`, row(n)]));
    const byStatus: ListQuery = { ...defaultQuery(), sort: { key: 'status', direction: 'asc' } };
    expect(keys(run(rows.values(), byStatus))).toEqual(['default/a', 'default/b']);
    rows.set('default/b', row('b', { status: { available: 1 } }));
    expect(keys(run(rows.values(), byStatus))).toEqual(['default/b', 'default/a']);
    const running: ListQuery = { ...defaultQuery(), status: 'Running' };
    expect(keys(run(rows.values(), running))).toEqual(['default/a']);
  });

  it('re-sorts when rows arrive or leave', () => {
    const run = createQueryRunner();
    const rows = new Map(['b', 'c'].map((n) => [`default/${n}`, row(n)]));
    run(rows.values(), defaultQuery());
    rows.set('default/a', row('a'));
    expect(keys(run(rows.values(), defaultQuery()))).toEqual(['default/a', 'default/b', 'default/c']);
    rows.delete('default/b');
    rows.set('default/d', row('d'));
    expect(keys(run(rows.values(), defaultQuery()))).toEqual(['default/a', 'default/c', 'default/d']);
  });

  it('always equals applyQuery over random changes, searches, filters and sorts', () => {
    let seed = 7;
    const random = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    const run = createQueryRunner();
    const rows = new Map<string, DaemonSetRow>();
    const queries: ListQuery[] = [
      defaultQuery(),
      { ...defaultQuery(), sort: { key: 'name', direction: 'desc' } },
      { ...defaultQuery(), sort: { key: 'status', direction: 'asc' } },
      { ...defaultQuery(), sort: { key: 'created', direction: 'desc' } },
      { ...defaultQuery(), status: 'Updating' },
      { ...defaultQuery(), search: 'tier=hot' },
    ];
    let query = queries[0] as ListQuery;
    for (let step = 0; step < 600; step++) {
      const name = `ds-${random(40)}`;
      const action = random(10);
      if (action === 0) rows.delete(`default/${name}`);
      else if (action === 1) query = queries[random(queries.length)] as ListQuery;
      else {
        const r = row(name, {
          labels: { app: name, tier: random(2) === 0 ? 'hot' : 'cold' },
          createdAt: `2026-01-0${1 + random(9)}T00:00:00Z`,
          status: { ready: random(4), available: random(2) === 0 ? 3 : random(4) },
        });
        rows.set(r.key, r);
      }
      const expected = applyQuery(rows.values(), query);
      const out = run(rows.values(), query);
      expect(keys(out)).toEqual(keys(expected));
      out.forEach((r, i) => expect(r).toBe(expected[i]));
    }
  });
});
