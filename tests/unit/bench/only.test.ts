import { describe, expect, it } from 'vitest';
import { METRIC_IDS, scenarioOf } from '../../bench/metric-ids';
import { completeRows, metric } from '../../bench/report';

describe('bench --only', () => {
  it('each metric id belongs to the scenario that reports it', () => {
    const byScenario = (name: string) => METRIC_IDS.filter((id) => scenarioOf(id) === name);
    expect(byScenario('cold')).toEqual([
      'cold.kubectl.ms',
      'cold.client-node.ms',
      'cold.json-parse.ms',
      'cold.backend.first-delta.ms',
      'sandbox.list.ms',
      'cold.kubeconfig-refusal.ms',
    ]);
    expect(byScenario('startup')).toEqual(['startup.first-list.ms']);
    expect(byScenario('watchers')).toEqual([
      'sandbox.watch.rate.per-s',
      'sandbox.watch.p50.ms',
      'sandbox.watch.p99.ms',
      'sandbox.watch.delivered.pct',
    ]);
    expect(byScenario('detail')).toEqual(['detail.pods.bytes', 'detail.open.ms']);
    expect(byScenario('pods')).toEqual(['sandbox.pods.running', 'sandbox.memory.rss.mb']);
    expect(byScenario('ui')).toContain('cold.ui.ms');
    expect(byScenario('ui')).toContain('churn.latency.p99.ms');
    expect(byScenario('ui')).toContain('soak.renderer.growth.pct');
  });

  it('rows of scenarios left out are skips, while a chosen scenario that reported nothing still fails', () => {
    const measured = [
      metric('startup.first-list.ms', { unit: 'ms', ours: 900, goal: { on: 'value', op: '<=', limit: 1500 } }),
    ];
    const only = new Set(['startup', 'detail']);
    const rows = completeRows(measured, METRIC_IDS, 'it broke', (id) =>
      only.has(scenarioOf(id)) ? undefined : 'not run (--only startup,detail)',
    );
    const result = (id: string) => rows.find((row) => row.id === id)?.result;
    expect(result('startup.first-list.ms')).toBe('pass');
    expect(result('detail.open.ms')).toBe('fail');
    expect(rows.find((row) => row.id === 'detail.open.ms')?.note).toContain('it broke');
    expect(result('churn.latency.p99.ms')).toBe('skip');
    expect(result('cold.kubectl.ms')).toBe('skip');
    expect(rows).toHaveLength(METRIC_IDS.length);
  });
});
