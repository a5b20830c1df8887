// Images whose tag makes a container misbehave the way real programs do, and the kubelet's words when a readiness
// probe fails. Tags: `crashloop` starts, then exits with status 1 (CrashLoopBackOff); `unready` runs but never
// passes its readiness probe.

import type { Probe } from '../controllers/kinds.js';
import { parseImage } from './images.js';

export const crashes = (image: string): boolean => parseImage(image).tag === 'crashloop';
export const neverReady = (image: string): boolean => parseImage(image).tag === 'unready';

interface ProbeHandlers extends Probe {
  httpGet?: { port?: number | string };
  tcpSocket?: { port?: number | string };
  grpc?: { port?: number };
  exec?: { command?: string[] };
}

/** The Unhealthy event's message for a failed readiness probe (prober.go's result, by handler). */
export function readinessFailure(probe: Probe, podIP: string): string {
  const p = probe as ProbeHandlers;
  if (p.httpGet) return 'Readiness probe failed: HTTP probe failed with statuscode: 503';
  if (p.tcpSocket) {
    return `Readiness probe failed: dial tcp ${podIP}:${String(p.tcpSocket.port ?? '')}: connect: connection refused`;
  }
  if (p.grpc) return 'Readiness probe failed: service unhealthy (responded with "NOT_SERVING")';
  return 'Readiness probe failed: ';
}

/** Seconds at speed 1 of the kubelet's and the simulated programs' own pace. */
export const TIMING = {
  /** An init container's work before it exits 0. */
  initRun: 1,
  /** A `crashloop` container's life before it exits 1. */
  crashRun: 1,
  /** The first restart after a crash needs no back-off (the pod worker resyncs at once). */
  firstRestart: 0.5,
  /** Container crash back-off: 10 s doubling to 5 min (kubelet's defaults). */
  crashBackoff: { initial: 10, max: 300 },
  /** The pod worker retries a failed sync (CreateContainerConfigError) after this. */
  syncRetry: 10,
  /** Volume set-up retries: 0.5 s doubling to 2 min 2 s (the operation executor's back-off). */
  mountRetry: { initial: 0.5, max: 122 },
  /** WaitForAttachAndMount gives up (and says so) after 2 min 3 s; the next sync waits again. */
  mountTimeout: 123,
};
