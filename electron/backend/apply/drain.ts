import type { DrainNeed, DrainOptions, DrainPodResult, DrainResult } from '../../contract/index.js';
import { AppError } from '../errors.js';
import type { ContextSession } from '../session/session.js';
import { patchObject, rawCall, STRATEGIC_MERGE_PATCH } from '../kinds/client.js';
import { KINDS, objectPath } from '../kinds/kinds.js';
import { listObjects } from '../kinds/source.js';
import type { PodObject } from '../kinds/objects.js';
import { isRecord, record, records } from '../../../common/guards.js';

// Cordon, uncordon and drain, as kubectl does them (k8s.io/kubectl/pkg/drain): cordon patches spec.unschedulable;
// drain cordons, then evicts every pod on the node through the eviction API (so PodDisruptionBudgets hold) except
// DaemonSet pods (--ignore-daemonsets: their controller would put them back at once) and mirror pods (the kubelet
// owns them). A pod no controller manages needs --force, one with emptyDir data --delete-emptydir-data, unless it has
// finished (filters.go: unreplicatedFilter, localStorageFilter). A 429 (a budget allows no disruption now) is retried
// every 5 s, as kubectl does, until the drain's time is up.

const MIRROR = 'kubernetes.io/config.mirror';
const finished = (phase: unknown): boolean => phase === 'Succeeded' || phase === 'Failed';

export const isMirror = (raw: Record<string, unknown>): boolean =>
  Object.hasOwn(record(record(raw.metadata).annotations), MIRROR);

const controller = (raw: Record<string, unknown>): Record<string, unknown> | undefined =>
  records(record(raw.metadata).ownerReferences).find((o) => o.controller === true);

export const isDaemonSetPod = (raw: Record<string, unknown>): boolean => controller(raw)?.kind === 'DaemonSet';

/** What else a drain must be told to evict this pod (kubectl's refusals), from the pod as listed. */
export function drainNeeds(raw: Record<string, unknown>): DrainNeed[] {
  if (finished(record(raw.status).phase)) return [];
  const needs: DrainNeed[] = [];
  if (!controller(raw)) needs.push('force');
  if (records(record(raw.spec).volumes).some((v) => isRecord(v.emptyDir))) needs.push('deleteEmptyDirData');
  return needs;
}

/** Whether drain evicts the pod with these options (false for DaemonSet and mirror pods, which it leaves). */
export function evictable(raw: Record<string, unknown>, options: DrainOptions): boolean {
  if (isDaemonSetPod(raw) || isMirror(raw)) return false;
  return drainNeeds(raw).every((need) => options[need]);
}

export async function cordon(session: ContextSession, node: string, unschedulable: boolean): Promise<void> {
  // null removes the field, as `kubectl uncordon` leaves a node.
  await patchObject(
    session,
    KINDS.nodes,
    undefined,
    node,
    { spec: { unschedulable: unschedulable || null } },
    STRATEGIC_MERGE_PATCH,
  );
}

export interface DrainTiming {
  /** Between tries of an eviction a budget refused (kubectl: 5 s). */
  retryMs: number;
  /** How long one drain keeps retrying before it reports the pods still blocked. */
  timeoutMs: number;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

async function evictOne(
  session: ContextSession,
  namespace: string,
  name: string,
  deadline: number,
  timing: DrainTiming,
): Promise<DrainPodResult> {
  const path = `${objectPath(KINDS.pods, namespace, name)}/eviction`;
  const body = { apiVersion: 'policy/v1', kind: 'Eviction', metadata: { name, namespace } };
  for (;;) {
    try {
      await rawCall(session, { method: 'POST', path, body });
      return { namespace, name, outcome: 'evicted' };
    } catch (e) {
      const error = e instanceof AppError ? e : undefined;
      if (error?.code === 'not-found') return { namespace, name, outcome: 'gone' };
      const status = error?.status;
      if (status === 429 && Date.now() + timing.retryMs < deadline) {
        await sleep(timing.retryMs);
        continue;
      }
      const message = e instanceof Error ? e.message : String(e);
      return { namespace, name, outcome: status === 429 ? 'blocked' : 'failed', message };
    }
  }
}

/**
 * Cordons the node, then evicts the confirmed pods that drain would evict with these options. A pod it would evict
 * that the user did not confirm (it arrived since) is reported, never evicted. A pod drain may not evict with these
 * options (no controller, emptyDir) refuses the whole drain before anything changes, as kubectl does.
 */
export async function drain(
  session: ContextSession,
  node: string,
  confirmed: { namespace: string; name: string }[],
  options: DrainOptions,
  timing: DrainTiming,
): Promise<DrainResult> {
  const list = await listObjects(session, KINDS.pods, { fieldSelector: `spec.nodeName=${node}` });
  const pods = list.items as (PodObject & Record<string, unknown>)[];
  const key = (namespace: string | undefined, name: string | undefined) => `${namespace ?? ''}/${name ?? ''}`;
  const wanted = new Set(confirmed.map((p) => key(p.namespace, p.name)));
  const refused = pods.filter((p) => !isDaemonSetPod(p) && !isMirror(p) && !evictable(p, options));
  if (refused.length > 0) {
    const names = refused.map((p) => key(p.metadata?.namespace, p.metadata?.name)).join(', ');
    throw new AppError(
      'invalid-argument',
      `Cannot drain node "${node}": ${names} would need --force (no controller) or --delete-emptydir-data (emptyDir).`,
    );
  }
  await cordon(session, node, true);
  const deadline = Date.now() + timing.timeoutMs;
  const here = new Set(pods.map((p) => key(p.metadata?.namespace, p.metadata?.name)));
  const results: Promise<DrainPodResult>[] = [];
  for (const p of confirmed) {
    if (!here.has(key(p.namespace, p.name))) results.push(Promise.resolve({ ...p, outcome: 'gone' }));
    else results.push(evictOne(session, p.namespace, p.name, deadline, timing));
  }
  for (const p of pods) {
    const { namespace = '', name = '' } = p.metadata ?? {};
    if (evictable(p, options) && !wanted.has(key(namespace, name))) {
      results.push(Promise.resolve({ namespace, name, outcome: 'not-confirmed' }));
    }
  }
  return { cordoned: true, pods: await Promise.all(results) };
}
