// The fixed metric ids, in table order, with what each means (README "Benchmarks" lists the same). A run always
// reports every one of them: a scenario that broke leaves fail rows, never gaps.
export const METRIC_IDS = [
  'cold.kubectl.ms',
  'cold.client-node.ms',
  'cold.json-parse.ms',
  'cold.backend.first-delta.ms',
  'sandbox.list.ms',
  'cold.kubeconfig-refusal.ms',
  'cold.ui.ms',
  'memory.backend.rss.mb',
  'memory.backend.heap.mb',
  'memory.renderer.heap.mb',
  'churn.rate.per-s',
  'churn.latency.p50.ms',
  'churn.latency.p95.ms',
  'churn.latency.p99.ms',
  'churn.longtask.max.ms',
  'churn.differing-rows',
  'memory.renderer.warmup.pct',
  'memory.backend.growth.pct',
  'memory.backend.heap-growth.pct',
  'memory.renderer.growth.pct',
  'soak.backend.warmup.pct',
  'soak.backend.growth.pct',
  'soak.backend.heap-growth.pct',
  'soak.renderer.growth.pct',
  'startup.first-list.ms',
  'sandbox.watch.rate.per-s',
  'sandbox.watch.p50.ms',
  'sandbox.watch.p99.ms',
  'sandbox.watch.delivered.pct',
  'detail.pods.bytes',
  'detail.open.ms',
  'sandbox.pods.running',
  'sandbox.memory.rss.mb',
  // Scale (issues 15 and 17): light-pod sandboxes of their own (tests/bench/scenarios/scale-run.ts).
  'scale.detail.open.ms',
  'scale.detail.rollout.grid.p99.ms',
  'scale.detail.rollout.longtask.max.ms',
  'scale.list.reason.ms',
  'matrix.sandbox.pod.bytes',
  'matrix.sandbox.rss.mb',
  'matrix.open.ms',
  'matrix.backend.memory.ratio',
  'matrix.rollout.cells.p99.ms',
  'matrix.rollout.longtask.max.ms',
  'fleet.open.ms',
  // ---- issue 16: operate (a shell's echo, a port-forward's throughput) ----
  'operate.terminal.echo.ms',
  'operate.forward.throughput.mbps',
] as const;

/** Scenario names for `--only`: cold = scenario 1 without the UI; ui = scenarios 1-3 in Chromium (cold list, memory, churn, soak). */
// The scale scenarios' names (scenarios/scale-run.ts).
const SCALE_SCENARIOS = ['scale-detail', 'matrix', 'fleet'] as const;
export const SCENARIOS = [
  'cold',
  'ui',
  'startup',
  'watchers',
  'detail',
  'pods',
  'operate',
  ...SCALE_SCENARIOS,
] as const;
export type Scenario = (typeof SCENARIOS)[number];

/** The scenario that reports a metric id. */
export function scenarioOf(id: string): Scenario {
  if (id.startsWith('scale.')) return 'scale-detail';
  if (id.startsWith('matrix.')) return 'matrix';
  if (id.startsWith('fleet.')) return 'fleet';
  if (id === 'sandbox.list.ms' || (id.startsWith('cold.') && id !== 'cold.ui.ms')) return 'cold';
  if (id.startsWith('startup.')) return 'startup';
  if (id.startsWith('operate.')) return 'operate';
  if (id.startsWith('sandbox.watch.')) return 'watchers';
  if (id.startsWith('detail.')) return 'detail';
  if (id.startsWith('sandbox.')) return 'pods';
  return 'ui';
}

/** Scenarios that run on the main sandbox (5,000 DaemonSets seeded, one shared browser); the scale ones bring their own. */
export const MAIN_SANDBOX_SCENARIOS: readonly Scenario[] = ['cold', 'ui', 'startup', 'watchers', 'operate', 'detail'];

/** Whether the run needs the main sandbox and its seed at all (`--only matrix` does not). */
export function needsMainSandbox(only: ReadonlySet<Scenario> | undefined): boolean {
  return only === undefined || MAIN_SANDBOX_SCENARIOS.some((name) => only.has(name));
}
