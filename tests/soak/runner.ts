// The chaos soak: a sandbox cluster in a child process, the app (browser host + the renderer's real stores over a
// real WebSocket) in this one; faults fire at random while DaemonSets are created, updated, redeployed and deleted
// through the app. At the end the store must equal the server, with flat memory and no unhandled rejection, and no
// row may ever have shown a status older than the liveness window.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import v8 from 'node:v8';
import type { BackendTuning } from '../../electron/backend/index.js';
import { startAppClient, type AppClient } from './app-client.js';
import { ClusterLink } from './cluster-link.js';
import { faultGapMs, MAX_BURST, nextFault } from './faults.js';
import { measureMemory } from './memory.js';
import { createPrng } from './prng.js';
import { viewOfRow, viewText, type FaultKind, type StatusView } from './protocol.js';
import { checksOf, type Check, type SoakFigures } from './report.js';
import { differingKeys, kubectlViews, summaryMismatch } from './server-state.js';
import { Workload } from './workload.js';

export interface SoakOptions {
  durationMs: number;
  seed: number;
  nodes?: number;
  /** The sandbox's speed factor (pulls, probes, grace periods). */
  speed?: number;
  heapGrowthLimit?: number;
  /** Writes heap snapshots (start.heapsnapshot, end.heapsnapshot) here at the two memory measurements. */
  heapSnapshotDir?: string;
  /** Operations without faults before the memory baseline; default 15 % of the duration, 5 to 60 s. */
  warmupMs?: number;
  log?: (line: string) => void;
}

export interface SoakResult {
  figures: SoakFigures;
  checks: Check[];
  passed: boolean;
}

/** Faster than the app's defaults (60 s liveness) so that a soak of minutes sees many recoveries. */
export const SOAK_TUNING: Pick<BackendTuning, 'livenessMs' | 'backoffBaseMs' | 'backoffMaxMs' | 'requestTimeoutMs'> = {
  livenessMs: 4000,
  backoffBaseMs: 200,
  backoffMaxMs: 2000,
  requestTimeoutMs: 5000,
};

/**
 * How long a row may show a status the server has left: a silent stream is noticed within livenessMs; the longest
 * burst of failing requests then costs at most the sum of its backoff steps (the informer retries once per step);
 * a second covers batching and the bridge. Time while the server itself holds every stream (a stall) is not counted.
 */
export function livenessWindowMs(t: typeof SOAK_TUNING): number {
  let backoff = 0;
  for (let attempt = 0; attempt < MAX_BURST; attempt++)
    backoff += Math.min(t.backoffMaxMs, t.backoffBaseMs * 2 ** attempt);
  return t.livenessMs + backoff + 1000;
}

const SAMPLE_MS = 250;
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));

/** Rows that differ from the server, and the summary and the list's own state when they are wrong. */
function differences(app: AppClient, server: Record<string, StatusView>): string[] {
  const store = app.daemonsets;
  const found = differingKeys(storeViews(app), server);
  const summary = summaryMismatch(store.summary, server);
  if (summary) found.push(summary);
  if (!store.synced || store.error)
    found.push(`list state (synced ${String(store.synced)}, error ${store.error?.code ?? 'none'})`);
  return found;
}

function storeViews(app: AppClient): Record<string, string> {
  const views: Record<string, string> = {};
  for (const row of app.daemonsets.rows.values()) views[row.key] = viewText(viewOfRow(row));
  return views;
}

async function waitUntil(check: () => boolean | Promise<boolean>, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() <= deadline) {
    if (await check()) return true;
    await sleep(100);
  }
  return false;
}

/**
 * The watch streams the server holds once every DaemonSet has rolled out and the backend has had time to let go of
 * the pod watches it keeps for unsettled ones: the same number before and after the soak, unless watches leak.
 */
async function openWatchesWhenSettled(link: ClusterLink): Promise<number> {
  await waitUntil(() => link.settled(), 60_000);
  await sleep(3000);
  return (await link.stats()).openWatches;
}

export async function runSoak(options: SoakOptions): Promise<SoakResult> {
  const log = options.log ?? (() => undefined);
  const window = livenessWindowMs(SOAK_TUNING);
  const warmupMs = options.warmupMs ?? Math.min(60_000, Math.max(5000, options.durationMs * 0.15));
  const chaosMs = Math.max(0, options.durationMs - warmupMs);
  let unhandledRejections = 0;
  const onUnhandled = (reason: unknown): void => {
    unhandledRejections++;
    log(`unhandled rejection: ${reason instanceof Error ? reason.message : typeof reason}`);
  };
  process.on('unhandledRejection', onUnhandled);

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'everynode-soak-kc-'));
  let link: ClusterLink | undefined;
  let app: AppClient | undefined;
  // The background loops, stopped and awaited in `finally` even when the run fails half-way.
  let stopSampling = false;
  let stopWorkload = false;
  const loops: Promise<unknown>[] = [];
  try {
    log(`seed ${options.seed}: starting the sandbox and the app`);
    link = await ClusterLink.start({
      kubeconfigPath: path.join(dir, 'config'),
      nodes: options.nodes ?? 4,
      speed: options.speed ?? 10,
      bookmarkIntervalMs: 1000,
      historyLimit: 2000,
    });
    app = await startAppClient(link.kubeconfigPath, SOAK_TUNING);
    const store = app.daemonsets;
    if (!(await waitUntil(() => store.synced && store.subscribedTo !== null, 30_000))) {
      throw new Error('the DaemonSet list never synced');
    }

    const watchesAtSync = await openWatchesWhenSettled(link);
    const started = Date.now();
    const workload = new Workload(app.api.services, app.context, createPrng(options.seed));
    const faultPrng = createPrng(options.seed ^ 0x5bd1e995);
    const faults = new Map<FaultKind, number>();
    let maxStalenessMs = 0;
    let worstKey: string | null = null;
    let samples = 0;
    let notLiveSamples = 0;

    const currentApp = app;
    const currentLink = link;
    const sampling = (async () => {
      while (!stopSampling) {
        // While the list is loading again (after the bridge came back) the page shows that, not a status.
        if (!currentApp.daemonsets.synced || currentApp.daemonsets.subscribedTo === null) {
          notLiveSamples++;
          await sleep(SAMPLE_MS);
          continue;
        }
        const result = await currentLink.staleness(storeViews(currentApp));
        samples++;
        if (result.maxAgeMs > maxStalenessMs) {
          maxStalenessMs = result.maxAgeMs;
          worstKey = result.worstKey;
        }
        await sleep(SAMPLE_MS);
      }
    })();
    const operating = (async () => {
      const prng = createPrng(options.seed + 1);
      while (!stopWorkload) {
        await workload.step();
        await sleep(prng.int(200, 1200));
      }
    })();
    loops.push(sampling, operating);

    await sleep(warmupMs);
    const memoryStart = await measureMemory();
    if (options.heapSnapshotDir) v8.writeHeapSnapshot(path.join(options.heapSnapshotDir, 'start.heapsnapshot'));
    log(`warm-up done after ${Math.round((Date.now() - started) / 1000)} s; faults start`);

    const chaosEnd = Date.now() + chaosMs;
    while (Date.now() < chaosEnd) {
      const order = nextFault(faultPrng);
      if (order.kind === 'bridge') app.dropBridge();
      else await link.fault({ kind: order.kind, amount: order.amount });
      faults.set(order.kind, (faults.get(order.kind) ?? 0) + 1);
      await sleep(Math.min(faultGapMs(faultPrng), chaosEnd - Date.now()));
    }
    stopWorkload = true;
    await operating;
    await link.quiesce();
    const quiet = Date.now();
    log(`faults over after ${Math.round((quiet - started) / 1000)} s; settling`);

    const converged = await waitUntil(
      async () => differences(currentApp, await currentLink.views()).length === 0,
      Math.max(3 * window, 15_000),
    );
    const convergedAfterMs = converged ? Date.now() - quiet : null;
    stopSampling = true;
    await sampling;

    const watchesAtEnd = await openWatchesWhenSettled(link);
    const serverViews = await kubectlViews(link.kubeconfigPath);
    const differing = differences(app, serverViews);
    const memoryEnd = await measureMemory();
    if (options.heapSnapshotDir) v8.writeHeapSnapshot(path.join(options.heapSnapshotDir, 'end.heapsnapshot'));
    const childStats = await link.stats();

    const figures: SoakFigures = {
      seed: options.seed,
      durationMs: quiet - started,
      warmupMs,
      chaosMs,
      convergedAfterMs,
      operations: workload.counts,
      operationFailures: workload.failures,
      faults,
      maxStalenessMs,
      worstKey,
      livenessWindowMs: window,
      stalenessSamples: samples,
      notLiveSamples,
      memory: {
        heapStart: memoryStart.heap,
        heapEnd: memoryEnd.heap,
        rssStart: memoryStart.rss,
        rssEnd: memoryEnd.rss,
      },
      heapGrowthLimit: options.heapGrowthLimit ?? 5,
      objects: Object.keys(serverViews).length,
      differing,
      unhandledRejections: unhandledRejections + childStats.unhandledRejections,
      openWatches: { atSync: watchesAtSync, atEnd: watchesAtEnd },
    };
    const checks = checksOf(figures);
    return { figures, checks, passed: checks.every((c) => c.ok) };
  } finally {
    stopSampling = stopWorkload = true;
    await Promise.allSettled(loops);
    await app?.close();
    await link?.stop();
    process.off('unhandledRejection', onUnhandled);
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
