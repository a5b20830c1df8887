// Scenario 4: process start to the first painted list, browser host on the sandbox, warm (a second launch with the
// same state: the project chosen last time is shown again, OS caches are warm, Chromium is running). The host is
// started as `npm run web` starts it once built: `node dist/web/cli.mjs`, the esbuild bundle of electron/web/cli.ts.
import type { Browser } from '@playwright/test';
import type { BenchContext } from '../context.js';
import { metric } from '../report.js';
import { median } from '../stats.js';
import { openApp, probe, waitForProject } from '../support/browser.js';
import { tempDir } from '../support/files.js';
import { startWebHost } from '../support/web-host.js';

/** A seed-world project with one running DaemonSet. */
const PROJECT = 'monitoring';
const FIRST_ROW = 'node-exporter';

async function prepare(ctx: BenchContext, browser: Browser, home: string): Promise<void> {
  const host = await startWebHost(ctx.webHost, ctx.sandbox.kubeconfigPath, home);
  try {
    const page = await openApp(browser, host.url);
    await waitForProject(page, PROJECT);
    await probe(page, 'chooseProject', PROJECT, 1, 30_000);
    await page.context().close();
  } finally {
    await host.stop();
  }
}

interface Launch {
  total: number;
  host: number;
}

async function launchToPaint(ctx: BenchContext, browser: Browser, home: string): Promise<Launch> {
  const host = await startWebHost(ctx.webHost, ctx.sandbox.kubeconfigPath, home);
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-US' });
  try {
    const page = await context.newPage();
    await page.goto(host.url);
    await page.getByText(FIRST_ROW, { exact: true }).first().waitFor({ timeout: 30_000 });
    // The row is in the DOM; the end is the paint of that frame.
    await page.evaluate(
      'new Promise((resolve) => requestAnimationFrame(() => { const c = new MessageChannel(); c.port1.onmessage = () => resolve(); c.port2.postMessage(null); }))',
    );
    return { total: performance.now() - host.spawnedAt, host: host.readyAt - host.spawnedAt };
  } finally {
    await context.close();
    await host.stop();
  }
}

export async function startup(ctx: BenchContext, browser: Browser): Promise<void> {
  const home = tempDir('bench-startup');
  const samples: Launch[] = [];
  const errors = new Set<string>();
  try {
    await prepare(ctx, browser, home);
    for (let i = 0; i < ctx.repeats; i++) samples.push(await launchToPaint(ctx, browser, home));
  } catch (error) {
    errors.add(error instanceof Error ? error.message : String(error));
  }
  ctx.add(
    metric('startup.first-list.ms', {
      unit: 'ms',
      ours: median(samples.map((s) => s.total)),
      goal: { on: 'value', op: '<=', limit: 1500 },
      note:
        [...errors].join('; ') ||
        `spawn of \`node dist/web/cli.mjs\` (as \`npm run web\` runs it) → "${PROJECT}" list painted in Chromium; warm; median of ${samples.length}; ` +
          `the host printed its URL after ${median(samples.map((s) => s.host))?.toFixed(0) ?? '—'} ms`,
    }),
  );
}
