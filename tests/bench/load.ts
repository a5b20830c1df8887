// `--load N`: N CPU burners beside the scenarios, as a user's busy laptop has (a build, an IDE, a browser). Each
// burner is a child process spinning on one core until its deadline; the bench ends them when the level is done, and
// a burner whose parent died ends itself at its deadline. Which levels a run measures, and which rows each level owes,
// is plain bookkeeping here (unit-tested in tests/unit/bench/load.test.ts).
import { spawn, type ChildProcess } from 'node:child_process';
import os from 'node:os';
import type { Expected } from './report.js';

/** Rows the full run measures again at load 1 (churn, long tasks, start-up and the cold list they start from). */
export const LOADED_IDS = [
  'cold.ui.ms',
  'churn.rate.per-s',
  'churn.latency.p50.ms',
  'churn.latency.p95.ms',
  'churn.latency.p99.ms',
  'churn.longtask.max.ms',
  'churn.differing-rows',
  'startup.first-list.ms',
] as const;

/** Scenarios that report LOADED_IDS, and so run again at each extra level. */
export const LOADED_SCENARIOS = ['ui', 'startup'] as const;

export interface LoadPlan {
  /** The level every scenario runs at. */
  base: number;
  /** Further levels at which only LOADED_SCENARIOS run again. */
  extra: number[];
}

/** A burner never outlives this, even if the bench is killed before it can end it. */
export const BURNER_MAX_MS = 20 * 60_000;

/**
 * `--load N` runs everything at N burners. Without it, the full run measures the loaded rows at load 0 and load 1
 * side by side; `--quick` stays at load 0 (its 3-minute budget has no room for a second pass).
 */
export function loadPlan(load: string | undefined, quick: boolean): LoadPlan {
  if (load === undefined) return { base: 0, extra: quick ? [] : [1] };
  const n = Number(load);
  const cores = os.availableParallelism();
  if (!/^\d+$/.test(load.trim()) || !Number.isInteger(n) || n < 0 || n > cores * 4)
    throw new Error(`--load: expected a whole number of burners from 0 to ${cores * 4}, got "${load}"`);
  return { base: n, extra: [] };
}

/**
 * The plan as `--only` trims it: the extra levels exist for the loaded scenarios, so a run that picks none of them
 * starts no burners and owes no loaded rows.
 */
export function planFor(plan: LoadPlan, only: ReadonlySet<string> | undefined): LoadPlan {
  if (only === undefined || LOADED_SCENARIOS.some((name) => only.has(name))) return plan;
  return { base: plan.base, extra: [] };
}

/** Every row the run owes: all ids at the base level, the loaded ones again at each extra level. */
export function expectedRows(ids: readonly string[], plan: LoadPlan): Expected[] {
  return [
    ...ids.map((id) => ({ id, load: plan.base })),
    ...plan.extra.flatMap((load) => LOADED_IDS.map((id) => ({ id, load }))),
  ];
}

// Spins in slices of 50 ms so a deadline and a lost parent are noticed; nothing else runs in the process.
const BURNER_SOURCE = `
const end = Date.now() + Number(process.argv[1]);
let x = 0;
while (Date.now() < end) {
  const slice = Date.now() + 50;
  while (Date.now() < slice) x = (x * 1103515245 + 12345) % 2147483648;
  if (process.ppid === 1) break;
}
`;

export interface Burners {
  count: number;
  pids: number[];
  stop(): Promise<void>;
}

export function startBurners(count: number, maxMs = BURNER_MAX_MS): Burners {
  const children: ChildProcess[] = Array.from({ length: count }, () =>
    spawn(process.execPath, ['-e', BURNER_SOURCE, String(maxMs)], { stdio: 'ignore' }),
  );
  return {
    count,
    pids: children.map((child) => child.pid ?? 0),
    async stop() {
      await Promise.all(
        children.map(
          (child) =>
            new Promise<void>((resolve) => {
              if (child.exitCode !== null || child.signalCode !== null) return resolve();
              child.once('exit', () => resolve());
              child.kill('SIGKILL');
            }),
        ),
      );
    },
  };
}
