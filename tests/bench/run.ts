// `npm run bench [-- --quick] [-- --soak] [-- --json FILE]`: Everynode against kubectl and the machine's limits at
// 5,000 DaemonSets and 1,000 events a second (issue 7), plus the sandbox's own figures (issue 2). Prints a Markdown
// table and writes the same as JSON. See README "Benchmarks" for the metric ids.
import os from 'node:os';
import { parseArgs } from 'node:util';
import type { BenchContext } from './context.js';
import { expectedRows, LOADED_IDS, loadPlan, planFor, startBurners, type Burners } from './load.js';
import { METRIC_IDS, needsMainSandbox, SCENARIOS, scenarioOf, type Scenario } from './metric-ids.js';
import { parseOnly, parseSoakMinutes } from './options.js';
import { buildReport, completeRows, header, markdownTable, sideBySideTable, writeJson, type Metric } from './report.js';
import { startSandboxProcess } from './sandbox/client.js';
import { churn, soak } from './scenarios/churn.js';
import { coldServer, kubectlListMs } from './scenarios/cold-server.js';
import { detail } from './scenarios/detail.js';
import { kubeconfigRefusal } from './scenarios/kubeconfig-refusal.js';
import { podMemory, podMemorySkipped } from './scenarios/pod-memory.js';
import { startup } from './scenarios/startup.js';
import { coldUi, memoryMetrics, openUi, readMemory } from './scenarios/ui-cold.js';
import { watchers } from './scenarios/watchers.js';
import { runScale } from './scenarios/scale-run.js';
import { operate } from './scenarios/operate.js';
import { launchBrowser } from './support/browser.js';
import { buildApp } from './support/build.js';
import { removeTempDirs, tempDir } from './support/files.js';
import { adminAccess } from './support/https.js';

const HELP = `Usage: npm run bench -- [--quick] [--soak] [--soak-minutes N] [--load N] [--only LIST] [--json FILE]

Starts the sandbox cluster in its own process with 5,000 DaemonSets in 250 namespaces and measures Everynode's
backend and UI (Chromium) against kubectl and a bare client-node list, start-up, and one DaemonSet's detail page among
10,000 pods of others; then the sandbox's own figures.

  --quick      5 s of churn instead of 30, one repetition of each cold measurement, no 10,000-pod world,
               2,000 other pods beside the detail page's DaemonSet, the scale scenarios at 500 nodes (500 × 10
               for the matrix, 3 × 20 for the fleet), load 0 only (under 3 minutes)
  --soak       add the leak check: 10 minutes of churn at 1,000 changes/s, then memory again
  --soak-minutes N
               the leak check with N minutes of churn instead of 10 (implies --soak)
  --load N     run every scenario with N CPU burners (busy child processes) beside it; without --load the full run
               measures the cold list in the UI, churn and start-up again at load 1, side by side with load 0
  --only LIST  run only these scenarios (comma-separated: ${SCENARIOS.join(', ')}); the other rows say skip
  --json FILE  where to write the results (default bench-results.json)
  --help       show this help

Prints a Markdown table: metric id, ours, peer/baseline measured in the same run, ratio, goal, pass/fail; then the
rows measured at two load levels side by side. Exit code 0 even when goals fail.
`;

const COUNT = 5000;
const NAMESPACES = 250;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      quick: { type: 'boolean' },
      soak: { type: 'boolean' },
      'soak-minutes': { type: 'string' },
      json: { type: 'string' },
      only: { type: 'string' },
      load: { type: 'string' },
      help: { type: 'boolean' },
    },
    strict: true,
  });
  if (values.help) {
    process.stdout.write(HELP);
    return;
  }
  const quick = values.quick === true;
  const soakMinutes = parseSoakMinutes(values['soak-minutes']);
  const soaking = values.soak === true || soakMinutes !== undefined;
  const only = parseOnly(values.only);
  const plan = planFor(loadPlan(values.load, quick), only);
  let level = plan.base;
  let burners: Burners | undefined;
  const loadAverages: { label: string; values: number[] }[] = [];
  const markLoad = (label: string): void => {
    loadAverages.push({ label, values: os.loadavg().map((n) => Math.round(n * 100) / 100) });
  };
  /** Starts the burners of a level (ending the previous ones); the load average is noted before they start. */
  const atLevel = async (n: number): Promise<void> => {
    await burners?.stop();
    burners = undefined;
    markLoad(`before load ${n}`);
    level = n;
    if (n > 0) burners = startBurners(n);
    if (n > 0) log(`load ${n}: ${n} CPU burner(s) running (pids ${burners?.pids.join(', ')})`);
  };
  const startedAt = new Date();
  const started = performance.now();
  const metrics: Metric[] = [];
  const log = (message: string): void => {
    process.stderr.write(`[bench ${((performance.now() - started) / 1000).toFixed(0)}s] ${message}\n`);
  };

  const problems: string[] = [];
  // A scenario that breaks is noted and the run goes on: its rows become fail rows (completeRows), never gaps.
  const step = async (scenario: Scenario, name: string, work: () => Promise<void>): Promise<void> => {
    if (only && !only.has(scenario)) return;
    log(name);
    try {
      await work();
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      problems.push(`${name}: ${message}`);
      log(`${name} failed: ${message}`);
    }
  };

  const work = tempDir('bench');
  const webHost = await buildApp(work, log);
  // The main sandbox, its 5,000 DaemonSets and its browser, for the scenarios that use them.
  const onMainSandbox = async (): Promise<void> => {
    log('starting the sandbox (its own process) and writing 5,000 DaemonSets with their status');
    const sandbox = await startSandboxProcess({ nodes: 6, speed: 1, paused: true });
    const browser = await launchBrowser();
    try {
      await sandbox.call('seed', { count: COUNT, namespaces: NAMESPACES });
      await atLevel(plan.base);
      const ctx: BenchContext = {
        quick,
        soak: soaking,
        soakMinutes: soakMinutes ?? 10,
        sandbox,
        access: adminAccess(sandbox.kubeconfigPath),
        count: COUNT,
        namespaces: NAMESPACES,
        totalDaemonSets: (await sandbox.call('snapshot')).length,
        webHost,
        repeats: quick ? 1 : 3,
        // Every row carries the level it was measured at; at an extra level only the loaded rows are kept.
        add: (...rows) =>
          metrics.push(
            ...rows
              .filter((row) => level === plan.base || (LOADED_IDS as readonly string[]).includes(row.id))
              .map((row) => ({ ...row, load: level })),
          ),
        log,
        shared: new Map(),
      };
      await step('cold', 'scenario 1: cold list (kubectl, client-node, JSON.parse, backend)', () => coldServer(ctx));
      await step('cold', 'a 4 MB hostile kubeconfig refused', () => kubeconfigRefusal(ctx));
      await step('ui', 'scenarios 1-3: cold list in the UI, memory, churn', async () => {
        const ui = await openUi(ctx, browser);
        try {
          await coldUi(ctx, ui);
          const afterCold = await readMemory(ui);
          await memoryMetrics(ctx, ui, afterCold);
          const afterChurn = await churn(ctx, ui, afterCold);
          await soak(ctx, ui, afterChurn);
        } finally {
          await ui.close();
        }
      });
      await step('startup', 'scenario 4: start-up', () => startup(ctx, browser));
      // The same rows again with burners beside them, before the 10,000 pods of scenario 5 weigh on the sandbox.
      for (const extra of plan.extra) {
        await atLevel(extra);
        await step('ui', `load ${extra}: cold list in the UI and churn`, async () => {
          // cold.ui.ms's peer at this level: kubectl measured with the same burners beside it.
          const kubectl = await kubectlListMs(ctx).catch(() => undefined);
          if (kubectl === undefined) ctx.shared.delete('kubectl.ms');
          else ctx.shared.set('kubectl.ms', kubectl);
          const ui = await openUi(ctx, browser);
          try {
            await coldUi(ctx, ui);
            await churn(ctx, ui, await readMemory(ui));
          } finally {
            await ui.close();
          }
        });
        await step('startup', `load ${extra}: start-up`, () => startup(ctx, browser));
      }
      if (plan.extra.length > 0) await atLevel(plan.base);
      await step('watchers', 'sandbox: 1,000 events/s to 20 watchers', () => watchers(ctx));
      // Issue 16: on a sandbox of its own, so the 5,000 DaemonSets above do not weigh on it.
      await step('operate', 'issue 16: a shell echo and a port-forward download', () => operate(ctx));
      // Last on this sandbox: its 10,000 pods would weigh on every scenario after it.
      await step('detail', `scenario 5: detail page among ${quick ? '2,000' : '10,000'} pods`, () =>
        detail(ctx, browser),
      );
    } finally {
      await browser.close();
      await sandbox.stop();
    }
  };
  if (needsMainSandbox(only)) await onMainSandbox();
  else await atLevel(plan.base);
  const atBase = (rows: Metric[]): Metric[] => rows.map((row) => ({ ...row, load: plan.base }));
  try {
    // Scale (issues 15 and 17): light-pod sandboxes and a browser of their own, after the main sandbox has stopped.
    await runScale(
      { quick, repeats: quick ? 1 : 3, webHost, add: (...rows) => metrics.push(...atBase(rows)), log },
      step,
    );
    if (quick) metrics.push(...atBase(podMemorySkipped()));
    else
      await step('pods', 'sandbox: 500 nodes and 10,000 pods', async () => {
        metrics.push(...atBase(await podMemory(180_000, log)));
      });
  } finally {
    await burners?.stop();
  }
  markLoad('at the end');

  const rows = completeRows(
    metrics,
    expectedRows(METRIC_IDS, plan),
    problems.join('; ') || 'its scenario did not report it',
    (id) => (only && !only.has(scenarioOf(id)) ? `not run (--only ${[...only].join(',')})` : undefined),
  );
  const report = buildReport(
    rows,
    quick ? 'quick' : 'full',
    soaking,
    startedAt,
    performance.now() - started,
    loadAverages,
  );
  removeTempDirs();
  const file = values.json ?? 'bench-results.json';
  writeJson(file, report);
  const both = sideBySideTable(report.metrics);
  process.stdout.write(
    `${header(report)}\n\n${markdownTable(report.metrics)}\n\n${both ? `${both}\n\n` : ''}JSON: ${file}\n`,
  );
}

main().catch((error: unknown) => {
  process.stderr.write(`bench: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
