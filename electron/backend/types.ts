import type { EventName, EverynodeEvents, EverynodeServices } from '../contract/index.js';
import type { SandboxLauncher } from './sandbox.js';

export interface BackendOptions {
  /** Value of KUBECONFIG (colon-separated on Linux/macOS, semicolon on Windows); undefined = not set. */
  kubeconfigEnv?: string;
  /**
   * Files named on the command line (--kubeconfig), read like files the user added but before the sandbox decision:
   * with one of them, 'auto' does not start the sandbox.
   */
  kubeconfigFiles?: string[];
  /** Home directory for ~/.kube/config. */
  homeDir: string;
  /** 'auto': start the built-in sandbox when no kubeconfig exists at all; 'on': always add it; 'off': never. */
  sandbox: 'auto' | 'on' | 'off';
  /** Where the app keeps its own state (remembered projects, last context); written 0600, atomically. */
  stateDir: string;
  /** Options for the sandbox cluster when the backend starts it (tests pass a high speed). */
  sandboxOptions?: { speed?: number; nodes?: number; name?: string };
  /** How the sandbox's own process is started: a Node child by default; Electron passes a utility process. */
  sandboxLauncher?: SandboxLauncher;
  /** Shown by host.info(); Electron passes app.getVersion(). */
  appVersion?: string;
  /** Tuning for tests: watch liveness window, batching, backoff, kubeconfig reload debounce. */
  tuning?: Partial<BackendTuning>;
  /**
   * Allowlist entries from the host's own command line (the browser host's --allow-program): always in force, never
   * written, not changeable from the page.
   */
  allowPrograms?: string[];
}

export interface BackendTuning {
  /** A watch that receives nothing, not even a bookmark, for this long is restarted. */
  livenessMs: number;
  /** The node view's and the pod panel's pictures are debounced this long (the detail page uses listWindowMs). */
  flushMs: number;
  /**
   * List deltas go out at once when idle; changes that follow within this window leave together at its end (the
   * renderer paints at most once a frame anyway), or at once when maxBatch rows are pending. The matrix's and the
   * detail page's deltas leave the same way.
   */
  listWindowMs: number;
  maxBatch: number;
  backoffBaseMs: number;
  backoffMaxMs: number;
  /** Requests (lists, reviews, patches) that take longer fail as unreachable. */
  requestTimeoutMs: number;
  kubeconfigDebounceMs: number;
  /** The health probe (GET /readyz) asks at most this often, once watches were silent this long... */
  probeIntervalMs: number;
  /** ...and a server that does not answer within this is "not responding". */
  probeTimeoutMs: number;
  /**
   * A context other than the active one, with no open streams and no calls for this long, closes its session (and
   * probe); it connects again when a call or stream needs it.
   */
  idleSessionMs: number;
  /** Drain: between tries of an eviction a PodDisruptionBudget refused (kubectl: 5 s), and how long it keeps trying. */
  drainRetryMs: number;
  drainTimeoutMs: number;
  /** Issue 16: how often an open shell or forward asks again whether the cluster still accepts it (token expiry). */
  recheckMs: number;
  // ---- issue 16: metrics ----
  /** Open metrics views poll the metrics API this often, and keep this long of samples per context. */
  metricsIntervalMs: number;
  metricsWindowMs: number;
}

export const defaultTuning: BackendTuning = {
  livenessMs: 60_000,
  flushMs: 75,
  listWindowMs: 25,
  maxBatch: 1000,
  backoffBaseMs: 500,
  backoffMaxMs: 30_000,
  requestTimeoutMs: 20_000,
  kubeconfigDebounceMs: 200,
  probeIntervalMs: 5_000,
  probeTimeoutMs: 5_000,
  idleSessionMs: 600_000,
  drainRetryMs: 5_000,
  drainTimeoutMs: 60_000,
  recheckMs: 60_000,
  metricsIntervalMs: 15_000,
  metricsWindowMs: 900_000,
};

/** One connected UI (an Electron window or a browser tab): its own subscriptions, disposed with it. */
export interface ClientSession {
  /** Every method throws AppError on failure. */
  services: EverynodeServices;
  dispose(): void;
}

export interface EventSink {
  emit<E extends EventName>(event: E, payload: EverynodeEvents[E]): void;
}

export interface Backend {
  connect(sink: EventSink): ClientSession;
  /** Host-only: a kubeconfig file the user picked in a native dialog (or passed with --kubeconfig). */
  addKubeconfigPath(path: string): Promise<void>;
  dispose(): Promise<void>;
}
