// Status the sandbox keeps plausible for objects whose controllers it does not run: Deployments, ReplicaSets and
// StatefulSets report every replica ready (no pods exist for them: a known difference, stated in the README),
// PodDisruptionBudgets count the healthy pods they select (the disruption controller), and aggregated ClusterRoles
// collect the rules of the roles their selectors match (the clusterrole-aggregation controller).
import { matchesSelectorObject, type LabelSelectorObject } from '../apimachinery/selectors.js';
import type { ClusterApi, KubeObject, StoreEvent } from '../types.js';
import { QueuedLoop } from './control-loop.js';
import type { Subscribable } from './event-bus.js';
import { WorkQueue } from './work-queue.js';

type Json = Record<string, unknown>;
const WORKLOADS = ['deployments', 'replicasets', 'statefulsets'];

function timestamp(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function workloadStatus(resource: string, o: KubeObject, now: string): Json {
  const replicas = typeof o.spec?.replicas === 'number' ? o.spec.replicas : 1;
  const base: Json = { observedGeneration: o.metadata.generation ?? 1, replicas };
  if (replicas > 0) Object.assign(base, { readyReplicas: replicas, availableReplicas: replicas });
  if (resource === 'replicasets') return { ...base, fullyLabeledReplicas: replicas };
  if (resource === 'statefulsets') {
    const revision = `${o.metadata.name}-${(o.metadata.generation ?? 1).toString(16).padStart(10, '0')}`;
    return {
      ...base,
      currentReplicas: replicas,
      updatedReplicas: replicas,
      currentRevision: revision,
      updateRevision: revision,
      collisionCount: 0,
    };
  }
  const kept = (type: string): string => {
    const c = ((o.status?.conditions ?? []) as Json[]).find((x) => x.type === type);
    return typeof c?.lastTransitionTime === 'string' ? c.lastTransitionTime : now;
  };
  return {
    ...base,
    updatedReplicas: replicas,
    conditions: [
      {
        type: 'Available',
        status: 'True',
        lastUpdateTime: kept('Available'),
        lastTransitionTime: kept('Available'),
        reason: 'MinimumReplicasAvailable',
        message: 'Deployment has minimum availability.',
      },
      {
        type: 'Progressing',
        status: 'True',
        lastUpdateTime: kept('Progressing'),
        lastTransitionTime: kept('Progressing'),
        reason: 'NewReplicaSetAvailable',
        message: `ReplicaSet "${o.metadata.name}" has successfully progressed.`,
      },
    ],
  };
}

function isReady(pod: KubeObject): boolean {
  return (
    ((pod.status?.conditions ?? []) as Json[]).some((c) => c.type === 'Ready' && c.status === 'True') &&
    !pod.metadata.deletionTimestamp
  );
}

/** desiredHealthy from minAvailable or maxUnavailable (ints, or percentages of the expected pods, rounded up). */
function desired(spec: Json, expected: number): number {
  const resolve = (v: unknown): number =>
    typeof v === 'string' && v.endsWith('%') ? Math.ceil((Number(v.slice(0, -1)) * expected) / 100) : Number(v ?? 0);
  if (spec.minAvailable !== undefined) return resolve(spec.minAvailable);
  if (spec.maxUnavailable !== undefined) return Math.max(0, expected - resolve(spec.maxUnavailable));
  return expected;
}

function pdbStatus(pdb: KubeObject, pods: KubeObject[], now: string): Json {
  const selected = pods.filter((p) =>
    matchesSelectorObject(pdb.spec?.selector as LabelSelectorObject | undefined, p.metadata.labels ?? {}),
  );
  const expected = selected.filter((p) => !p.metadata.deletionTimestamp).length;
  const healthy = selected.filter(isReady).length;
  const want = desired((pdb.spec ?? {}) as Json, expected);
  const allowed = Math.max(0, healthy - want);
  const previous = ((pdb.status?.conditions ?? []) as Json[])[0];
  const state = allowed > 0 ? 'True' : 'False';
  return {
    observedGeneration: pdb.metadata.generation ?? 1,
    disruptionsAllowed: allowed,
    currentHealthy: healthy,
    desiredHealthy: want,
    expectedPods: expected,
    conditions: [
      {
        type: 'DisruptionAllowed',
        status: state,
        reason: allowed > 0 ? 'SufficientPods' : 'InsufficientPods',
        message: '',
        observedGeneration: pdb.metadata.generation ?? 1,
        lastTransitionTime: previous?.status === state ? previous.lastTransitionTime : now,
      },
    ],
  };
}

export class WorkloadStatusController extends QueuedLoop {
  protected readonly queue: WorkQueue;

  constructor(
    private readonly api: ClusterApi,
    events: Subscribable = api,
  ) {
    super();
    this.queue = new WorkQueue((key) => this.sync(key));
    this.onStop(events.subscribe((e) => this.onEvent(e)));
    for (const r of [...WORKLOADS, 'poddisruptionbudgets']) for (const o of api.list(r)) this.enqueue(r, o);
    for (const role of api.list('clusterroles'))
      if (role.aggregationRule) this.queue.add(`clusterroles||${role.metadata.name}`);
  }

  private enqueue(resource: string, o: KubeObject): void {
    this.queue.add(`${resource}|${o.metadata.namespace ?? ''}|${o.metadata.name}`);
  }

  private onEvent(e: StoreEvent): void {
    if (e.type === 'DELETED' && e.resource !== 'pods' && e.resource !== 'clusterroles') return;
    if (WORKLOADS.includes(e.resource) || e.resource === 'poddisruptionbudgets') this.enqueue(e.resource, e.object);
    else if (e.resource === 'pods') {
      for (const pdb of this.api.list('poddisruptionbudgets', e.object.metadata.namespace))
        this.enqueue('poddisruptionbudgets', pdb);
    } else if (e.resource === 'clusterroles') {
      for (const role of this.api.list('clusterroles')) {
        if (role.aggregationRule && role.metadata.name !== e.object.metadata.name)
          this.queue.add(`clusterroles||${role.metadata.name}`);
      }
      if (e.type !== 'DELETED' && e.object.aggregationRule) this.queue.add(`clusterroles||${e.object.metadata.name}`);
    }
  }

  private sync(key: string): void {
    const [resource = '', namespace = '', name = ''] = key.split('|');
    const o = this.api.get(resource, namespace || undefined, name);
    if (!o || o.metadata.deletionTimestamp) return;
    const now = timestamp(this.api.now());
    if (resource === 'clusterroles') return this.aggregate(o);
    const status =
      resource === 'poddisruptionbudgets'
        ? pdbStatus(o, this.api.list('pods', namespace), now)
        : workloadStatus(resource, o, now);
    if (JSON.stringify(status) === JSON.stringify(o.status ?? {})) return;
    this.api.updateStatus(resource, { ...o, status });
  }

  private aggregate(role: KubeObject): void {
    const selectors = (role.aggregationRule?.clusterRoleSelectors ?? []) as LabelSelectorObject[];
    const rules: Json[] = [];
    for (const other of this.api.list('clusterroles')) {
      if (other.metadata.name === role.metadata.name) continue;
      if (!selectors.some((s) => matchesSelectorObject(s, other.metadata.labels ?? {}))) continue;
      for (const r of (other.rules ?? []) as Json[])
        if (!rules.some((x) => JSON.stringify(x) === JSON.stringify(r))) rules.push(r);
    }
    if (JSON.stringify(rules) === JSON.stringify(role.rules ?? [])) return;
    this.api.update('clusterroles', { ...role, rules });
  }
}
