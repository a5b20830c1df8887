// Public entry point of the sandbox's control plane: the DaemonSet controller, the scheduler, the garbage collector
// and the quota controller, plus the kubelets, the seed world and quota admission. The API server wires these in.

import type { AdmissionPlugin, ClusterApi } from '../types.js';
import { loopGroup, type ControlLoop } from './control-loop.js';
import { DaemonSetController } from './daemonset.js';
import { EventBus } from './event-bus.js';
import { GarbageCollector } from './garbage-collector.js';
import { podAdmission } from './pod-admission.js';
import { QuotaController } from './quota.js';
import { Scheduler } from './scheduler.js';

export { startKubelets, kubeletLogs, type KubeletHandle, type LogReadOptions } from '../kubelet/index.js';
export { seedWorld } from '../seed/world.js';

export type { ControlLoop } from './control-loop.js';

/** Starts the DaemonSet controller, scheduler, garbage collector and quota controller. */
export function startControllers(api: ClusterApi, opts: { speed: number }): ControlLoop {
  const speed = opts.speed > 0 ? opts.speed : 1;
  const bus = new EventBus(api);
  const loops: ControlLoop[] = [
    new Scheduler(api, bus),
    new DaemonSetController(api, speed, bus),
    new GarbageCollector(api, bus),
    new QuotaController(api, bus),
  ];
  return loopGroup(loops, () => bus.stop());
}

/** Admission plug-ins the API server runs before committing creates and updates. */
export function admissionHooks(api: ClusterApi): AdmissionPlugin[] {
  return podAdmission(api);
}
