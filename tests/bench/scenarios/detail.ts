// Scenario 5: one DaemonSet's detail page among 10,000 pods of other DaemonSets in its own namespace. The page must
// transfer and render only its pods: the bytes the renderer receives over the bridge WebSocket once it navigates to
// `#/ds/<context>/<ns>/<name>` are compared with the bytes of that DaemonSet's pods alone (the API's pod list for its
// selector); the time runs from the navigation to the node grid showing every one of its pods, painted. A hundred
// milliseconds on either side, one sample moves by half of itself with the machine: the open and its kubectl peer are
// each a median of the run's repeats, taken in turns (each open with a host of its own, so none finds warm watches).
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { promisify } from 'node:util';
import type { Page } from '@playwright/test';
import type { Browser } from '@playwright/test';
import { parse } from 'yaml';
import type { BenchContext } from '../context.js';
import { metric } from '../report.js';
import { openApp, probe, waitForProject } from '../support/browser.js';
import { tempDir } from '../support/files.js';
import { getBody } from '../support/https.js';
import { median } from '../stats.js';
import { startWebHost } from '../support/web-host.js';

export const OTHER_PODS = 10_000;
/** --quick writes fewer strangers: writing 10,000 pods alone took 15 s of its 3 minutes. */
export const QUICK_OTHER_PODS = 2_000;
/** The page shows more than its pods (the DaemonSet, nodes, revisions, events): at most this many times their bytes. */
export const BYTES_RATIO_LIMIT = 2;
/** Opening the page may take this many times kubectl listing the same pods. */
export const OPEN_RATIO_LIMIT = 1.5;

const execFileAsync = promisify(execFile);

/** The open row's peer: `kubectl get pods -l <selector> -n <ns> -o json` wall time (discovery cache warm). */
async function kubectlPodsMs(ctx: BenchContext, home: string, namespace: string, selector: string): Promise<number> {
  const args = ['--kubeconfig', ctx.sandbox.kubeconfigPath, 'get', 'pods', '-n', namespace, '-l', selector];
  const started = performance.now();
  await execFileAsync('kubectl', [...args, '-o', 'json'], {
    env: { ...process.env, HOME: home },
    maxBuffer: 64 * 1024 * 1024,
  });
  return performance.now() - started;
}
/** A project of the seed world with no DaemonSets: the list page is idle before the navigation. */
const EMPTY_PROJECT = 'default';

/** Counts the bytes of every frame the page receives on its WebSockets while `counting` is on. */
class FrameMeter {
  counting = false;
  bytes = 0;
  frames = 0;
  lastFrameAt = 0;

  attach(page: Page): void {
    page.on('websocket', (socket) =>
      socket.on('framereceived', ({ payload }) => {
        this.lastFrameAt = performance.now();
        if (!this.counting) return;
        this.frames++;
        this.bytes += typeof payload === 'string' ? Buffer.byteLength(payload) : payload.length;
      }),
    );
  }

  /** Waits until no frame arrived for `quietMs` (or `maxMs` passed). */
  async quiet(page: Page, quietMs: number, maxMs: number): Promise<void> {
    const deadline = performance.now() + maxMs;
    while (performance.now() - this.lastFrameAt < quietMs && performance.now() < deadline) {
      await page.waitForTimeout(100);
    }
  }
}

// Page side: navigate, then wait for the grid to hold `nodes` cells none of which lacks its pod; resolve after paint.
const OPEN_SOURCE = String.raw`(async ([route, nodes, timeoutMs]) => {
  const started = performance.now();
  location.hash = route;
  const done = () => {
    const cells = [...document.querySelectorAll('.grid li.cell')];
    return cells.length === nodes && cells.every((cell) => cell.dataset.state !== 'missing');
  };
  while (!done()) {
    if (performance.now() - started > timeoutMs) throw new Error('the node grid did not show ' + nodes + ' pods');
    await new Promise((resolve) => requestAnimationFrame(resolve));
  }
  const shown = performance.now() - started;
  const painted = await new Promise((resolve) =>
    requestAnimationFrame(() => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => resolve(performance.now());
      channel.port2.postMessage(null);
    }),
  );
  return { shownMs: shown, paintedMs: painted - started };
})`;

function currentContext(kubeconfigPath: string): string {
  const config = parse(readFileSync(kubeconfigPath, 'utf8')) as { 'current-context'?: string };
  return config['current-context'] ?? '';
}

function detailRoute(context: string, namespace: string, name: string): string {
  return `#/ds/${[context, namespace, name].map(encodeURIComponent).join('/')}`;
}

interface Opened {
  bytes: number;
  frames: number;
  shownMs: number;
  paintedMs: number;
}

async function openDetail(ctx: BenchContext, browser: Browser, route: string, nodes: number): Promise<Opened> {
  const host = await startWebHost(ctx.webHost, ctx.sandbox.kubeconfigPath, tempDir('bench-detail'));
  const meter = new FrameMeter();
  try {
    const page = await openApp(browser, host.url, 60_000, (p) => meter.attach(p));
    await waitForProject(page, EMPTY_PROJECT);
    await probe(page, 'chooseProject', EMPTY_PROJECT, 0, 30_000);
    await meter.quiet(page, 1_000, 15_000);
    meter.counting = true;
    const timing = (await page.evaluate(`${OPEN_SOURCE}(${JSON.stringify([route, nodes, 60_000])})`)) as {
      shownMs: number;
      paintedMs: number;
    };
    // The backend sends complete, debounced pictures: everything the opening caused arrives before a quiet second.
    await meter.quiet(page, 1_000, 15_000);
    meter.counting = false;
    await page.context().close();
    return { bytes: meter.bytes, frames: meter.frames, ...timing };
  } finally {
    await host.stop();
  }
}

export async function detail(ctx: BenchContext, browser: Browser): Promise<void> {
  const world = await ctx.sandbox.call('detailWorld', { otherPods: ctx.quick ? QUICK_OTHER_PODS : OTHER_PODS });
  ctx.log(
    `detail world: ${world.otherPods} other pods and ${world.targetPods} of ${world.name} in ${world.namespace} ` +
      `written in ${world.elapsedMs} ms`,
  );
  const podsPath = `/api/v1/namespaces/${world.namespace}/pods`;
  const selector = encodeURIComponent(`app.kubernetes.io/name=${world.name}`);
  const own = (await getBody(ctx.access, `${podsPath}?labelSelector=${selector}`)).body.length;
  const all = (await getBody(ctx.access, podsPath)).body.length;
  const route = detailRoute(currentContext(ctx.sandbox.kubeconfigPath), world.namespace, world.name);
  const kubectlHome = tempDir('bench-detail-kubectl');
  const kubectlSelector = `app.kubernetes.io/name=${world.name}`;
  // Once unmeasured, so kubectl's discovery cache is warm as the app's code is.
  await kubectlPodsMs(ctx, kubectlHome, world.namespace, kubectlSelector).catch(() => undefined);
  const opens: Opened[] = [];
  const kubectlRuns: number[] = [];
  for (let i = 0; i < ctx.repeats; i++) {
    opens.push(await openDetail(ctx, browser, route, world.nodes));
    const ms = await kubectlPodsMs(ctx, kubectlHome, world.namespace, kubectlSelector).catch(() => undefined);
    if (ms !== undefined) kubectlRuns.push(ms);
  }
  const kubectlMs = median(kubectlRuns);
  const paintedMs = median(opens.map((o) => o.paintedMs));
  const opened = opens[0] as Opened;
  const kb = (bytes: number): string => `${(bytes / 1024).toFixed(1)} KB`;
  ctx.add(
    metric('detail.pods.bytes', {
      unit: 'B',
      ours: opened.bytes,
      peer: own,
      peerLabel: 'its pods',
      goal: { on: 'ratio', op: '<=', limit: BYTES_RATIO_LIMIT },
      note:
        `${opened.frames} bridge frames after navigating to its page, ${world.targetPods} of its pods among ` +
        `${world.otherPods} others in ${world.namespace}; baseline: the API's pod list for its selector ` +
        `(${kb(own)}); the namespace's whole pod list is ${kb(all)}`,
    }),
    metric('detail.open.ms', {
      unit: 'ms',
      ours: paintedMs,
      peer: kubectlMs,
      peerLabel: 'kubectl',
      goal: { on: 'ratio', op: '<=', limit: OPEN_RATIO_LIMIT },
      note: `navigation to #/ds/… → node grid shows its ${world.targetPods} pods, painted, median of ${opens.length} (${opens.map((o) => o.paintedMs.toFixed(0)).join(', ')} ms; the first shown at ${opened.shownMs.toFixed(0)} ms); peer, median of ${kubectlRuns.length}: \`kubectl get pods -n ${world.namespace} -l ${kubectlSelector} -o json\` wall time`,
    }),
  );
}
