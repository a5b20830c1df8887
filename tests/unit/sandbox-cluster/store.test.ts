import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { generateName } from '../../../electron/sandbox-cluster/store/names.js';
import { loadState, persistStore } from '../../../electron/sandbox-cluster/store/persistence.js';
import { ObjectStore } from '../../../electron/sandbox-cluster/store/store.js';
import type { KubeObject } from '../../../electron/sandbox-cluster/types.js';

function configMap(store: ObjectStore, name: string, data = '1'): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name, namespace: 'ns', uid: name, resourceVersion: String(store.nextRv()), creationTimestamp: '' },
    data: { v: data },
  };
}

const dirs: string[] = [];
afterEach(() => {
  vi.useRealTimers();
  while (dirs.length) rmSync(dirs.pop() ?? '', { recursive: true, force: true });
});

describe('object store', () => {
  it('gives every commit the next resourceVersion across resources', () => {
    const store = new ObjectStore();
    const a = store.commit('ADDED', 'configmaps', configMap(store, 'a'));
    const b = store.commit('ADDED', 'secrets', { ...configMap(store, 'b'), kind: 'Secret' });
    expect(b.rv).toBe(a.rv + 1);
    expect(store.currentRv()).toBe(b.rv);
  });

  it('lists in namespace/name order and filters by namespace', () => {
    const store = new ObjectStore();
    for (const n of ['c', 'a', 'b']) store.commit('ADDED', 'configmaps', configMap(store, n));
    store.commit('ADDED', 'configmaps', {
      ...configMap(store, 'z'),
      metadata: { ...configMap(store, 'z').metadata, namespace: 'aaa' },
    });
    expect(store.list('configmaps').map((o) => o.metadata.name)).toEqual(['z', 'a', 'b', 'c']);
    expect(store.list('configmaps', 'ns').map((o) => o.metadata.name)).toEqual(['a', 'b', 'c']);
  });

  it('replays the events after a version from history', () => {
    const store = new ObjectStore();
    const first = store.commit('ADDED', 'configmaps', configMap(store, 'a'));
    store.commit('MODIFIED', 'configmaps', configMap(store, 'a', '2'));
    store.commit('DELETED', 'configmaps', configMap(store, 'a', '2'));
    const result = store.eventsSince('configmaps', first.rv);
    expect(result.expired).toBe(false);
    if (!result.expired) expect(result.events.map((e) => e.type)).toEqual(['MODIFIED', 'DELETED']);
  });

  it('expires versions older than the bounded history', () => {
    const store = new ObjectStore(10);
    for (let i = 0; i < 30; i++) store.commit('MODIFIED', 'configmaps', configMap(store, 'a', String(i)));
    const old = store.eventsSince('configmaps', 2);
    expect(old.expired).toBe(true);
    const recent = store.eventsSince('configmaps', store.currentRv() - 5);
    expect(recent.expired).toBe(false);
    if (!recent.expired) expect(recent.events).toHaveLength(5);
  });

  it('expires every earlier version after a compaction, but not the current one', () => {
    const store = new ObjectStore();
    store.commit('ADDED', 'configmaps', configMap(store, 'a'));
    const before = store.currentRv();
    store.compact();
    expect(store.eventsSince('configmaps', before).expired).toBe(true);
    expect(store.eventsSince('configmaps', store.currentRv()).expired).toBe(false);
    expect(store.eventsSince('pods', before).expired).toBe(true);
  });

  it('does not expire versions of resources that never had events dropped', () => {
    const store = new ObjectStore();
    store.commit('ADDED', 'configmaps', configMap(store, 'a'));
    expect(store.eventsSince('pods', 0).expired).toBe(false);
  });
});

describe('generated names', () => {
  it('appends five characters from the apimachinery alphabet', () => {
    for (let i = 0; i < 50; i++) expect(generateName('web-')).toMatch(/^web-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
  });
});

describe('persistence', () => {
  it('writes atomically within a second and restores the same state', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sandbox-store-'));
    dirs.push(dir);
    const store = new ObjectStore();
    const persistence = persistStore(store, dir);
    store.commit('ADDED', 'configmaps', configMap(store, 'a'));
    store.commit('ADDED', 'configmaps', configMap(store, 'b'));
    await new Promise((r) => setTimeout(r, 1200));
    expect(readdirSync(dir)).toEqual(['state.json']);
    persistence.stop();
    const restored = new ObjectStore();
    expect(loadState(restored, dir)).toBe(true);
    expect(restored.currentRv()).toBe(store.currentRv());
    expect(restored.list('configmaps').map((o) => o.metadata.name)).toEqual(['a', 'b']);
    // History does not survive a restart: resuming from before it must relist.
    expect(restored.eventsSince('configmaps', 1).expired).toBe(true);
  });
});

describe('notification order', () => {
  it('delivers a change committed by a subscriber after the current one, to every subscriber', () => {
    const store = new ObjectStore();
    const first: number[] = [];
    const second: number[] = [];
    store.subscribe((e) => {
      first.push(e.rv);
      if (e.object.metadata.name === 'a') store.commit('ADDED', 'configmaps', configMap(store, 'b'));
    });
    store.subscribe((e) => second.push(e.rv));
    store.commit('ADDED', 'configmaps', configMap(store, 'a'));
    expect(first).toEqual([1, 2]);
    expect(second).toEqual([1, 2]);
  });

  it('keeps notifying the others when a subscriber throws', () => {
    const store = new ObjectStore();
    const seen: number[] = [];
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    store.subscribe(() => {
      throw new Error('boom');
    });
    store.subscribe((e) => seen.push(e.rv));
    store.commit('ADDED', 'configmaps', configMap(store, 'a'));
    expect(seen).toEqual([1]);
    expect(error).toHaveBeenCalledOnce();
    error.mockRestore();
  });
});
