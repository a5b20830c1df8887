// What every scenario gets: the run's mode, the sandbox process with the bench's DaemonSets, and where rows go.
import type { Metric } from './report.js';
import type { SandboxProcess } from './sandbox/client.js';
import type { AdminAccess } from './support/https.js';

export interface BenchContext {
  quick: boolean;
  soak: boolean;
  /** Length of the soak's churn (--soak-minutes; 10 by default). */
  soakMinutes: number;
  sandbox: SandboxProcess;
  access: AdminAccess;
  /** Bench DaemonSets and their namespaces (5,000 in 250). */
  count: number;
  namespaces: number;
  /** Every DaemonSet the server holds (the bench's plus the seed world's): what "All projects" must show. */
  totalDaemonSets: number;
  /** The browser host's CLI (dist/web/cli.mjs) in the bench's own build, beside the renderer it serves. */
  webHost: string;
  /** Repetitions of each cold measurement (the median is reported). */
  repeats: number;
  add(...metrics: Metric[]): void;
  log(message: string): void;
  /** Figures one scenario leaves for a later one (e.g. kubectl's time for the UI's ratio). */
  shared: Map<string, number>;
}
