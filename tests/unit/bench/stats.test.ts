import { describe, expect, it } from 'vitest';
import { completeRows, markdownTable, metric } from '../../bench/report';
import { diffRows, matchLatencies, median, percentile } from '../../bench/stats';

describe('bench counters', () => {
  it('percentiles are nearest-rank over the sorted values', () => {
    const values = Array.from({ length: 100 }, (_, i) => 100 - i);
    expect(percentile(values, 50)).toBe(50);
    expect(percentile(values, 99)).toBe(99);
    expect(percentile(values, 100)).toBe(100);
    expect(median([5, 1, 3])).toBe(3);
    expect(percentile([], 99)).toBeUndefined();
  });

  it('the differing-rows check finds a planted difference, a missing row and an extra one', () => {
    const server = new Map(Array.from({ length: 5000 }, (_, i) => [`ds-${i}`, `${i}/${i}`] as [string, string]));
    const ui = new Map(server);
    expect(diffRows(server, ui).total).toBe(0);
    ui.set('ds-4321', '4320/4321');
    ui.delete('ds-17');
    ui.set('ds-ghost', '1/1');
    const diff = diffRows(server, ui);
    expect(diff).toMatchObject({ differing: 1, missing: 1, extra: 1, total: 3 });
    expect(diff.examples.sort()).toEqual(['ds-17', 'ds-4321', 'ds-ghost']);
  });

  it('a change counts as shown when its value or a later one appears, and never before the change', () => {
    const changes = [
      { name: 'a', value: 4, time: 1000 },
      { name: 'a', value: 5, time: 1010 },
      { name: 'b', value: 9, time: 1000 },
      { name: 'c', value: 2, time: 1000 },
    ];
    const observations = [
      { name: 'c', value: 2, time: 990 }, // before the change: a stale match that must not count
      { name: 'a', value: 5, time: 1050 }, // overtook 4: both shown at 1050
      { name: 'b', value: 8, time: 1020 }, // an older value: not this change
      { name: 'b', value: 9, time: 1075 },
    ];
    const result = matchLatencies(changes, observations);
    expect(result.latencies).toEqual([50, 40, 75]);
    expect(result.unseen).toBe(1);
  });
});

describe('bench report', () => {
  it('pass and fail follow the goal; an unmeasured goal is a fail; a ratio needs its peer', () => {
    expect(metric('a', { unit: 'ms', ours: 90, goal: { on: 'value', op: '<=', limit: 100 } }).result).toBe('pass');
    expect(metric('a', { unit: 'ms', ours: 101, goal: { on: 'value', op: '<=', limit: 100 } }).result).toBe('fail');
    expect(metric('a', { unit: 'ms', ours: undefined, goal: { on: 'value', op: '<=', limit: 100 } }).result).toBe(
      'fail',
    );
    const ratio = metric('r', { unit: 'ms', ours: 130, peer: 100, goal: { on: 'ratio', op: '<=', limit: 1.2 } });
    expect(ratio.ratio).toBeCloseTo(1.3);
    expect(ratio.result).toBe('fail');
    expect(metric('r', { unit: 'ms', ours: 130, goal: { on: 'ratio', op: '<=', limit: 1.5 } }).result).toBe('fail');
    expect(metric('i', { unit: 'ms', ours: 5 }).result).toBe('info');
    expect(metric('s', { unit: '%', ours: undefined, skipped: true }).result).toBe('skip');
  });

  it('an excess goal is ours − peer against the allowance, and fails without its peer', () => {
    const goal = { on: 'excess' as const, op: '<=' as const, limit: 60 };
    expect(metric('p99', { unit: 'ms', ours: 160, peer: 100, goal }).result).toBe('pass');
    expect(metric('p99', { unit: 'ms', ours: 161, peer: 100, goal }).result).toBe('fail');
    // Slower than the peer on an absolute scale is fine as long as the excess holds: the machine's share is the peer's.
    expect(metric('p99', { unit: 'ms', ours: 900, peer: 880, goal }).result).toBe('pass');
    const noPeer = metric('p99', { unit: 'ms', ours: 20, goal });
    expect(noPeer.result).toBe('fail');
    expect(noPeer.note).toContain('peer not measured, excess unknown');
    expect(
      markdownTable([metric('p99', { unit: 'ms', ours: 160, peer: 100, peerLabel: 'raw watch', goal })]),
    ).toContain('| `p99` | 160 ms | raw watch: 100 ms | 1.6× | ≤ peer + 60 ms | pass |');
  });

  it('a ratio goal of at least (the rate achieved of the rate asked) passes at the limit and fails below it', () => {
    const goal = { on: 'ratio' as const, op: '>=' as const, limit: 0.95 };
    expect(metric('rate', { unit: '/s', ours: 950, peer: 1000, goal }).result).toBe('pass');
    expect(metric('rate', { unit: '/s', ours: 949, peer: 1000, goal }).result).toBe('fail');
  });

  it('rows at a load level say so in the table', () => {
    const row = metric('churn.latency.p99.ms', { unit: 'ms', ours: 50, load: 1 });
    expect(markdownTable([row]).split('\n')[2]).toMatch(/^\| `churn.latency.p99.ms` @ load 1 \| 50 ms \|/);
  });

  it('every fixed id gets a row, missing ones as fails, in the fixed order', () => {
    const rows = completeRows([metric('b', { unit: 'ms', ours: 1 })], ['a', 'b'], 'scenario broke');
    expect(rows.map((r) => [r.id, r.result])).toEqual([
      ['a', 'fail'],
      ['b', 'info'],
    ]);
    expect(rows[0]?.note).toContain('scenario broke');
    expect(markdownTable(rows).split('\n')).toHaveLength(4);
  });
});
