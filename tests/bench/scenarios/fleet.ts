// The fleet view at scale (issue 15): 10 light sandbox clusters × 50 DaemonSets, every context opted in. From the
// navigation to #/fleet until every column holds every DaemonSet, painted, against `kubectl get ds -A -o json` run
// once per context, one after another.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from '@playwright/test';
import { metric } from '../report.js';
import { openApp, probe, waitForProject } from '../support/browser.js';
import { tempDir } from '../support/files.js';
import { startWebHost } from '../support/web-host.js';
import { kubectlWall, openUntil, startLightSandbox, type ScaleContext } from './scale-support.js';

const NODES = 10;

export async function fleet(ctx: ScaleContext, browser: Browser): Promise<void> {
  const clusters = ctx.quick ? 3 : 10;
  const daemonSets = ctx.quick ? 20 : 50;
  const sandbox = await startLightSandbox();
  try {
    const kubeconfig = join(tempDir('bench-fleet'), 'fleet.yaml');
    const made = await sandbox.call('lightFleet', { clusters, nodes: NODES, daemonSets, kubeconfigPath: kubeconfig });
    ctx.log(`fleet: ${clusters} light sandboxes × ${daemonSets} DaemonSets in ${made.elapsedMs} ms`);
    const runs: number[] = [];
    for (let r = 0; r < ctx.repeats; r++) {
      let total = 0;
      for (const context of made.contexts) {
        total += (await kubectlWall(kubeconfig, ['--context', context, 'get', 'ds', '-A', '-o', 'json'])).ms;
      }
      runs.push(total);
    }
    const kubectlMs = [...runs].sort((a, b) => a - b)[Math.floor(runs.length / 2)];
    // Every context opted in beforehand, as a user who opted them in on an earlier day (fleet.json in the state dir).
    const home = tempDir('bench-fleet-home');
    const stateDir = join(home, '.config', 'everynode');
    mkdirSync(stateDir, { recursive: true });
    writeFileSync(join(stateDir, 'fleet.json'), JSON.stringify({ version: 1, contexts: made.contexts }));
    const host = await startWebHost(ctx.webHost, kubeconfig, home);
    try {
      const page = await openApp(browser, host.url, 120_000);
      await waitForProject(page, 'default');
      await probe(page, 'chooseProject', 'default', 0, 30_000);
      // Every context's column header, every DaemonSet's row, and a DaemonSet in every cell.
      const opened = await openUntil(
        page,
        '#/fleet',
        `const table = document.querySelector('table.fleet');
        if (!table || table.querySelectorAll('thead th').length !== ${clusters + 1}) return false;
        const body = [...table.querySelectorAll('tbody tr:not(.states)')];
        if (body.length !== ${daemonSets}) return false;
        return body.every((tr) => [...tr.querySelectorAll('td')].every((td) => td.querySelector('.cell')));`,
        120_000,
      );
      ctx.add(
        metric('fleet.open.ms', {
          unit: 'ms',
          ours: opened.paintedMs,
          peer: kubectlMs,
          peerLabel: `kubectl get ds -A -o json × ${clusters}`,
          goal: { on: 'ratio', op: '<=', limit: 1 },
          note: `#/fleet → ${clusters} columns × ${daemonSets} DaemonSets all filled, painted (shown at ${opened.shownMs.toFixed(0)} ms); peer: one kubectl per context, one after another; ${NODES} light nodes per cluster`,
        }),
      );
      await page.context().close();
    } finally {
      await host.stop();
    }
  } finally {
    await sandbox.stop();
  }
}
