import { describe, expect, it } from 'vitest';
import { BURNER_MAX_MS, expectedRows, LOADED_IDS, loadPlan, planFor, startBurners } from '../../bench/load';
import { METRIC_IDS, needsMainSandbox, scenarioOf, type Scenario } from '../../bench/metric-ids';
import { completeRows, metric, sideBySideTable } from '../../bench/report';
import { rssMb } from '../../bench/support/files';
import { readFileSync } from 'node:fs';

describe('bench --load', () => {
  it('the full run adds load 1, --quick stays at 0, --load N runs everything at N', () => {
    expect(loadPlan(undefined, false)).toEqual({ base: 0, extra: [1] });
    expect(loadPlan(undefined, true)).toEqual({ base: 0, extra: [] });
    expect(loadPlan('2', false)).toEqual({ base: 2, extra: [] });
    expect(loadPlan('0', true)).toEqual({ base: 0, extra: [] });
  });

  it('--only without a loaded scenario measures no extra level and owes no loaded rows', () => {
    const full = loadPlan(undefined, false);
    expect(planFor(full, undefined)).toEqual({ base: 0, extra: [1] });
    expect(planFor(full, new Set(['ui']))).toEqual({ base: 0, extra: [1] });
    expect(planFor(full, new Set(['matrix', 'cold']))).toEqual({ base: 0, extra: [] });
    expect(planFor(loadPlan('2', false), new Set(['fleet']))).toEqual({ base: 2, extra: [] });
    const rows = expectedRows(METRIC_IDS, planFor(full, new Set(['detail'])));
    expect(rows.every((r) => typeof r === 'string' || r.load === 0)).toBe(true);
  });

  it('only the scenarios on the main sandbox make the run start and seed it', () => {
    const set = (...names: Scenario[]) => new Set<Scenario>(names);
    expect(needsMainSandbox(undefined)).toBe(true);
    expect(needsMainSandbox(set('matrix', 'fleet', 'scale-detail'))).toBe(false);
    expect(needsMainSandbox(set('pods'))).toBe(false);
    expect(needsMainSandbox(set('matrix', 'ui'))).toBe(true);
  });

  it('refuses a level that is not a small whole number, naming the flag', () => {
    for (const bad of ['-1', '1.5', 'two', '', '999']) expect(() => loadPlan(bad, false)).toThrow(/--load/);
  });

  it('owes every id at the base level and the loaded ids again at each extra level', () => {
    const rows = expectedRows(METRIC_IDS, { base: 0, extra: [1] });
    expect(rows).toHaveLength(METRIC_IDS.length + LOADED_IDS.length);
    expect(rows.filter((r) => typeof r !== 'string' && r.load === 1).map((r) => (r as { id: string }).id)).toEqual([
      ...LOADED_IDS,
    ]);
    // Every loaded id is a real id of a scenario that runs again at the extra level.
    for (const id of LOADED_IDS) {
      expect(METRIC_IDS).toContain(id);
      expect(['ui', 'startup']).toContain(scenarioOf(id));
    }
  });

  it('a loaded row that the extra level did not report fails, the same id at load 0 stays as measured', () => {
    const goal = { on: 'excess' as const, op: '<=' as const, limit: 60 };
    const measured = [metric('churn.latency.p99.ms', { unit: 'ms', ours: 80, peer: 40, goal })];
    const rows = completeRows(measured, expectedRows(METRIC_IDS, { base: 0, extra: [1] }), 'it broke');
    const p99 = rows.filter((r) => r.id === 'churn.latency.p99.ms');
    expect(p99.map((r) => [r.load, r.result])).toEqual([
      [0, 'pass'],
      [1, 'fail'],
    ]);
    expect(p99[1]?.note).toContain('it broke');
  });

  it('the side-by-side table puts both levels of an id on one line and leaves single-level ids out', () => {
    const goal = { on: 'excess' as const, op: '<=' as const, limit: 60 };
    const rows = [
      metric('churn.latency.p99.ms', { unit: 'ms', ours: 80, peer: 40, peerLabel: 'raw watch', goal }),
      metric('churn.latency.p99.ms', { unit: 'ms', ours: 300, peer: 200, peerLabel: 'raw watch', goal, load: 1 }),
      metric('cold.kubectl.ms', { unit: 'ms', ours: 2000 }),
    ];
    const table = sideBySideTable(rows).split('\n');
    expect(table[0]).toBe('| metric | load 0 | load 1 | goal |');
    expect(table).toHaveLength(3);
    expect(table[2]).toBe(
      '| `churn.latency.p99.ms` | 80 ms (raw watch 40 ms) pass | 300 ms (raw watch 200 ms) fail | ≤ peer + 60 ms |',
    );
    expect(sideBySideTable(rows.slice(0, 1))).toBe('');
  });

  it('a burner is a process that spins on a core until it is stopped', async () => {
    const burners = startBurners(1, 30_000);
    try {
      const pid = burners.pids[0] as number;
      expect(rssMb(pid)).toBeGreaterThan(0);
      const ticks = (): number => {
        const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
        return Number(fields[11]) + Number(fields[12]);
      };
      // It uses CPU (clock ticks of 10 ms) while it lives; polled, not timed: a busy machine gives it little.
      const before = ticks();
      for (let i = 0; i < 100 && ticks() === before; i++) await new Promise((resolve) => setTimeout(resolve, 100));
      expect(ticks()).toBeGreaterThan(before);
    } finally {
      await burners.stop();
    }
    expect(rssMb(burners.pids[0] as number)).toBeUndefined();
    expect(BURNER_MAX_MS).toBeLessThanOrEqual(20 * 60_000);
  });
});
