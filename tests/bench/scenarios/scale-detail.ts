// One DaemonSet on 5,000 nodes (issue 17 point 3), in the sandbox's light-pod mode: its detail page (node grid of
// 5,000 cells, pods table of 5,000 rows, events) opened against kubectl listing the same pods; a rolling update with
// maxUnavailable 10 % followed cell by cell against a bare raw watch; and the list's reason once all 5,000 pods fail
// against kubectl listing them after the last event.
import type { Browser, Page } from '@playwright/test';
import { metric } from '../report.js';
import { SCALE_NAMESPACE, type RolloutResult } from '../sandbox/scale-world.js';
import { percentile } from '../stats.js';
import type { SandboxProcess } from '../sandbox/client.js';
import { openApp, probe, waitForProject } from '../support/browser.js';
import { tempDir } from '../support/files.js';
import { startPageProfile } from '../support/page-profile.js';
import { adminAccess, type AdminAccess } from '../support/https.js';
import { startWebHost } from '../support/web-host.js';
import {
  CHURN_ALLOWANCE_MS,
  LONG_TASK_LIMIT_MS,
  WATCH_CELLS_SOURCE,
  currentContext,
  kubectlMedian,
  lags,
  listVersion,
  openUntil,
  rawWatch,
  startLightSandbox,
  type CellWatchResult,
  type ScaleContext,
} from './scale-support.js';

const NAME = 'node-agent';
const SELECTOR = `app.kubernetes.io/name=${NAME}`;
const IMAGE = 'registry.example.com/agents/node-agent';
/** Pause between rollout steps (the new pods becoming available before the controller goes on). */
const STEP_INTERVAL_MS = 1000;

export const scaleNodes = (quick: boolean): number => (quick ? 500 : 5000);

export async function watchCells(
  page: Page,
  root: string,
  cell: string,
  keyOf: string,
  done: string,
  before = '',
): Promise<void> {
  await page.evaluate(`${WATCH_CELLS_SOURCE}(...${JSON.stringify([root, cell, keyOf, done, before])})`);
}

export const stopWatching = (page: Page): Promise<CellWatchResult> =>
  page.evaluate('window.__scaleWatch.stop()') as Promise<CellWatchResult>;

export async function until(page: Page, check: () => Promise<boolean>, maxMs: number): Promise<void> {
  const deadline = Date.now() + maxMs;
  while (Date.now() < deadline && !(await check())) await page.waitForTimeout(250);
}

/** Per node: when its new pod's ADDED arrived at a raw watch, and when its step started writing. */
export function stepStarts(rollout: RolloutResult, arrivals: Map<string, number>): Map<string, number> {
  const starts = new Map<string, number>();
  const ats = rollout.steps.map((s) => s.at);
  for (const [node, arrived] of arrivals) {
    const at = ats.filter((a) => a <= arrived).pop();
    if (at !== undefined) starts.set(node, at);
  }
  return starts;
}

/** A rollout of `name` followed by a raw watch (the floor) and by the page's cells (`watch` installs the observer). */
export async function followRollout(
  sandbox: SandboxProcess,
  access: AdminAccess,
  page: Page,
  args: { namespace: string; name: string; image: string; stepPods: number; expected: number },
  watch: () => Promise<void>,
): Promise<{ rollout: RolloutResult; grid: number[]; raw: number[]; shown: CellWatchResult; arrivals: number }> {
  const path = `/api/v1/namespaces/${args.namespace}/pods?labelSelector=${encodeURIComponent(`app.kubernetes.io/name=${args.name}`)}`;
  const rv = await listVersion(access, path);
  const added = new Map<string, { at: number; hash: string }>();
  const raw = rawWatch(access, `${path}&watch=1&resourceVersion=${rv}`, (line, at) => {
    if (line.type !== 'ADDED') return;
    const node = line.object.spec?.nodeName ?? '';
    added.set(node, { at, hash: line.object.metadata.labels?.['controller-revision-hash'] ?? '' });
  });
  await raw.ready;
  await watch();
  const rollout = await sandbox.call('lightRollout', {
    namespace: args.namespace,
    name: args.name,
    image: args.image,
    stepPods: args.stepPods,
    intervalMs: STEP_INTERVAL_MS,
  });
  const arrived = (): number => [...added.values()].filter((a) => a.hash === rollout.hash).length;
  await until(page, () => Promise.resolve(arrived() >= args.expected), 30_000);
  // The page's cells: give them the allowance's worth of time beyond the last arrival, then some.
  await page.waitForTimeout(3000);
  const shown = await stopWatching(page);
  raw.stop();
  const arrivals = new Map([...added].filter(([, a]) => a.hash === rollout.hash).map(([node, a]) => [node, a.at]));
  const starts = stepStarts(rollout, arrivals);
  return {
    rollout,
    grid: lags(shown.seen, starts),
    raw: lags(Object.fromEntries(arrivals), starts),
    shown,
    arrivals: arrivals.size,
  };
}

export async function scaleDetail(ctx: ScaleContext, browser: Browser): Promise<void> {
  const nodes = scaleNodes(ctx.quick);
  const sandbox = await startLightSandbox();
  try {
    const world = await sandbox.call('lightWorld', {
      nodes,
      namespace: SCALE_NAMESPACE,
      daemonSets: [{ name: NAME, image: `${IMAGE}:1.0.0` }],
    });
    ctx.log(`scale detail: ${world.nodes} light nodes, ${world.pods} pods written in ${world.elapsedMs} ms`);
    const kubeconfig = sandbox.kubeconfigPath;
    const access = adminAccess(kubeconfig);
    const kubectlOpen = await kubectlMedian(
      kubeconfig,
      ['get', 'pods', '-l', SELECTOR, '-A', '-o', 'json'],
      ctx.repeats,
    );
    const host = await startWebHost(ctx.webHost, kubeconfig, tempDir('bench-scale-detail'));
    try {
      const page = await openApp(browser, host.url, 120_000);
      await waitForProject(page, 'default');
      await probe(page, 'chooseProject', 'default', 0, 30_000);
      const route = `#/ds/${[currentContext(kubeconfig), SCALE_NAMESPACE, NAME].map(encodeURIComponent).join('/')}`;
      // Issue 17 asks for the page on the tab where the pods are shown: the Pods tab, every pod's row.
      const opened = await openUntil(
        page,
        `${route}?tab=pods`,
        // A virtual table holds only the rows in view and says how many it has (aria-rowcount counts the header row).
        `const rows = document.querySelectorAll('tr[data-pod]').length;
        const table = document.querySelector('table[data-testid=pods-table][aria-rowcount]');
        return table ? Number(table.getAttribute('aria-rowcount')) === ${nodes} + 1 && rows > 0 : rows === ${nodes};`,
        120_000,
      );
      // Then the node grid (the Overview tab), every node's cell with its pod: the rollout is followed there.
      const grid = await openUntil(
        page,
        route,
        `const cells = document.querySelectorAll('.grid li.cell');
        if (cells.length !== ${nodes}) return false;
        for (const cell of cells) if (cell.dataset.state === 'missing') return false;
        return true;`,
        120_000,
      );
      ctx.add(
        metric('scale.detail.open.ms', {
          unit: 'ms',
          ours: opened.paintedMs,
          peer: kubectlOpen,
          peerLabel: `kubectl get pods -l … -A -o json`,
          goal: { on: 'ratio', op: '<=', limit: 1 },
          note: `navigation → the Pods tab's table of ${nodes} rows, painted (shown at ${opened.shownMs.toFixed(0)} ms); then the Overview tab's node grid of ${nodes} cells painted in ${grid.paintedMs.toFixed(0)} ms; light pods`,
        }),
      );

      const profile = await startPageProfile(page, 'scale-detail-rollout');
      const followed = await followRollout(
        sandbox,
        access,
        page,
        { namespace: SCALE_NAMESPACE, name: NAME, image: `${IMAGE}:1.1.0`, stepPods: nodes / 10, expected: nodes },
        () =>
          watchCells(
            page,
            '.node-grid .grid',
            'li.cell',
            'return el.dataset.node',
            "return el.dataset.revision === 'new' && el.dataset.state === 'available'",
            "return el.dataset.revision === 'old'",
          ),
      );
      const saved = await profile.stop();
      if (saved) ctx.log(`scale detail: the page's CPU profile of the rollout is in ${saved}`);
      const rawP99 = percentile(followed.raw, 99);
      const longest = Math.max(0, ...followed.shown.longTasks);
      const sample = `${followed.rollout.steps.length} steps of ${nodes / 10} pods ${STEP_INTERVAL_MS} ms apart; ${followed.grid.length} of ${nodes} cells seen new and available, ${followed.arrivals} new pods at the raw watch`;
      ctx.add(
        metric('scale.detail.rollout.grid.p99.ms', {
          unit: 'ms',
          ours: followed.grid.length === nodes ? percentile(followed.grid, 99) : undefined,
          peer: rawP99,
          peerLabel: 'raw watch p99',
          goal: { on: 'value', op: '<=', limit: (rawP99 ?? Number.NaN) + CHURN_ALLOWANCE_MS },
          note: `step start → cell shows the new revision, available (p50 ${percentile(followed.grid, 50)?.toFixed(0) ?? '—'} ms); goal: raw watch p99 + ${CHURN_ALLOWANCE_MS} ms; ${sample}`,
        }),
        metric('scale.detail.rollout.longtask.max.ms', {
          unit: 'ms',
          ours: longest,
          goal: { on: 'value', op: '<=', limit: LONG_TASK_LIMIT_MS },
          note: `${followed.shown.longTasks.length} long tasks over 50 ms during the rollout (${
            followed.shown.longTasks.filter((t) => t > LONG_TASK_LIMIT_MS).length
          } over ${LONG_TASK_LIMIT_MS} ms)`,
        }),
      );
      await listReason(ctx, page, sandbox, kubeconfig, nodes);
      await page.context().close();
    } finally {
      await host.stop();
    }
  } finally {
    await sandbox.stop();
  }
}

/** The list page on the DaemonSet's project; every pod fails at once; until its row gives the reason. */
async function listReason(
  ctx: ScaleContext,
  page: Page,
  sandbox: SandboxProcess,
  kubeconfig: string,
  nodes: number,
): Promise<void> {
  await page.evaluate(`location.hash = '#/'`);
  await waitForProject(page, SCALE_NAMESPACE);
  await probe(page, 'chooseProject', SCALE_NAMESPACE, 1, 60_000);
  await watchCells(
    page,
    '[role=table]',
    '[role=row]',
    "return 'row'",
    "return (el.querySelector('[data-testid=row-reason]')?.textContent ?? '').includes('ImagePullBackOff')",
  );
  const failed = await sandbox.call('lightFail', {
    namespace: SCALE_NAMESPACE,
    name: NAME,
    reason: 'ImagePullBackOff',
  });
  const reasonText = (): Promise<string> =>
    page.evaluate(
      `document.querySelector('[role=table] [data-testid=row-reason]')?.textContent ?? ''`,
    ) as Promise<string>;
  await until(page, async () => (await reasonText()).includes('ImagePullBackOff'), 120_000);
  const shown = await stopWatching(page);
  const text = await reasonText();
  const kubectlMs = await kubectlMedian(
    kubeconfig,
    ['get', 'pods', '-n', SCALE_NAMESPACE, '-l', SELECTOR, '-o', 'json'],
    ctx.repeats,
  );
  const at = shown.seen.row;
  ctx.add(
    metric('scale.list.reason.ms', {
      unit: 'ms',
      ours: at === undefined ? undefined : at - failed.doneAt,
      peer: kubectlMs,
      peerLabel: 'kubectl get pods -l … -o json',
      goal: { on: 'ratio', op: '<=', limit: 1 },
      note: `${failed.changed} of ${nodes} pods to ImagePullBackOff (written in ${failed.doneAt - failed.at} ms) → the row's reason says so ("${text.slice(0, 80)}"); from the last event`,
    }),
  );
}
