// Status churn inside the sandbox's process: N status writes a second, each stamped just before the write so the
// measured latency includes the server's own commit and fan-out work.
import type { ClusterApi } from '../../../electron/sandbox-cluster/index.js';
import { settledStatus } from './world.js';

export interface ChurnPlan {
  ratePerSec: number;
  seconds: number;
  /** `namespace/name` of every DaemonSet the churn may touch. */
  keys: string[];
  /** Keys that get `hotShare` of the changes (the rows in view), the rest spread over `keys`. */
  hot?: string[];
  hotShare?: number;
  /** Keep a log of every change (off for the soak, where it would only grow). */
  record: boolean;
}

/** Every change: which key, the count it now shows, and when (ms since the epoch, taken before the write). */
export interface ChurnLog {
  keys: string[];
  values: number[];
  times: number[];
}

export interface ChurnResult {
  changes: number;
  failures: number;
  elapsedMs: number;
  /**
   * CPU time of the sandbox's main thread over the churn (user + system): its cost per write, whatever the machine's
   * load. The main thread only: it is the one every write and fan-out waits for (GC helpers run beside it).
   */
  cpuMs: number;
  log: ChurnLog;
}

const TICK_MS = 5;
// One tick never does more than this, so a slow machine falls behind visibly instead of freezing the process.
const MAX_PER_TICK = 100;

export function runChurn(api: ClusterApi, plan: ChurnPlan): Promise<ChurnResult> {
  const log: ChurnLog = { keys: [], values: [], times: [] };
  const hot = plan.hot ?? [];
  const hotShare = hot.length > 0 ? (plan.hotShare ?? 0) : 0;
  let changes = 0;
  let failures = 0;
  let cursor = 0;
  const pick = (): string => {
    if (hotShare > 0 && Math.random() < hotShare) return hot[Math.floor(Math.random() * hot.length)] as string;
    // Walk the keys in a stride so consecutive changes land in different namespaces and rows.
    cursor = (cursor + 7919) % plan.keys.length;
    return plan.keys[cursor] as string;
  };
  const change = (key: string): void => {
    const slash = key.indexOf('/');
    const object = api.get('daemonsets', key.slice(0, slash), key.slice(slash + 1));
    if (!object) {
      failures++;
      return;
    }
    const status = object.status as { numberReady?: number } | undefined;
    const next = (status?.numberReady ?? 0) + 1;
    const at = Date.now();
    try {
      api.updateStatus('daemonsets', { ...object, status: settledStatus(object, next) });
    } catch {
      failures++;
      return;
    }
    changes++;
    if (plan.record) {
      log.keys.push(key);
      log.values.push(next);
      log.times.push(at);
    }
  };
  return new Promise((resolve) => {
    const started = Date.now();
    const cpu = process.threadCpuUsage();
    const total = Math.round(plan.ratePerSec * plan.seconds);
    const timer = setInterval(() => {
      const elapsed = Date.now() - started;
      const due = Math.min(total, Math.floor((elapsed * plan.ratePerSec) / 1000));
      const attempted = changes + failures;
      for (let i = 0; i < Math.min(MAX_PER_TICK, due - attempted); i++) change(pick());
      if (elapsed >= plan.seconds * 1000) {
        clearInterval(timer);
        const used = process.threadCpuUsage(cpu);
        resolve({ changes, failures, elapsedMs: Date.now() - started, cpuMs: (used.user + used.system) / 1000, log });
      }
    }, TICK_MS);
  });
}
