import type { Projection } from './source.js';
import { isRecord } from '../../../common/guards.js';
import { identityOf } from './identity.js';

// The Warning events that explain a stuck DaemonSet where its pods' status cannot: FailedCreate (the controller's;
// no pod exists), FailedMount (the kubelet's; the pod only says ContainerCreating) and Unhealthy (a readiness probe
// failing; the pod only says not ready). The list page watches them per namespace with `type=Warning` while a
// DaemonSet there is not settled, keeping only these reasons and only the fields read here.

export const EXPLAINING_REASONS = new Set(['FailedCreate', 'FailedMount', 'FailedAttachVolume', 'Unhealthy']);

export interface WarningEvent {
  metadata: ReturnType<typeof identityOf>;
  reason: string;
  message: string;
  /** The object it is about: a DaemonSet (FailedCreate) or a pod. */
  involvedUid: string;
  /** When it was last seen (RFC 3339), whichever of the core and events.k8s.io timestamps the writer filled. */
  lastSeen: string;
}

const text = (value: unknown): string => (typeof value === 'string' ? value : '');

/** An event as the API sends it → the fields read here; undefined for any other event. */
export function toWarningEvent(raw: unknown, allReasons = false): WarningEvent | undefined {
  if (!isRecord(raw) || !isRecord(raw.metadata)) return undefined;
  const reason = text(raw.reason);
  if (text(raw.type) !== 'Warning' || (!allReasons && !EXPLAINING_REASONS.has(reason))) return undefined;
  const meta = raw.metadata;
  const involved = isRecord(raw.involvedObject) ? raw.involvedObject : {};
  const series = isRecord(raw.series) ? raw.series : {};
  return {
    metadata: identityOf(meta),
    reason,
    message: text(raw.message),
    involvedUid: text(involved.uid),
    lastSeen:
      text(raw.lastTimestamp) ||
      text(series.lastObservedTime) ||
      text(raw.eventTime) ||
      text(raw.firstTimestamp) ||
      text(meta.creationTimestamp),
  };
}

/** Events by the uid of the object they are about, newest first. */
export function eventsByObject(events: Iterable<WarningEvent>): Map<string, WarningEvent[]> {
  const byUid = new Map<string, WarningEvent[]>();
  for (const event of events) {
    if (event.involvedUid === '') continue;
    const list = byUid.get(event.involvedUid) ?? [];
    list.push(event);
    byUid.set(event.involvedUid, list);
  }
  for (const list of byUid.values()) list.sort((a, b) => b.lastSeen.localeCompare(a.lastSeen));
  return byUid;
}

/** The list page's Warning events: watched with `type=Warning` (warningEventScope), only the explaining reasons kept. */
export const warningEvent: Projection<WarningEvent> = {
  name: 'warning',
  project: (raw) => toWarningEvent(raw),
  // Found by the object they are about: a DaemonSet's refresh reads its own events, not the namespace's.
  index: (event) => (event.involvedUid === '' ? [] : [event.involvedUid]),
};

export const warningEventScope = (namespace: string) => ({ namespace, fieldSelector: 'type=Warning' });
