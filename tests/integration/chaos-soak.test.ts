// The chaos soak's short run (npm run soak runs the same for minutes): random faults while DaemonSets change through
// the app, then the renderer's store must equal kubectl's view, with no unhandled rejection, a flat heap and no row
// older than the liveness window. The figures are printed so that CI logs show them.
import { describe, expect, it } from 'vitest';
import { formatReport } from '../soak/report.js';
import { runSoak } from '../soak/runner.js';

const SEED = Number(process.env.EVERYNODE_SOAK_SEED ?? Math.floor(Math.random() * 2 ** 31));

describe('chaos soak (short)', () => {
  it(`keeps the store equal to the server through random faults (seed ${SEED})`, { timeout: 150_000 }, async () => {
    // A longer warm-up than the default 15 %: the heap baseline is taken once the code paths have all run.
    const { figures, checks } = await runSoak({ durationMs: 45_000, warmupMs: 12_000, seed: SEED });
    console.log(formatReport(figures));
    let faults = 0;
    for (const n of figures.faults.values()) faults += n;
    // The run did something: faults fired, operations went through, and the store was compared many times.
    expect(faults).toBeGreaterThanOrEqual(5);
    expect([...figures.operations.values()].reduce((sum, c) => sum + c.ok, 0)).toBeGreaterThanOrEqual(10);
    expect(figures.stalenessSamples).toBeGreaterThan(50);
    expect(figures.objects).toBeGreaterThan(2);
    expect(checks.filter((c) => !c.ok).map((c) => c.name)).toEqual([]);
  });
});
