// Events do not live forever. A real API server stores each Event under an etcd lease of --event-ttl (1 h by default),
// renewed on every write, so an Event disappears that long after its last update. The sandbox does the same on a
// periodic tick, and also caps how many it keeps (oldest first) so a large or long-running sandbox stays bounded even
// within the hour. Each removal is an ordinary delete: watchers see DELETED, as they do when a lease expires.
import type { KubeObject } from '../types.js';
import type { Registry } from './registry.js';

export const DEFAULT_EVENT_TTL_MS = 60 * 60 * 1000;
export const DEFAULT_MAX_EVENTS = 20_000;
const MAX_TICK_MS = 60_000;

export interface EventExpiryOptions {
  /** How long an Event lives after its last update (default 1 h). */
  ttlMs?: number;
  /** Most Events kept; the least recently updated go first (default 20,000). */
  maxEvents?: number;
}

/** When the Event was last written: aggregation bumps lastTimestamp, as each write renews the real lease. */
function lastUpdate(event: KubeObject): number {
  for (const text of [event.lastTimestamp, event.eventTime, event.metadata.creationTimestamp]) {
    const at = typeof text === 'string' ? Date.parse(text) : NaN;
    if (!Number.isNaN(at)) return at;
  }
  return 0;
}

/** Deletes Events older than the TTL, then the least recently updated beyond the cap; returns how many went. */
export function expireEvents(registry: Registry, now: number, options: EventExpiryOptions = {}): number {
  const ttlMs = options.ttlMs ?? DEFAULT_EVENT_TTL_MS;
  const maxEvents = options.maxEvents ?? DEFAULT_MAX_EVENTS;
  const dated = registry.store.list('events').map((event) => ({ event, at: lastUpdate(event) }));
  const expired = dated.filter((e) => now - e.at >= ttlMs);
  const kept = dated.filter((e) => now - e.at < ttlMs);
  if (kept.length > maxEvents) {
    kept.sort((a, b) => a.at - b.at);
    expired.push(...kept.slice(0, kept.length - maxEvents));
  }
  for (const { event } of expired) {
    try {
      registry.delete('events', event.metadata.namespace, event.metadata.name);
    } catch {
      // Deleted meanwhile by a client: nothing left to expire.
    }
  }
  return expired.length;
}

/** Runs expireEvents periodically (at most every minute, more often for short test TTLs); returns the stop function. */
export function startEventExpiry(
  registry: Registry,
  clock: () => number,
  options: EventExpiryOptions = {},
): () => void {
  const tickMs = Math.max(10, Math.min(MAX_TICK_MS, (options.ttlMs ?? DEFAULT_EVENT_TTL_MS) / 2));
  const timer = setInterval(() => expireEvents(registry, clock(), options), tickMs);
  timer.unref();
  return () => clearInterval(timer);
}
