// core/v1 Events recorded by controllers and kubelets, aggregated like the client-go recorder: a repeat of the same
// (object, type, reason, message, source) bumps `count` and `lastTimestamp` instead of creating a new Event.
import { timestamp } from '../store/names.js';
import type { EventSource, KubeObject } from '../types.js';
import type { Registry } from './registry.js';

function kindToApiVersion(registry: Registry, kind: string, apiVersion: string | undefined): string {
  if (apiVersion) return apiVersion;
  const d = registry.kinds.stored().find((r) => r.kind === kind);
  return d ? (d.group ? `${d.group}/${d.version}` : d.version) : 'v1';
}

export class EventRecorder {
  /** Aggregation key -> event name (namespace is part of the key). */
  private readonly seen = new Map<string, { namespace: string; name: string }>();
  private sequence = 0;

  constructor(
    private readonly registry: Registry,
    private readonly clock: () => number,
  ) {}

  record(involved: KubeObject, type: 'Normal' | 'Warning', reason: string, message: string, source: EventSource): void {
    const namespace = involved.metadata.namespace ?? 'default';
    const key = [
      involved.metadata.uid,
      type,
      reason,
      message,
      source.component,
      source.host ?? '',
      source.fieldPath ?? '',
    ].join('\u0000');
    const now = timestamp(this.clock());
    const existing = this.seen.get(key);
    if (existing) {
      const current = this.registry.store.get('events', existing.namespace, existing.name);
      if (current) {
        this.registry.update('events', {
          ...current,
          count: (typeof current.count === 'number' ? current.count : 1) + 1,
          lastTimestamp: now,
          metadata: { ...current.metadata, resourceVersion: '' },
        });
        return;
      }
    }
    // Like the client-go recorder: the suffix is the time in hex nanoseconds, so names sort in recording order.
    this.sequence = (this.sequence + 1) % 1_000_000;
    const nanos = BigInt(this.clock()) * 1_000_000n + BigInt(this.sequence);
    const name = `${involved.metadata.name}.${nanos.toString(16)}`;
    const involvedObject: Record<string, unknown> = {
      kind: involved.kind,
      namespace: involved.metadata.namespace,
      name: involved.metadata.name,
      uid: involved.metadata.uid,
      apiVersion: kindToApiVersion(this.registry, involved.kind, involved.apiVersion),
      resourceVersion: involved.metadata.resourceVersion,
    };
    if (source.fieldPath) involvedObject.fieldPath = source.fieldPath;
    const eventSource: Record<string, string> = { component: source.component };
    if (source.host) eventSource.host = source.host;
    this.registry.create('events', {
      apiVersion: 'v1',
      kind: 'Event',
      metadata: { name, namespace, uid: '', resourceVersion: '', creationTimestamp: '' },
      involvedObject,
      reason,
      message,
      source: eventSource,
      firstTimestamp: now,
      lastTimestamp: now,
      count: 1,
      type,
      eventTime: null,
      reportingComponent: source.component,
      reportingInstance: source.host ?? '',
    });
    this.seen.set(key, { namespace, name });
    // Bound the aggregation map: the oldest keys go first (Map keeps insertion order).
    if (this.seen.size > 4096) {
      const first = this.seen.keys().next();
      if (!first.done) this.seen.delete(first.value);
    }
  }
}
