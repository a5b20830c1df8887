import type { AppErrorDTO } from './dto.js';
import type { DetailEvent, DetailPod } from './detail-dto.js';

// The pod panel (issue 15: "a cell opens that pod"): one pod, its containers' last terminations and its events.
// Every delta of its stream is a complete picture. Plain JSON only, like dto.ts.

/** How a container's previous run ended (lastState.terminated): OOMKilled, Error, Completed... */
export interface ContainerTermination {
  reason: string;
  exitCode: number;
  message?: string;
  /** RFC 3339, when the kubelet says. */
  finishedAt?: string;
}

export interface PodViewPod extends DetailPod {
  namespace: string;
  /** Its controller: a DaemonSet for the pods the panel is opened on. */
  owner?: { kind: string; name: string };
  /** By container name: how its previous run ended, for the containers that restarted. */
  lastTerminations: Record<string, ContainerTermination>;
}

/**
 * One pod. `state`: 'loading' until its list arrives; 'not-found' when it did not exist when the stream opened;
 * 'deleted' once it is gone (the last picture of it stays in `pod`).
 */
export interface PodView {
  state: 'loading' | 'ok' | 'deleted' | 'not-found';
  pod?: PodViewPod;
  /** The events about this pod, newest first (at most 100). */
  events: DetailEvent[];
  error?: AppErrorDTO;
}
