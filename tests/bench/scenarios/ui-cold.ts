// Scenario 1 in the UI, and scenario 3's first memory reading: the browser host on the sandbox, Chromium choosing
// "All projects" until the table holds every DaemonSet and has painted its first rows.
import type { Browser, Page } from '@playwright/test';
import type { BenchContext } from '../context.js';
import { metric } from '../report.js';
import { median } from '../stats.js';
import { heapMb, openApp, probe, waitForProject } from '../support/browser.js';
import { clientNodeRssMb } from '../support/client-node-rss.js';
import { rssMb, tempDir } from '../support/files.js';
import { getBody } from '../support/https.js';
import { nodeHeapMb } from '../support/node-heap.js';
import type { ColdTiming } from '../support/page-probe.js';
import { startWebHost, type WebHostProcess } from '../support/web-host.js';

export interface UiSession {
  host: WebHostProcess;
  page: Page;
  /** The host's RSS with the app open on an empty project, before any list: what the 5,000 rows add is the rest. */
  idleRssMb: number | undefined;
  close(): Promise<void>;
}

export const ALL_PROJECTS_LABEL = 'All projects';
/** A project of the seed world with no DaemonSets: switching to it empties the table between measurements. */
const EMPTY_PROJECT = 'default';

export async function openUi(ctx: BenchContext, browser: Browser): Promise<UiSession> {
  const host = await startWebHost(ctx.webHost, ctx.sandbox.kubeconfigPath, tempDir('bench-web'), { inspect: true });
  try {
    const page = await openApp(browser, host.url);
    return {
      host,
      page,
      idleRssMb: rssMb(host.pid),
      async close() {
        await page.context().close();
        await host.stop();
      },
    };
  } catch (error) {
    await host.stop();
    throw error;
  }
}

export async function coldUi(ctx: BenchContext, ui: UiSession): Promise<void> {
  const samples: ColdTiming[] = [];
  const errors = new Set<string>();
  try {
    await waitForProject(ui.page, ALL_PROJECTS_LABEL);
    for (let i = 0; i < ctx.repeats; i++) {
      await probe(ui.page, 'chooseProject', EMPTY_PROJECT, 0, 30_000);
      await ui.page.waitForTimeout(500);
      samples.push(await probe<ColdTiming>(ui.page, 'chooseProject', ALL_PROJECTS_LABEL, ctx.totalDaemonSets, 60_000));
    }
  } catch (error) {
    errors.add(error instanceof Error ? error.message : String(error));
  }
  const kubectl = ctx.shared.get('kubectl.ms');
  const painted = median(samples.map((s) => s.paintedMs));
  ctx.add(
    metric('cold.ui.ms', {
      unit: 'ms',
      ours: painted,
      peer: kubectl,
      peerLabel: 'kubectl',
      goal: { on: 'ratio', op: '<=', limit: 1.5 },
      note:
        [...errors].join('; ') ||
        `choose "All projects" → table holds ${ctx.totalDaemonSets} rows and painted; median of ${samples.length}; ` +
          `rows known at ${median(samples.map((s) => s.shownMs))?.toFixed(0) ?? '—'} ms`,
    }),
  );
}

export interface MemoryReading {
  backendMb: number | undefined;
  /** The host's JS heap after a full GC, and its RSS right after that GC. */
  backendHeapMb: number | undefined;
  backendGcRssMb: number | undefined;
  heapMb: number | undefined;
}

/** Memory after the host and page have been idle for a moment (the last batches and timers done). */
export async function readMemory(ui: UiSession): Promise<MemoryReading> {
  await ui.page.waitForTimeout(3000);
  const heap = await heapMb(ui.page).catch(() => undefined);
  // RSS first, as the OS sees it; the forced GC that reading the heap needs would shrink it.
  const backendMb = rssMb(ui.host.pid);
  const inspector = ui.host.inspector;
  const backendHeap = inspector ? await nodeHeapMb(inspector).catch(() => undefined) : undefined;
  return { backendMb, backendHeapMb: backendHeap, backendGcRssMb: rssMb(ui.host.pid), heapMb: heap };
}

/** The host may hold at most this many times a bare client-node process holding the same list. */
export const BACKEND_RSS_RATIO_LIMIT = 1;
/** The page's heap may be at most this many times the API's JSON for the same DaemonSets. */
export const RENDERER_HEAP_RATIO_LIMIT = 2;

export async function memoryMetrics(ctx: BenchContext, ui: UiSession, reading: MemoryReading): Promise<void> {
  const clientNode = await clientNodeRssMb(ctx.sandbox.kubeconfigPath, ctx.totalDaemonSets).catch((error: unknown) =>
    error instanceof Error ? error.message : String(error),
  );
  const listMb = await getBody(ctx.access, '/apis/apps/v1/daemonsets')
    .then(({ body }) => body.length / 1024 / 1024)
    .catch(() => undefined);
  ctx.add(
    metric('memory.backend.rss.mb', {
      unit: 'MB',
      ours: reading.backendMb,
      peer: typeof clientNode === 'number' ? clientNode : undefined,
      peerLabel: 'client-node process',
      goal: { on: 'ratio', op: '<=', limit: BACKEND_RSS_RATIO_LIMIT },
      note:
        `browser host process (\`node dist/web/cli.mjs\`: backend + web server) holding ${ctx.totalDaemonSets} DaemonSets, after scenario 1; ` +
        `${ui.idleRssMb?.toFixed(0) ?? '—'} MB before the first list; peer: ` +
        (typeof clientNode === 'number'
          ? 'a bare Node process holding the same list from client-node, after a GC'
          : `not measured (${clientNode})`),
    }),
    metric('memory.backend.heap.mb', {
      unit: 'MB',
      ours: reading.backendHeapMb,
      note:
        `the host's JS heap after a forced GC (inspector Runtime.getHeapUsage), after scenario 1; ` +
        `RSS right after that GC ${reading.backendGcRssMb?.toFixed(0) ?? '—'} MB`,
    }),
    metric('memory.renderer.heap.mb', {
      unit: 'MB',
      ours: reading.heapMb,
      peer: listMb,
      peerLabel: 'list JSON',
      goal: { on: 'ratio', op: '<=', limit: RENDERER_HEAP_RATIO_LIMIT },
      note: "Chromium page JS heap after a forced GC (CDP Runtime.getHeapUsage), after scenario 1; peer: the bytes of the API's JSON for the same DaemonSets",
    }),
  );
}
