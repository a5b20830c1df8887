import { nodeOf } from './pod-issues.js';
import type { DetailContainer, DetailEvent, DetailPod, DetailRevision, PodProblem } from '../../contract/index.js';
import type { Container, ControllerRevisionObject, EventObject, PodObject } from '../kinds/objects.js';
import { isRecord } from '../../../common/guards.js';

// Cluster objects, as the API sends them (timestamps are strings), -> the detail page's DTOs.

export const REVISION_HASH = 'controller-revision-hash';
export const CHANGE_CAUSE = 'kubernetes.io/change-cause';

function container(
  status: NonNullable<PodObject['status']>['containerStatuses'],
  name: string,
  image: string,
  declared: Container['ports'] = [],
) {
  const s = status?.find((c) => c.name === name);
  const result: DetailContainer = {
    name,
    image: s?.image && s.image !== '' ? s.image : image,
    state: 'unknown',
    ready: s?.ready === true,
    restarts: s?.restartCount ?? 0,
  };
  // Issue 16: the ports a forward can start from (UDP and SCTP ones cannot be forwarded).
  const ports = declared
    .filter((p) => typeof p.containerPort === 'number' && (p.protocol ?? 'TCP') === 'TCP')
    .map((p) => (p.name ? { port: p.containerPort ?? 0, name: p.name } : { port: p.containerPort ?? 0 }));
  if (ports.length > 0) result.ports = ports;
  const { waiting, running, terminated } = s?.state ?? {};
  if (waiting) {
    result.state = 'waiting';
    if (waiting.reason) result.reason = waiting.reason;
    if (waiting.message) result.message = waiting.message;
  } else if (running) result.state = 'running';
  else if (terminated) {
    result.state = 'terminated';
    result.reason = terminated.reason ?? (terminated.exitCode === 0 ? 'Completed' : 'Error');
    if (terminated.message) result.message = terminated.message;
  }
  return result;
}

/** Ready for at least minReadySeconds, measured from the Ready condition's last transition. */
export function isAvailable(pod: PodObject, minReadySeconds: number, now: number): boolean {
  const ready = pod.status?.conditions?.find((c) => c.type === 'Ready');
  if (ready?.status !== 'True') return false;
  if (minReadySeconds <= 0) return true;
  const since = Date.parse(ready.lastTransitionTime ?? '');
  return Number.isFinite(since) && since + minReadySeconds * 1000 <= now;
}

export function toDetailPod(pod: PodObject, minReadySeconds: number, now: number, problem?: PodProblem): DetailPod {
  const statuses = pod.status?.containerStatuses;
  const containers = (pod.spec?.containers ?? []).map((c) => container(statuses, c.name, c.image ?? '', c.ports));
  const initStatuses = pod.status?.initContainerStatuses;
  // An init container still waiting or failing is what holds the pod up: show it first.
  const inits = (pod.spec?.initContainers ?? [])
    .map((c) => container(initStatuses, c.name, c.image ?? ''))
    .filter((c) => c.state === 'waiting' || (c.state === 'terminated' && c.reason !== 'Completed'));
  const detail: DetailPod = {
    name: pod.metadata?.name ?? '',
    uid: pod.metadata?.uid ?? '',
    node: nodeOf(pod) ?? '',
    bound: Boolean(pod.spec?.nodeName),
    phase: pod.status?.phase ?? 'Pending',
    ready: pod.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') === true,
    available: isAvailable(pod, minReadySeconds, now),
    restarts: containers.reduce((sum, c) => sum + c.restarts, 0),
    revisionHash: pod.metadata?.labels?.[REVISION_HASH] ?? '',
    createdAt: pod.metadata?.creationTimestamp ?? '',
    deleting: pod.metadata?.deletionTimestamp !== undefined && pod.metadata.deletionTimestamp !== null,
    containers: [...inits, ...containers],
  };
  if (problem) detail.problem = problem;
  return detail;
}

export function toDetailEvent(event: EventObject): DetailEvent {
  const meta = event.metadata ?? {};
  const lastSeen =
    event.lastTimestamp ||
    event.series?.lastObservedTime ||
    event.eventTime ||
    event.firstTimestamp ||
    meta.creationTimestamp ||
    '';
  return {
    uid: meta.uid ?? `${meta.namespace ?? ''}/${meta.name ?? ''}`,
    type: event.type ?? 'Normal',
    reason: event.reason ?? '',
    message: event.message ?? '',
    object: { kind: event.involvedObject?.kind ?? '', name: event.involvedObject?.name ?? '' },
    count: event.series?.count ?? event.count ?? 1,
    firstSeen: event.firstTimestamp || event.eventTime || meta.creationTimestamp || lastSeen,
    lastSeen,
  };
}

/** The template a revision recorded: `data.spec.template` without the `$patch` directive. */
export function revisionTemplate(revision: ControllerRevisionObject): Record<string, unknown> {
  const data: unknown = revision.data;
  const spec = isRecord(data) ? data.spec : undefined;
  const template = isRecord(spec) ? spec.template : undefined;
  if (!isRecord(template)) return {};
  const copy: Record<string, unknown> = { ...template };
  delete copy.$patch;
  return copy;
}

export function toDetailRevision(revision: ControllerRevisionObject): DetailRevision {
  const meta = revision.metadata ?? {};
  const result: DetailRevision = {
    name: meta.name ?? '',
    revision: revision.revision ?? 0,
    hash: meta.labels?.[REVISION_HASH] ?? '',
    createdAt: meta.creationTimestamp ?? '',
    template: revisionTemplate(revision),
  };
  const cause = meta.annotations?.[CHANGE_CAUSE];
  if (cause) result.changeCause = cause;
  return result;
}
