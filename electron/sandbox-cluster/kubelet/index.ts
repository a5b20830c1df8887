// Entry point of the simulated kubelets, and the container-log lookup a `pods/log` route uses.

import { notFound } from '../errors.js';
import type { ClusterApi } from '../types.js';
import { Kubelets, type LogReadOptions } from './kubelets.js';

export interface KubeletHandle {
  pause(): void;
  resume(): void;
  stop(): void;
  /** Log lines of one container of a pod on this sandbox's nodes. */
  logs(namespace: string, pod: string, container: string, options?: LogReadOptions): string[];
}

const running = new Set<Kubelets>();

export function startKubelets(api: ClusterApi, opts: { speed: number }): KubeletHandle {
  const kubelets = new Kubelets(api, opts.speed > 0 ? opts.speed : 1);
  running.add(kubelets);
  return {
    pause: () => kubelets.pause(),
    resume: () => kubelets.resume(),
    stop: () => {
      kubelets.stop();
      running.delete(kubelets);
    },
    logs: (namespace, pod, container, options) => kubelets.readLogs(namespace, pod, container, options),
  };
}

/**
 * Log lines of a container from whichever running sandbox knows the pod. Pass `uid` when several sandboxes run in
 * one process (pod names repeat across them). Throws a 400 StatusError when the container has no logs yet, a 404 when
 * no kubelet knows the pod.
 */
export function kubeletLogs(
  namespace: string,
  pod: string,
  container: string,
  options: LogReadOptions & { uid?: string } = {},
): string[] {
  const all = [...running].reverse();
  const owner = all.find((k) => k.knows(namespace, pod, options.uid));
  if (!owner) throw notFound('pods', '', pod);
  return owner.readLogs(namespace, pod, container, options);
}

export type { LogReadOptions };
