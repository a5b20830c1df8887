// Scenario 4: process start to the first painted list, browser host on the sandbox, warm (a second launch with the
// same state: the project chosen last time is shown again, OS caches are warm, Chromium is running). The host is
// started as `npm run web` starts it once built: `node dist/web/cli.mjs`, the esbuild bundle of electron/web/cli.ts.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { Browser, Page } from '@playwright/test';
import type { BenchContext } from '../context.js';
import { metric } from '../report.js';
import { median } from '../stats.js';
import { openApp, probe, waitForProject } from '../support/browser.js';
import { STATIC_PAGE, STATIC_ROW } from '../support/build.js';
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

/** Start-up may take this many times its peer: the static page's start-up plus kubectl listing the same project. */
export const STARTUP_RATIO_LIMIT = 1.5;

const execFileAsync = promisify(execFile);

/** The end of a start-up: the frame that shows `text` has painted. */
async function paintedText(page: Page, text: string): Promise<void> {
  await page.getByText(text, { exact: true }).first().waitFor({ timeout: 30_000 });
  await page.evaluate(
    'new Promise((resolve) => requestAnimationFrame(() => { const c = new MessageChannel(); c.port1.onmessage = () => resolve(); c.port2.postMessage(null); }))',
  );
}

/** The peer's first half: the same host spawned, signed in, and a static page of its directory painted. */
async function launchStatic(ctx: BenchContext, browser: Browser, home: string): Promise<number> {
  const host = await startWebHost(ctx.webHost, ctx.sandbox.kubeconfigPath, home);
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-US' });
  try {
    // The one-time token becomes the context's cookie, as the app's own redirect does; then the static page.
    await context.request.get(host.url, { maxRedirects: 0 });
    const page = await context.newPage();
    await page.goto(new URL(STATIC_PAGE, host.url).href);
    await paintedText(page, STATIC_ROW);
    return performance.now() - host.spawnedAt;
  } finally {
    await context.close();
    await host.stop();
  }
}

/** The peer's second half: kubectl listing the project's DaemonSets (discovery cache warm, as the app's state is). */
async function kubectlProject(ctx: BenchContext, home: string): Promise<number> {
  const started = performance.now();
  const { stdout } = await execFileAsync(
    'kubectl',
    ['--kubeconfig', ctx.sandbox.kubeconfigPath, 'get', 'ds', '-n', PROJECT],
    { env: { ...process.env, HOME: home } },
  );
  if (!stdout.includes(FIRST_ROW)) throw new Error(`kubectl get ds -n ${PROJECT} did not list ${FIRST_ROW}`);
  return performance.now() - started;
}

async function launchToPaint(ctx: BenchContext, browser: Browser, home: string): Promise<Launch> {
  const host = await startWebHost(ctx.webHost, ctx.sandbox.kubeconfigPath, home);
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-US' });
  try {
    const page = await context.newPage();
    await page.goto(host.url);
    await paintedText(page, FIRST_ROW);
    return { total: performance.now() - host.spawnedAt, host: host.readyAt - host.spawnedAt };
  } finally {
    await context.close();
    await host.stop();
  }
}

export async function startup(ctx: BenchContext, browser: Browser): Promise<void> {
  const home = tempDir('bench-startup');
  const kubectlHome = tempDir('bench-startup-kubectl');
  const samples: Launch[] = [];
  const statics: number[] = [];
  const kubectls: number[] = [];
  const errors = new Set<string>();
  try {
    await prepare(ctx, browser, home);
    // Untimed: kubectl's discovery cache, as a user's is.
    await kubectlProject(ctx, kubectlHome);
    // Ours and the peer's parts alternate, so a change in the machine's load falls on both.
    for (let i = 0; i < ctx.repeats; i++) {
      samples.push(await launchToPaint(ctx, browser, home));
      statics.push(await launchStatic(ctx, browser, tempDir('bench-startup-static')));
      kubectls.push(await kubectlProject(ctx, kubectlHome));
    }
  } catch (error) {
    errors.add(error instanceof Error ? error.message : String(error));
  }
  const staticMs = median(statics);
  const kubectlMs = median(kubectls);
  ctx.add(
    metric('startup.first-list.ms', {
      unit: 'ms',
      ours: median(samples.map((s) => s.total)),
      peer: staticMs !== undefined && kubectlMs !== undefined ? staticMs + kubectlMs : undefined,
      peerLabel: 'static page + kubectl',
      goal: { on: 'ratio', op: '<=', limit: STARTUP_RATIO_LIMIT },
      note:
        [...errors].join('; ') ||
        `spawn of \`node dist/web/cli.mjs\` (as \`npm run web\` runs it) → "${PROJECT}" list painted in Chromium; warm; median of ${samples.length}; ` +
          `the host printed its URL after ${median(samples.map((s) => s.host))?.toFixed(0) ?? '—'} ms; ` +
          `peer: the same host spawned → a static page it serves painted by the same Chromium (${staticMs?.toFixed(0) ?? '—'} ms), ` +
          `plus \`kubectl get ds -n ${PROJECT}\` (${kubectlMs?.toFixed(0) ?? '—'} ms), medians`,
    }),
  );
}
