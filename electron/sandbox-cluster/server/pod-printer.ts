// The READY, STATUS and RESTARTS cells of `kubectl get pods`, as the API server's printPod computes them for a Table:
// init containers first (Init:1/2, Init:CrashLoopBackOff, sidecars counted once started), then the main containers
// from the last to the first, `3 (12s ago)` restarts, Terminating for a pod being deleted.
import type { KubeObject } from '../types.js';
import { humanDuration } from './table-format.js';

type Json = Record<string, unknown>;

interface ContainerStatus {
  name?: string;
  ready?: boolean;
  started?: boolean;
  restartCount?: number;
  state?: { waiting?: { reason?: string }; running?: Json; terminated?: Terminated };
  lastState?: { terminated?: Terminated };
}
interface Terminated {
  reason?: string;
  exitCode?: number;
  signal?: number;
  finishedAt?: string;
}

export interface PodCells {
  ready: string;
  status: string;
  restarts: string;
}

function terminatedReason(t: Terminated, prefix: string): string {
  if (t.reason) return `${prefix}${t.reason}`;
  return t.signal ? `${prefix}Signal:${t.signal}` : `${prefix}ExitCode:${t.exitCode ?? 0}`;
}

const list = (v: unknown) => (Array.isArray(v) ? (v as ContainerStatus[]) : []);

export function printPod(pod: KubeObject, now: number): PodCells {
  const status = (pod.status ?? {}) as Json;
  const conditions = Array.isArray(status.conditions) ? (status.conditions as Json[]) : [];
  const phase = String(status.phase ?? '');
  let reason = typeof status.reason === 'string' && status.reason ? status.reason : phase;
  if (conditions.some((c) => c.type === 'PodScheduled' && c.reason === 'SchedulingGated')) reason = 'SchedulingGated';
  const initSpecs = (Array.isArray(pod.spec?.initContainers) ? pod.spec.initContainers : []) as Json[];
  const sidecars = new Set(initSpecs.filter((c) => c.restartPolicy === 'Always').map((c) => String(c.name)));
  const total = (Array.isArray(pod.spec?.containers) ? pod.spec.containers.length : 0) + sidecars.size;
  let ready = 0;
  let restarts = 0;
  let lastRestart = 0;
  let sidecarRestarts = 0;
  let lastSidecarRestart = 0;
  const finished = (c: ContainerStatus) => Date.parse(c.lastState?.terminated?.finishedAt ?? '') || 0;

  let initializing = false;
  const inits = list(status.initContainerStatuses);
  for (const [i, c] of inits.entries()) {
    restarts += c.restartCount ?? 0;
    lastRestart = Math.max(lastRestart, finished(c));
    const sidecar = sidecars.has(String(c.name));
    if (sidecar) {
      sidecarRestarts += c.restartCount ?? 0;
      lastSidecarRestart = Math.max(lastSidecarRestart, finished(c));
    }
    const terminated = c.state?.terminated;
    const waiting = c.state?.waiting?.reason;
    if (terminated && (terminated.exitCode ?? 0) === 0) continue;
    if (sidecar && c.started) {
      if (c.ready) ready++;
      continue;
    }
    if (terminated) reason = terminatedReason(terminated, 'Init:');
    else if (waiting && waiting !== 'PodInitializing') reason = `Init:${waiting}`;
    else reason = `Init:${i}/${initSpecs.length}`;
    initializing = true;
    break;
  }

  const initialized = conditions.some((c) => c.type === 'Initialized' && c.status === 'True');
  if (!initializing || initialized) {
    restarts = sidecarRestarts;
    lastRestart = lastSidecarRestart;
    let hasRunning = false;
    for (const c of [...list(status.containerStatuses)].reverse()) {
      restarts += c.restartCount ?? 0;
      lastRestart = Math.max(lastRestart, finished(c));
      const waiting = c.state?.waiting?.reason;
      const terminated = c.state?.terminated;
      if (waiting) reason = waiting;
      else if (terminated) reason = terminatedReason(terminated, '');
      else if (c.ready && c.state?.running) {
        hasRunning = true;
        ready++;
      }
    }
    if (reason === 'Completed' && hasRunning) {
      reason = conditions.some((c) => c.type === 'Ready' && c.status === 'True') ? 'Running' : 'NotReady';
    }
  }

  if (pod.metadata.deletionTimestamp && status.reason === 'NodeLost') reason = 'Unknown';
  else if (pod.metadata.deletionTimestamp && phase !== 'Succeeded' && phase !== 'Failed') reason = 'Terminating';
  const restartText =
    restarts !== 0 && lastRestart > 0 ? `${restarts} (${humanDuration(now - lastRestart)} ago)` : String(restarts);
  return { ready: `${ready}/${total}`, status: reason || 'Pending', restarts: restartText };
}
