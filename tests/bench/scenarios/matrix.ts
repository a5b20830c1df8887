// The coverage matrix at scale (issue 15): 5,000 light nodes × 30 DaemonSets (150,000 light pods). Open to painted
// against `kubectl get pods -A -o json`; a rollout of one DaemonSet across all nodes with the cells in view followed
// against a raw watch; the backend's heap for the matrix against the bytes of the projected pods and nodes it keeps;
// and the sandbox's own memory per light pod.
import type { Browser, Page } from '@playwright/test';
import { projectPodCell } from '../../../electron/backend/kinds/pod-cell.js';
import { metric } from '../report.js';
import { SCALE_NAMESPACE } from '../sandbox/scale-world.js';
import { percentile } from '../stats.js';
import { openApp, probe, waitForProject } from '../support/browser.js';
import { tempDir } from '../support/files.js';
import { adminAccess, getBody, type AdminAccess } from '../support/https.js';
import { nodeHeapMb } from '../support/node-heap.js';
import { startWebHost, type WebHostProcess } from '../support/web-host.js';
import { followRollout, watchCells } from './scale-detail.js';
import {
  CHURN_ALLOWANCE_MS,
  LONG_TASK_LIMIT_MS,
  kubectlMedian,
  openUntil,
  startLightSandbox,
  type ScaleContext,
} from './scale-support.js';

const IMAGE = 'registry.example.com/agents';
const agentName = (i: number): string => `agent-${String(i).padStart(2, '0')}`;

/** The JSON bytes of what the matrix keeps of every pod (its cell projection), read page by page from the API. */
async function projectedBytes(access: AdminAccess): Promise<{ bytes: number; pods: number }> {
  let bytes = 0;
  let pods = 0;
  let token = '';
  do {
    const page = JSON.parse(
      (
        await getBody(access, `/api/v1/pods?limit=5000${token ? `&continue=${encodeURIComponent(token)}` : ''}`)
      ).body.toString(),
    ) as { items: unknown[]; metadata: { continue?: string } };
    for (const pod of page.items) {
      const cell = projectPodCell(pod);
      if (cell) bytes += Buffer.byteLength(JSON.stringify(cell));
      pods++;
    }
    token = page.metadata.continue ?? '';
  } while (token);
  return { bytes, pods };
}

// Page side: the grid's counts and its first cells' classes, for a failure message.
const gridState = `(() => {
  const grid = document.querySelector('[role=grid]');
  if (!grid) return location.hash + ': no grid';
  const cells = [...grid.querySelectorAll('.body [role=gridcell].cell')].slice(0, 3).map((c) => c.className);
  return location.hash + ': aria-rowcount ' + grid.getAttribute('aria-rowcount') + ', aria-colcount ' +
    grid.getAttribute('aria-colcount') + ', ' + grid.querySelectorAll('.head [role=row]').length + ' header rows, cells ' +
    JSON.stringify(cells);
})()`;

async function heap(host: WebHostProcess): Promise<number | undefined> {
  return host.inspector ? nodeHeapMb(host.inspector, 60_000) : undefined;
}

export async function matrix(ctx: ScaleContext, browser: Browser): Promise<void> {
  const nodes = ctx.quick ? 500 : 5000;
  const daemonSets = ctx.quick ? 10 : 30;
  const sandbox = await startLightSandbox();
  try {
    const world = await sandbox.call('lightWorld', {
      nodes,
      namespace: SCALE_NAMESPACE,
      daemonSets: Array.from({ length: daemonSets }, (_, i) => ({
        name: agentName(i),
        image: `${IMAGE}/${agentName(i)}:1.0.0`,
      })),
    });
    ctx.log(`matrix: ${world.nodes} light nodes, ${world.pods} pods written in ${world.elapsedMs} ms`);
    const perPod = ((world.after.heapMb - world.before.heapMb) * 1024 * 1024) / world.pods;
    ctx.add(
      metric('matrix.sandbox.pod.bytes', {
        unit: 'B',
        ours: perPod,
        note: `sandbox JS heap after GC per light pod (${world.before.heapMb.toFixed(0)} → ${world.after.heapMb.toFixed(0)} MB for ${world.pods} pods and ${world.nodes} nodes; store, watch history and the paused controllers' indexes included)`,
      }),
      metric('matrix.sandbox.rss.mb', {
        unit: 'MB',
        ours: world.after.rssMb,
        goal: { on: 'value', op: '<=', limit: 2048 },
        note: `sandbox RSS with ${world.pods} light pods on ${world.nodes} nodes (${world.before.rssMb.toFixed(0)} MB before them)`,
      }),
    );
    const kubeconfig = sandbox.kubeconfigPath;
    const access = adminAccess(kubeconfig);
    ctx.log('matrix: kubectl get pods -A -o json (the peer)');
    const kubectlMs = await kubectlMedian(kubeconfig, ['get', 'pods', '-A', '-o', 'json'], 1);
    const projection = await projectedBytes(access);
    const host = await startWebHost(ctx.webHost, kubeconfig, tempDir('bench-matrix'), { inspect: true });
    try {
      const page = await openApp(browser, host.url, 120_000);
      await waitForProject(page, SCALE_NAMESPACE);
      await probe(page, 'chooseProject', SCALE_NAMESPACE, daemonSets, 60_000);
      // Settle before each heap reading (the list's last batches, then the matrix's); GC is forced by the reading.
      await page.waitForTimeout(ctx.quick ? 1000 : 2000);
      const before = await heap(host);
      // The grid counts every node and DaemonSet, and each cell in the DOM has a state.
      const opened = await openUntil(
        page,
        '#/nodes',
        `const grid = document.querySelector('[role=grid]');
        if (!grid) return false;
        // aria-rowcount counts the header rows too (project groups, DaemonSet names, the summary row).
        const headRows = grid.querySelectorAll('.head [role=row]').length;
        if (headRows === 0 || Number(grid.getAttribute('aria-rowcount')) !== ${nodes} + headRows) return false;
        if (Number(grid.getAttribute('aria-colcount')) !== ${daemonSets + 2}) return false;
        const cells = grid.querySelectorAll('.body [role=gridcell].cell');
        if (cells.length === 0) return false;
        for (const cell of cells) if (!cell.textContent.trim() || cell.className.includes('state-unknown')) return false;
        return true;`,
        ctx.quick ? 90_000 : 600_000,
      ).catch(async (error: unknown) => {
        // Say what the page showed instead, so a changed grid is found from the log and not by a long wait.
        const seen = await page.evaluate(gridState).catch(() => 'unreadable');
        throw new Error(`${error instanceof Error ? error.message : String(error)}; the page showed ${seen}`);
      });
      await page.waitForTimeout(ctx.quick ? 1500 : 3000);
      const after = await heap(host);
      ctx.add(
        metric('matrix.open.ms', {
          unit: 'ms',
          ours: opened.paintedMs,
          peer: kubectlMs,
          peerLabel: 'kubectl get pods -A -o json',
          goal: { on: 'ratio', op: '<=', limit: 1 },
          note: `#/nodes on project ${SCALE_NAMESPACE} → grid of ${nodes} nodes × ${daemonSets} DaemonSets, cells in view filled, painted (shown at ${opened.shownMs.toFixed(0)} ms); ${world.pods} light pods`,
        }),
        metric('matrix.backend.memory.ratio', {
          unit: 'MB',
          ours: before !== undefined && after !== undefined ? after - before : undefined,
          peer: projection.bytes / 1024 / 1024,
          peerLabel: 'projected pods (JSON)',
          goal: { on: 'ratio', op: '<=', limit: 2 },
          note: `backend JS heap after GC, list page → matrix open (${before?.toFixed(0) ?? '—'} → ${after?.toFixed(0) ?? '—'} MB); projection: ${projection.pods} pod cells of ${(projection.bytes / projection.pods).toFixed(0)} B JSON each (node, owner uid, revision hash, phase, ready, problem, requests)`,
        }),
      );
      await matrixRollout(ctx, page, sandbox, access, nodes);
      await page.context().close();
    } finally {
      await host.stop();
    }
  } finally {
    await sandbox.stop();
  }
}

async function matrixRollout(
  ctx: ScaleContext,
  page: Page,
  sandbox: Awaited<ReturnType<typeof startLightSandbox>>,
  access: AdminAccess,
  nodes: number,
): Promise<void> {
  const name = agentName(0);
  const column = await page.getAttribute(`[role=grid] [role=columnheader][aria-label="${name}"]`, 'aria-colindex');
  const inView = (await page.evaluate(
    `document.querySelectorAll('[role=grid] .body [role=rowheader]').length`,
  )) as number;
  const followed = await followRollout(
    sandbox,
    access,
    page,
    { namespace: SCALE_NAMESPACE, name, image: `${IMAGE}/${name}:1.1.0`, stepPods: nodes / 10, expected: nodes },
    () =>
      watchCells(
        page,
        '[role=grid] .body',
        '[role=row]',
        "return el.querySelector('[role=rowheader]')?.textContent.trim()",
        `return el.querySelector('[role=gridcell][aria-colindex="${column ?? ''}"]')?.className.includes('state-available')`,
        `return el.querySelector('[role=gridcell][aria-colindex="${column ?? ''}"]')?.className.includes('state-updating')`,
      ),
  );
  const rawP99 = percentile(followed.raw, 99);
  const longest = Math.max(0, ...followed.shown.longTasks);
  ctx.add(
    metric('matrix.rollout.cells.p99.ms', {
      unit: 'ms',
      ours: followed.grid.length > 0 ? percentile(followed.grid, 99) : undefined,
      peer: rawP99,
      peerLabel: 'raw watch p99',
      goal: { on: 'value', op: '<=', limit: (rawP99 ?? Number.NaN) + CHURN_ALLOWANCE_MS },
      note: `step start → cell in view shows the new pod available (p50 ${percentile(followed.grid, 50)?.toFixed(0) ?? '—'} ms); ${followed.grid.length} of ${inView} rows in the DOM seen; goal: raw watch p99 (all ${followed.arrivals} new pods) + ${CHURN_ALLOWANCE_MS} ms; ${followed.rollout.steps.length} steps of ${nodes / 10} pods`,
    }),
    metric('matrix.rollout.longtask.max.ms', {
      unit: 'ms',
      ours: longest,
      goal: { on: 'value', op: '<=', limit: LONG_TASK_LIMIT_MS },
      note: `${followed.shown.longTasks.length} long tasks over 50 ms during the rollout`,
    }),
  );
}
