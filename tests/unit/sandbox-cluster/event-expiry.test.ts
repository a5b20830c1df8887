import { builtinKinds } from '../../../electron/sandbox-cluster/kinds/builtins.js';
import { KindCatalog } from '../../../electron/sandbox-cluster/kinds/catalog.js';
import { describe, expect, it, vi } from 'vitest';
import { expireEvents, startEventExpiry } from '../../../electron/sandbox-cluster/registry/event-expiry.js';
import { EventRecorder } from '../../../electron/sandbox-cluster/registry/events.js';
import { Registry } from '../../../electron/sandbox-cluster/registry/registry.js';
import { ObjectStore } from '../../../electron/sandbox-cluster/store/store.js';
import type { KubeObject } from '../../../electron/sandbox-cluster/types.js';

const MINUTE = 60_000;
const T0 = Date.parse('2026-01-01T00:00:00Z');

function setup(clock: () => number): { registry: Registry; recorder: EventRecorder } {
  const registry = new Registry(new ObjectStore(), clock, new KindCatalog(builtinKinds()));
  registry.create('namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'team-a' } } as KubeObject);
  return { registry, recorder: new EventRecorder(registry, clock) };
}

function pod(name: string): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: 'team-a', uid: `uid-${name}`, resourceVersion: '1', creationTimestamp: '' },
  };
}

const reasons = (registry: Registry): string[] =>
  registry.store
    .list('events')
    .map((e) => String(e.reason))
    .sort();

describe('event expiry', () => {
  it('removes Events an hour after their last update, and a repeat renews the hour', () => {
    let now = T0;
    const { registry, recorder } = setup(() => now);
    const source = { component: 'kubelet' };
    recorder.record(pod('a'), 'Normal', 'Pulling', 'Pulling image "x"', source);
    now = T0 + 30 * MINUTE;
    recorder.record(pod('b'), 'Warning', 'BackOff', 'Back-off pulling image "y"', source);
    now = T0 + 40 * MINUTE;
    recorder.record(pod('a'), 'Normal', 'Pulling', 'Pulling image "x"', source);

    now = T0 + 89 * MINUTE;
    expect(expireEvents(registry, now)).toBe(0);
    now = T0 + 95 * MINUTE;
    expect(expireEvents(registry, now)).toBe(1);
    expect(reasons(registry)).toEqual(['Pulling']);
    now = T0 + 100 * MINUTE;
    expect(expireEvents(registry, now)).toBe(1);
    expect(registry.store.count('events')).toBe(0);
  });

  it('keeps at most maxEvents, dropping the least recently updated first', () => {
    let now = T0;
    const { registry, recorder } = setup(() => now);
    for (const [i, reason] of ['First', 'Second', 'Third', 'Fourth', 'Fifth'].entries()) {
      now = T0 + i * MINUTE;
      recorder.record(pod(`p${i}`), 'Normal', reason, `event ${i}`, { component: 'test' });
    }
    expect(expireEvents(registry, now, { maxEvents: 3 })).toBe(2);
    expect(reasons(registry)).toEqual(['Fifth', 'Fourth', 'Third']);
  });

  it('expires on its own tick with a short TTL, and watchers see DELETED', async () => {
    const { registry, recorder } = setup(() => Date.now());
    const deleted: string[] = [];
    registry.store.subscribe((e) => {
      if (e.resource === 'events' && e.type === 'DELETED') deleted.push(String(e.object.reason));
    });
    recorder.record(pod('a'), 'Warning', 'Failed', 'Error: ErrImagePull', { component: 'kubelet' });
    const stop = startEventExpiry(registry, () => Date.now(), { ttlMs: 100 });
    try {
      await vi.waitFor(() => expect(deleted).toEqual(['Failed']), { timeout: 2000, interval: 20 });
      expect(registry.store.count('events')).toBe(0);
    } finally {
      stop();
    }
  });
});
