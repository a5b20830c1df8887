// ResourceQuota: a controller that keeps status.hard/status.used current (the admission check that refuses a pod over
// a quota is in pod-admission.ts).

import type { ClusterApi, StoreEvent } from '../types.js';
import { QueuedLoop } from './control-loop.js';
import type { Subscribable } from './event-bus.js';
import type { Container, Pod } from './kinds.js';
import { isTerminal, isTerminating } from './pod-util.js';
import { formatFor, parseQuantity } from '../apimachinery/quantity.js';
import { WorkQueue } from './work-queue.js';

/** Pods that count against a quota: not finished and not on their way out. */
export function countsAgainstQuota(pod: Pod): boolean {
  return !isTerminal(pod) && !isTerminating(pod);
}

function containerSum(pod: Pod, kind: 'requests' | 'limits', resource: string): number {
  let total = 0;
  for (const c of pod.spec.containers ?? ([] as Container[])) {
    const text = c.resources?.[kind]?.[resource];
    total += text ? (parseQuantity(text) ?? 0) : 0;
  }
  return total;
}

/** Usage for each resource named in `hard`, over the namespace's counted pods. */
export function quotaUsage(hard: Record<string, string>, pods: Pod[]): Record<string, string> {
  const counted = pods.filter(countsAgainstQuota);
  const used: Record<string, string> = {};
  for (const resource of Object.keys(hard)) {
    if (resource === 'pods' || resource === 'count/pods') {
      used[resource] = String(counted.length);
      continue;
    }
    const match = /^(requests|limits)\.(cpu|memory|ephemeral-storage)$/.exec(resource);
    const kind = (match?.[1] ?? 'requests') as 'requests' | 'limits';
    const name = match?.[2] ?? resource;
    if (!['cpu', 'memory', 'ephemeral-storage'].includes(name)) continue;
    const sum = counted.reduce((acc, pod) => acc + containerSum(pod, kind, name), 0);
    used[resource] = formatFor(resource, sum);
  }
  return used;
}

export class QuotaController extends QueuedLoop {
  protected readonly queue: WorkQueue;

  constructor(
    private readonly api: ClusterApi,
    events: Subscribable = api,
  ) {
    super();
    this.queue = new WorkQueue((namespace) => this.sync(namespace));
    this.onStop(events.subscribe((event) => this.onEvent(event)));
    for (const q of api.list('resourcequotas')) this.queue.add(q.metadata.namespace ?? '');
  }

  private onEvent(event: StoreEvent): void {
    if (event.resource === 'resourcequotas') this.queue.add(event.object.metadata.namespace ?? '');
    else if (event.resource === 'pods' && this.countChanged(event))
      this.queue.add(event.object.metadata.namespace ?? '');
  }

  /** Only changes that can move usage matter; status churn from kubelets does not. */
  private countChanged(event: StoreEvent): boolean {
    if (event.type !== 'MODIFIED' || !event.old) return true;
    const before = event.old as Pod;
    const after = event.object as Pod;
    return countsAgainstQuota(before) !== countsAgainstQuota(after);
  }

  private sync(namespace: string): void {
    const quotas = this.api.list('resourcequotas', namespace);
    if (quotas.length === 0) return;
    const pods = this.api.list('pods', namespace) as Pod[];
    for (const quota of quotas) {
      const hard: Record<string, string> = { ...(quota.spec?.hard ?? {}) };
      const used = quotaUsage(hard, pods);
      const status = quota.status ?? {};
      if (
        JSON.stringify(status.hard ?? {}) === JSON.stringify(hard) &&
        JSON.stringify(status.used ?? {}) === JSON.stringify(used)
      ) {
        continue;
      }
      this.api.updateStatus('resourcequotas', { ...quota, status: { hard, used } });
    }
  }
}
