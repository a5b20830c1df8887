import { describe, expect, it } from 'vitest';
import type { PodObject } from '../../../electron/backend/kinds/objects.js';
import type { WarningEvent } from '../../../electron/backend/kinds/warning-event.js';
import { DetailPodCache, type PodJudgement } from '../../../electron/backend/live/detail-pod-cache.js';

const OWNER = 'ds-uid';

// A DaemonSet pod as the controller and kubelet leave it: bound to its node, Ready since `readySince`.
function pod(name: string, node: string, version: string, readySince?: string, owner = OWNER): PodObject {
  return {
    metadata: {
      name,
      namespace: 'logging',
      uid: `uid-${name}`,
      resourceVersion: version,
      ownerReferences: [{ apiVersion: 'apps/v1', kind: 'DaemonSet', name: 'agent', uid: owner, controller: true }],
    },
    spec: { nodeName: node, containers: [{ name: 'agent', image: 'agent:1' }] },
    status: {
      phase: 'Running',
      conditions: readySince ? [{ type: 'Ready', status: 'True', lastTransitionTime: readySince }] : [],
      containerStatuses: [
        { name: 'agent', image: 'agent:1', imageID: '', ready: !!readySince, restartCount: 0, state: { running: {} } },
      ],
    },
  };
}

const NOW = Date.parse('2026-12-07T00:00:00Z');
const none = new Map<string, WarningEvent[]>();
const READY = '2026-12-06T00:00:00Z';

/** An informer's cache holding `pods`, as the cache reads it. */
const source = (pods: PodObject[]) => {
  const byKey = new Map(pods.map((p) => [`logging/${p.metadata?.name ?? ''}`, p]));
  return { get: (key: string) => byKey.get(key), snapshot: () => [...byKey.values()] };
};
const judgement = (over: Partial<PodJudgement> = {}): PodJudgement => ({
  owner: OWNER,
  minReady: 0,
  now: NOW,
  warnings: none,
  ...over,
});

describe('DetailPodCache', () => {
  it('converts a pod again only when its resourceVersion changed, and keeps the list when nothing did', () => {
    const cache = new DetailPodCache();
    const a = pod('agent-a', 'node-2', '10', READY);
    const b = pod('agent-b', 'node-1', '11', READY);
    const change = cache.update(judgement(), 'all', source([a, b]));
    const first = cache.pods();
    expect(first.map((p) => p.node)).toEqual(['node-1', 'node-2']);
    expect(change.set.map((p) => p.name).sort()).toEqual(['agent-a', 'agent-b']);
    expect(cache.update(judgement(), 'all', source([a, b]))).toEqual({ set: [], removed: [] });
    expect(cache.pods()).toBe(first);

    const b2 = pod('agent-b', 'node-1', '12');
    const second = cache.update(judgement(), ['logging/agent-b'], source([a, b2]));
    expect(second.set.map((p) => p.name)).toEqual(['agent-b']);
    expect(cache.pods()).not.toBe(first);
    expect(cache.pods()[1]).toBe(first[1]);
    expect(cache.pods()[0]?.ready).toBe(false);
  });

  it('looks only at the pods it is told of, and at every pod when told all', () => {
    const cache = new DetailPodCache();
    const a = pod('agent-a', 'node-1', '10', READY);
    cache.update(judgement(), 'all', source([a]));
    const a2 = pod('agent-a', 'node-1', '11');
    // The informer has not reported it: what the page shows stays.
    expect(cache.update(judgement(), [], source([a2]))).toEqual({ set: [], removed: [] });
    expect(cache.pods()[0]?.ready).toBe(true);
    // A relist: every pod is looked at.
    expect(cache.update(judgement(), 'all', source([a2])).set.map((p) => p.ready)).toEqual([false]);
  });

  it('sorts again when a pod comes, goes or moves, and says which went by name', () => {
    const cache = new DetailPodCache();
    const a = pod('agent-a', 'node-2', '10', READY);
    const b = pod('agent-b', 'node-3', '11', READY);
    cache.update(judgement(), 'all', source([a, b]));
    const c = pod('agent-c', 'node-1', '12', READY);
    const change = cache.update(judgement(), ['logging/agent-b', 'logging/agent-c'], source([a, c]));
    expect(change.removed).toEqual(['agent-b']);
    expect(change.set.map((p) => p.name)).toEqual(['agent-c']);
    expect(cache.pods().map((p) => p.name)).toEqual(['agent-c', 'agent-a']);
    expect(cache.owns('uid-agent-b')).toBe(false);
    expect(cache.owns('uid-agent-c')).toBe(true);
  });

  it('leaves out pods the DaemonSet does not control, though the selector matches them', () => {
    const cache = new DetailPodCache();
    const stranger = pod('stranger', 'node-1', '10', READY, 'other-uid');
    const change = cache.update(judgement(), 'all', source([stranger, pod('agent-a', 'node-1', '11', READY)]));
    expect(change.set.map((p) => p.name)).toEqual(['agent-a']);
    expect(cache.objects().map((p) => p.metadata?.name)).toEqual(['agent-a']);
  });

  it('judges a pod again when its Warning events change, and gives its problem to the issues', () => {
    const cache = new DetailPodCache();
    const stuck = pod('agent-a', 'node-1', '10');
    stuck.status = {
      phase: 'Pending',
      containerStatuses: [
        {
          name: 'agent',
          image: 'agent:1',
          imageID: '',
          ready: false,
          restartCount: 0,
          state: { waiting: { reason: 'ImagePullBackOff', message: 'Back-off pulling image "agent:1"' } },
        },
      ],
    };
    const ok = pod('agent-b', 'node-2', '11', READY);
    cache.update(judgement(), 'all', source([stuck, ok]));
    const [before] = cache.pods();
    expect(before?.problem?.reason).toBe('ImagePullBackOff');
    expect(cache.problemOf('uid-agent-a')).toBe(before?.problem);
    expect(cache.objects(true).map((p) => p.metadata?.name)).toEqual(['agent-a']);
    // New Warning events for agent-a only: it is judged again though the informer reported nothing.
    const events = new Map([['uid-agent-a', [] as WarningEvent[]]]);
    const change = cache.update(judgement({ warnings: events }), [], source([stuck, ok]));
    expect(change.set.map((p) => p.name)).toEqual(['agent-a']);
    expect(cache.pods()[0]).not.toBe(before);
    expect(cache.pods()[0]).toEqual(before);
  });

  it('looks again at a pod Ready but not yet available, by the clock alone', () => {
    const cache = new DetailPodCache();
    const ready = pod('agent-a', 'node-1', '10', '2026-12-06T23:59:50Z');
    cache.update(judgement({ minReady: 30 }), 'all', source([ready]));
    const [early] = cache.pods();
    expect(early?.available).toBe(false);
    expect(cache.waitingOnClock()).toBe(true);
    expect(cache.update(judgement({ minReady: 30, now: NOW + 5_000 }), [], source([ready])).set).toEqual([]);
    expect(cache.pods()[0]).toBe(early);
    cache.update(judgement({ minReady: 30, now: NOW + 25_000 }), [], source([ready]));
    expect(cache.pods()[0]?.available).toBe(true);
    expect(cache.waitingOnClock()).toBe(false);
  });

  it('judges every pod again when minReadySeconds changes', () => {
    const cache = new DetailPodCache();
    const ready = pod('agent-a', 'node-1', '10', '2026-12-06T23:59:50Z');
    cache.update(judgement(), 'all', source([ready]));
    expect(cache.pods()[0]?.available).toBe(true);
    cache.update(judgement({ minReady: 30 }), [], source([ready]));
    expect(cache.pods()[0]?.available).toBe(false);
  });

  it('forgets pods that are gone', () => {
    const cache = new DetailPodCache();
    const a = pod('agent-a', 'node-1', '10');
    cache.update(judgement(), 'all', source([a, pod('agent-b', 'node-2', '11')]));
    expect(cache.update(judgement(), 'all', source([a])).removed).toEqual(['agent-b']);
    expect(cache.pods().map((p) => p.name)).toEqual(['agent-a']);
    expect(cache.problemOf('uid-agent-b')).toBeUndefined();
  });
});
