import { describe, expect, it } from 'vitest';
import { agreementTable, compareRuns, isTail } from '../../bench/agreement';
import { metric, type Metric } from '../../bench/report';

const row = (id: string, ours: number, peer: number, load = 0): Metric =>
  metric(id, { unit: 'ms', ours, peer, goal: { on: 'ratio', op: '<=', limit: 1 }, load });

describe('bench agreement between two runs', () => {
  it('pairs rows by id and load level and holds each median ratio to 20 %', () => {
    const first = [row('cold.ui.ms', 500, 2000), row('cold.ui.ms', 500, 2000, 1), row('detail.open.ms', 90, 60)];
    const second = [row('cold.ui.ms', 540, 2000), row('cold.ui.ms', 800, 2000, 1), row('detail.open.ms', 90, 60)];
    const { compared } = compareRuns(first, second);
    expect(compared.map((r) => [r.row, r.agree])).toEqual([
      ['cold.ui.ms', true],
      ['cold.ui.ms @ load 1', false],
      ['detail.open.ms', true],
    ]);
    expect(compared[1]?.spread).toBeCloseTo(1.6);
  });

  it('leaves tails out, names rows one run lacks, and puts disagreements first in the table', () => {
    const first = [row('churn.latency.p99.ms', 300, 100), row('matrix.open.ms', 10, 100), row('fleet.open.ms', 1, 1)];
    const second = [
      row('churn.latency.p99.ms', 900, 100),
      row('churn.longtask.max.ms', 90, 10),
      metric('matrix.open.ms', { unit: 'ms', ours: undefined, peer: 100, skipped: true }),
      row('fleet.open.ms', 2, 1),
    ];
    const comparison = compareRuns(first, second);
    expect(comparison.tails.sort()).toEqual(['churn.latency.p99.ms', 'churn.longtask.max.ms']);
    expect(comparison.unpaired).toEqual(['matrix.open.ms']);
    expect(comparison.compared).toHaveLength(1);
    const table = agreementTable(comparison, ['01:00 UTC', '02:00 UTC']);
    expect(table).toContain('| `fleet.open.ms` | 1× | 2× | 100 % | no |');
    expect(table).toContain('Tails, not compared');
  });

  it('knows a tail by its percentile or maximum', () => {
    expect(isTail('scale.detail.rollout.grid.p99.ms')).toBe(true);
    expect(isTail('churn.longtask.max.ms')).toBe(true);
    expect(isTail('churn.latency.p50.ms')).toBe(false);
    expect(isTail('memory.backend.rss.mb')).toBe(false);
  });
});
