// Scenario 2 (and the soak): 1,000 status changes a second while "All projects" is open. Latency from the server's
// change to the row's text in the DOM for the rows in view, long tasks, and at the end the UI compared row by row with
// the server. Scenario 3's growth figures compare memory before and after.
import type { BenchContext } from '../context.js';
import type { ChurnLog } from '../sandbox/churn.js';
import { benchKey } from '../sandbox/world.js';
import { metric } from '../report.js';
import {
  diffRows,
  matchLatencies,
  memoryTrace,
  percentile,
  type Change,
  type MemorySample,
  type RowDiff,
} from '../stats.js';
import { probe } from '../support/browser.js';
import { startFloorPage } from '../support/floor-page.js';
import { startPageProfile } from '../support/page-profile.js';
import type { ObservedChurn } from '../support/page-probe.js';
import { currentResourceVersion, openRawWatcher, type RawWatcher } from '../support/raw-watch.js';
import { nodeMemoryUsage } from '../support/node-heap.js';
import { readMemory, type MemoryReading, type UiSession } from './ui-cold.js';

const RATE = 1000;
/** A fifth of the changes go to the rows in view, so the latency percentiles rest on thousands of samples. */
const HOT_SHARE = 0.2;
/**
 * What the list may add to the same events' arrival at a bare watch client (p99): the backend's 25 ms batch window
 * plus a few frames.
 */
export const CHURN_ALLOWANCE_MS = 60;
/** A long task may exceed the floor page's longest (what the machine alone did to a page) by this much. */
export const LONG_TASK_ALLOWANCE_MS = 100;
/** Churn before the memory baseline: V8 compiles the churn code paths once, which is not growth (docs/bench.md). */
const WARM_UP_SECONDS = 5;

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

function growthMetrics(
  ctx: BenchContext,
  prefix: string,
  before: MemoryReading,
  after: MemoryReading,
  what: string,
  trace = '',
) {
  const note = (b: number | undefined, a: number | undefined): string =>
    `${b?.toFixed(1) ?? '—'} → ${a?.toFixed(1) ?? '—'} MB over ${what}`;
  ctx.add(
    metric(`${prefix}.backend.growth.pct`, {
      unit: '%',
      ours: growth(before.backendMb, after.backendMb),
      goal: { on: 'value', op: '<=', limit: 5 },
      note: `backend RSS ${note(before.backendMb, after.backendMb)}${trace ? `; ${trace}` : ''}`,
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

/** The same changes' arrival at the bare watch client (ms after the write), for those it saw. */
function rawLatencies(watcher: RawWatcher | undefined, changes: readonly Change[]): number[] {
  if (!watcher) return [];
  return changes.flatMap((c) => {
    const arrived = watcher.arrivals.get(`${c.name}:${c.value}`);
    return arrived === undefined ? [] : [arrived - c.time];
  });
}

/**
 * The compile step, measured apart: a short churn the page has not seen yet, then the heap again. What it adds is
 * reported (memory.renderer.warmup.pct) and the growth rows start after it.
 */
async function warmUp(ctx: BenchContext, ui: UiSession, before: MemoryReading, hot: string[]): Promise<MemoryReading> {
  // The same plan as the measured churn (a fifth of the writes to the rows in view, so the rows' own update paths
  // run), and the probe observing, so its code is compiled before the baseline as well.
  await probe(ui.page, 'startObserving');
  await ctx.sandbox.call('churn', {
    ratePerSec: RATE,
    seconds: WARM_UP_SECONDS,
    keys: allKeys(ctx),
    hot,
    hotShare: HOT_SHARE,
    record: false,
  });
  await probe(ui.page, 'stopObserving');
  const warm = await readMemory(ui);
  ctx.add(
    metric('memory.renderer.warmup.pct', {
      unit: '%',
      ours: growth(before.heapMb, warm.heapMb),
      note: `renderer heap ${before.heapMb?.toFixed(1) ?? '—'} → ${warm.heapMb?.toFixed(1) ?? '—'} MB over the first ${WARM_UP_SECONDS} s of churn: the one-time compile step (V8 code and Chromium's caches for the churn paths), reported apart`,
    }),
  );
  return warm;
}

export async function churn(ctx: BenchContext, ui: UiSession, afterCold: MemoryReading): Promise<MemoryReading> {
  const seconds = ctx.quick ? 5 : 30;
  const visible = await probe<string[]>(ui.page, 'visibleNames');
  const namespaceOf = new Map(allKeys(ctx).map((key) => [key.slice(key.indexOf('/') + 1), key]));
  const hot = visible.flatMap((name) => namespaceOf.get(name) ?? []);
  const before = await warmUp(ctx, ui, afterCold, hot);
  const browser = ui.page.context().browser();
  const floor = browser ? await startFloorPage(browser).catch(() => undefined) : undefined;
  const watcher = await currentResourceVersion(ctx.access)
    .then((rv) => openRawWatcher(ctx.access, rv))
    .catch(() => undefined);
  await probe(ui.page, 'startObserving');
  const profiler = await startPageProfile(ui.page, 'churn');
  const result = await ctx.sandbox.call('churn', {
    ratePerSec: RATE,
    seconds,
    keys: allKeys(ctx),
    hot,
    hotShare: HOT_SHARE,
    record: true,
  });
  const profiled = await profiler.stop();
  if (profiled) ctx.log(`churn: page profile ${profiled}`);
  const floorTasks = await floor?.stop().catch(() => undefined);
  await settle(ui, 1500, 15_000);
  watcher?.close();
  const observed = await probe<ObservedChurn>(ui.page, 'stopObserving');
  const changes = hotChanges(result.log, new Set(visible));
  const observations = observed.observations.map(([name, value, time]) => ({ name, value, time }));
  const { latencies, unseen } = matchLatencies(changes, observations);
  const raw = rawLatencies(watcher, changes);
  const rate = (result.changes / result.elapsedMs) * 1000;
  const longest = observed.longTasks.length > 0 ? Math.max(...observed.longTasks) : 0;
  const floorLongest = floorTasks ? Math.max(0, ...floorTasks) : undefined;
  const rawPeer = { peerLabel: 'raw watch' };
  // Memory before the compare: reading every row scrolls all 5,000 through the virtual list, which renders (and
  // compiles the paths of) rows churn never showed; read after it, the growth row measured the scroll, not churn.
  const after = await readMemory(ui);
  const diff = await compareWithServer(ctx, ui).catch(() => undefined);
  const sampleNote = `${latencies.length} changes to ${hot.length} rows in view, ${unseen} never shown`;
  ctx.add(
    metric('churn.rate.per-s', {
      unit: '/s',
      ours: rate,
      peer: RATE,
      peerLabel: 'asked',
      goal: { on: 'ratio', op: '>=', limit: 0.95 },
      note: `status writes achieved in the sandbox (${result.changes} in ${(result.elapsedMs / 1000).toFixed(1)} s, ${result.failures} failed); below the goal the load was not the one asked for`,
    }),
    metric('churn.latency.p50.ms', {
      unit: 'ms',
      ours: percentile(latencies, 50),
      peer: percentile(raw, 50),
      ...rawPeer,
      note: sampleNote,
    }),
    metric('churn.latency.p95.ms', {
      unit: 'ms',
      ours: percentile(latencies, 95),
      peer: percentile(raw, 95),
      ...rawPeer,
      note: sampleNote,
    }),
    metric('churn.latency.p99.ms', {
      unit: 'ms',
      ours: unseen > 0 && latencies.length === 0 ? undefined : percentile(latencies, 99),
      peer: percentile(raw, 99),
      ...rawPeer,
      goal: { on: 'excess', op: '<=', limit: CHURN_ALLOWANCE_MS },
      note: `server write → row text in the DOM; peer: the same ${raw.length} writes → event line at a bare HTTPS watch client in the bench process; ${sampleNote}`,
    }),
    metric('churn.longtask.max.ms', {
      unit: 'ms',
      ours: longest,
      peer: floorLongest,
      peerLabel: 'floor page',
      goal: { on: 'excess', op: '<=', limit: LONG_TASK_ALLOWANCE_MS },
      note: `${observed.longTasks.length} long tasks over 50 ms in ${seconds} s (PerformanceObserver 'longtask'); floor: a static page in the same Chromium running 2 ms of script every 100 ms, ${floorTasks?.length ?? '—'} of its tasks over 50 ms (0 ms: none)`,
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
  growthMetrics(ctx, 'memory', before, after, `${seconds} s of churn after the warm-up`);
  // The soak's baseline comes after the compare, so its growth does not hold the scroll's either.
  return ctx.soak ? await readMemory(ui) : after;
}

/**
 * The soak's own warm-up: the reading before it follows a forced, memory-reducing GC, so the host's first minute of
 * churn regrows V8's spaces to what 1,000 events a second need (+20 MB of RSS, then flat: docs/bench.md, "memory").
 * That step is reported apart (soak.backend.warmup.pct) and the growth rows start after it.
 */
const SOAK_WARM_UP_SECONDS = 60;

/**
 * The leak check. Its warm-up starts from the reading after scenario 2's churn, not after the cold list: right after
 * three cold lists the backend's RSS still holds their garbage, which would hide growth.
 */
export async function soak(ctx: BenchContext, ui: UiSession, before: MemoryReading): Promise<void> {
  if (!ctx.soak) {
    const skipped = { unit: '%', ours: undefined, skipped: true, note: 'run with --soak' };
    ctx.add(
      metric('soak.backend.warmup.pct', skipped),
      metric('soak.backend.growth.pct', skipped),
      metric('soak.backend.heap-growth.pct', skipped),
      metric('soak.renderer.growth.pct', skipped),
    );
    return;
  }
  const minutes = ctx.soakMinutes;
  ctx.log(`soak: ${SOAK_WARM_UP_SECONDS} s of warm-up, then ${minutes} minutes of churn at ${RATE}/s`);
  await ctx.sandbox.call('churn', {
    ratePerSec: RATE,
    seconds: SOAK_WARM_UP_SECONDS,
    keys: allKeys(ctx),
    record: false,
  });
  const warm = await readMemory(ui);
  ctx.add(
    metric('soak.backend.warmup.pct', {
      unit: '%',
      ours: growth(before.backendMb, warm.backendMb),
      note: `backend RSS ${before.backendMb?.toFixed(1) ?? '—'} → ${warm.backendMb?.toFixed(1) ?? '—'} MB over the soak's first ${SOAK_WARM_UP_SECONDS} s of churn (V8 sizing its spaces for the churn after the GC of the reading before), reported apart; the soak's growth rows start after it`,
    }),
  );
  const trace = traceHostMemory(ctx, ui, (minutes * 60_000) / SOAK_SAMPLES);
  try {
    await ctx.sandbox.call('churn', { ratePerSec: RATE, seconds: minutes * 60, keys: allKeys(ctx), record: false });
  } finally {
    trace.stop();
  }
  await ui.page.waitForTimeout(3000);
  const after = await readMemory(ui);
  growthMetrics(ctx, 'soak', warm, after, `${minutes} min of churn after the warm-up`, trace.summary());
}

/** Samples of the host's memory over the soak (without a GC): where RSS grows, if it does. */
const SOAK_SAMPLES = 20;

function traceHostMemory(ctx: BenchContext, ui: UiSession, everyMs: number) {
  const samples: MemorySample[] = [];
  const started = Date.now();
  const take = async (): Promise<void> => {
    const url = ui.host.inspector;
    const usage = url ? await nodeMemoryUsage(url).catch(() => undefined) : undefined;
    if (!usage) return;
    samples.push(usage);
    const f = (n: number): string => n.toFixed(1);
    ctx.log(
      `soak ${((Date.now() - started) / 60_000).toFixed(1)} min: host rss ${f(usage.rss)} MB, heap ${f(usage.heapUsed)}/${f(usage.heapTotal)} MB, external ${f(usage.external)} MB, array buffers ${f(usage.arrayBuffers)} MB`,
    );
  };
  void take();
  const timer = setInterval(() => void take(), everyMs);
  return {
    stop: () => clearInterval(timer),
    summary: () => memoryTrace(samples),
  };
}
