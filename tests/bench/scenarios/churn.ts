// Scenario 2 (and the soak): 1,000 status changes a second while "All projects" is open. Latency from the server's
// change to the row's text in the DOM for the rows in view, long tasks, and at the end the UI compared row by row with
// the server. Scenario 3's growth figures compare memory before and after.
import type { BenchContext } from '../context.js';
import type { ChurnLog } from '../sandbox/churn.js';
import { benchKey } from '../sandbox/world.js';
import { metric } from '../report.js';
import { diffRows, matchLatencies, percentile, type Change, type RowDiff } from '../stats.js';
import { probe } from '../support/browser.js';
import type { ObservedChurn } from '../support/page-probe.js';
import { readMemory, type MemoryReading, type UiSession } from './ui-cold.js';

const RATE = 1000;
/** A fifth of the changes go to the rows in view, so the latency percentiles rest on thousands of samples. */
const HOT_SHARE = 0.2;

function allKeys(ctx: BenchContext): string[] {
  return Array.from({ length: ctx.count }, (_, i) => benchKey(i, ctx.namespaces));
}

/** Waits until the page has shown no change for quietMs (the last batches drained), at most maxMs. */
async function settle(ui: UiSession, quietMs: number, maxMs: number): Promise<void> {
  const deadline = Date.now() + maxMs;
  while (Date.now() < deadline) {
    const last = await probe<number>(ui.page, 'lastMutation');
    if (Date.now() - last >= quietMs) return;
    await ui.page.waitForTimeout(200);
  }
}

/** The UI (every row, read by scrolling) against the server's snapshot. */
export async function compareWithServer(ctx: BenchContext, ui: UiSession): Promise<RowDiff> {
  const server = new Map<string, string>();
  for (const row of await ctx.sandbox.call('snapshot')) {
    server.set(row.key.slice(row.key.indexOf('/') + 1), `${row.ready}/${row.desired}`);
  }
  const shown = await probe<Record<string, string>>(ui.page, 'readAllRows');
  return diffRows(server, new Map(Object.entries(shown)));
}

function hotChanges(log: ChurnLog, names: Set<string>): Change[] {
  const changes: Change[] = [];
  for (let i = 0; i < log.keys.length; i++) {
    const key = log.keys[i] as string;
    const name = key.slice(key.indexOf('/') + 1);
    if (names.has(name)) changes.push({ name, value: log.values[i] as number, time: log.times[i] as number });
  }
  return changes;
}

const growth = (before: number | undefined, after: number | undefined): number | undefined =>
  before !== undefined && after !== undefined && before > 0 ? ((after - before) / before) * 100 : undefined;

function growthMetrics(ctx: BenchContext, prefix: string, before: MemoryReading, after: MemoryReading, what: string) {
  const note = (b: number | undefined, a: number | undefined): string =>
    `${b?.toFixed(1) ?? '—'} → ${a?.toFixed(1) ?? '—'} MB over ${what}`;
  ctx.add(
    metric(`${prefix}.backend.growth.pct`, {
      unit: '%',
      ours: growth(before.backendMb, after.backendMb),
      goal: { on: 'value', op: '<=', limit: 5 },
      note: `backend RSS ${note(before.backendMb, after.backendMb)}`,
    }),
    metric(`${prefix}.backend.heap-growth.pct`, {
      unit: '%',
      ours: growth(before.backendHeapMb, after.backendHeapMb),
      goal: { on: 'value', op: '<=', limit: 5 },
      note: `backend JS heap after GC ${note(before.backendHeapMb, after.backendHeapMb)}`,
    }),
    metric(`${prefix}.renderer.growth.pct`, {
      unit: '%',
      ours: growth(before.heapMb, after.heapMb),
      goal: { on: 'value', op: '<=', limit: 5 },
      note: `renderer heap ${note(before.heapMb, after.heapMb)}`,
    }),
  );
}

export async function churn(ctx: BenchContext, ui: UiSession, before: MemoryReading): Promise<MemoryReading> {
  const seconds = ctx.quick ? 5 : 30;
  const visible = await probe<string[]>(ui.page, 'visibleNames');
  const namespaceOf = new Map(allKeys(ctx).map((key) => [key.slice(key.indexOf('/') + 1), key]));
  const hot = visible.flatMap((name) => namespaceOf.get(name) ?? []);
  await probe(ui.page, 'startObserving');
  const result = await ctx.sandbox.call('churn', {
    ratePerSec: RATE,
    seconds,
    keys: allKeys(ctx),
    hot,
    hotShare: HOT_SHARE,
    record: true,
  });
  await settle(ui, 1500, 15_000);
  const observed = await probe<ObservedChurn>(ui.page, 'stopObserving');
  const changes = hotChanges(result.log, new Set(visible));
  const observations = observed.observations.map(([name, value, time]) => ({ name, value, time }));
  const { latencies, unseen } = matchLatencies(changes, observations);
  const rate = (result.changes / result.elapsedMs) * 1000;
  const longest = observed.longTasks.length > 0 ? Math.max(...observed.longTasks) : 0;
  const diff = await compareWithServer(ctx, ui).catch(() => undefined);
  const sampleNote = `${latencies.length} changes to ${hot.length} rows in view, ${unseen} never shown`;
  ctx.add(
    metric('churn.rate.per-s', {
      unit: '/s',
      ours: rate,
      goal: { on: 'value', op: '>=', limit: RATE * 0.95 },
      note: `status writes achieved in the sandbox (${result.changes} in ${(result.elapsedMs / 1000).toFixed(1)} s, ${result.failures} failed); below the goal the load was not the one asked for`,
    }),
    metric('churn.latency.p50.ms', { unit: 'ms', ours: percentile(latencies, 50), note: sampleNote }),
    metric('churn.latency.p95.ms', { unit: 'ms', ours: percentile(latencies, 95), note: sampleNote }),
    metric('churn.latency.p99.ms', {
      unit: 'ms',
      ours: unseen > 0 && latencies.length === 0 ? undefined : percentile(latencies, 99),
      goal: { on: 'value', op: '<=', limit: 100 },
      note: `server write → row text in the DOM; ${sampleNote}`,
    }),
    metric('churn.longtask.max.ms', {
      unit: 'ms',
      ours: longest,
      goal: { on: 'value', op: '<=', limit: 100 },
      note: `${observed.longTasks.length} long tasks over 50 ms in ${seconds} s (PerformanceObserver 'longtask')`,
    }),
    metric('churn.differing-rows', {
      unit: 'rows',
      ours: diff?.total,
      goal: { on: 'value', op: '<=', limit: 0 },
      note: diff
        ? `all ${ctx.totalDaemonSets} rows read by scrolling: ${diff.differing} differ, ${diff.missing} missing, ${diff.extra} extra` +
          (diff.examples.length > 0 ? ` (e.g. ${diff.examples.join(', ')})` : '')
        : 'the rows could not be read',
    }),
  );
  const after = await readMemory(ui);
  growthMetrics(ctx, 'memory', before, after, `${seconds} s of churn`);
  return after;
}

/**
 * The leak check. Its baseline is the reading after scenario 2's churn, not after the cold list: right after three
 * cold lists the backend's RSS still holds their garbage, which would hide growth.
 */
export async function soak(ctx: BenchContext, ui: UiSession, before: MemoryReading): Promise<void> {
  if (!ctx.soak) {
    const skipped = { unit: '%', ours: undefined, skipped: true, note: 'run with --soak' };
    ctx.add(
      metric('soak.backend.growth.pct', skipped),
      metric('soak.backend.heap-growth.pct', skipped),
      metric('soak.renderer.growth.pct', skipped),
    );
    return;
  }
  const minutes = 10;
  ctx.log(`soak: ${minutes} minutes of churn at ${RATE}/s`);
  await ctx.sandbox.call('churn', { ratePerSec: RATE, seconds: minutes * 60, keys: allKeys(ctx), record: false });
  await ui.page.waitForTimeout(3000);
  growthMetrics(ctx, 'soak', before, await readMemory(ui), `${minutes} min of churn`);
}
