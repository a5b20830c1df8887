import { describe, expect, it } from 'vitest';
import type { PodObject } from '../../../electron/backend/kinds/objects.js';
import type { WarningEvent } from '../../../electron/backend/kinds/warning-event.js';
import { DetailPodCache } from '../../../electron/backend/live/detail-pod-cache.js';

// A DaemonSet pod as the controller and kubelet leave it: bound to its node, Ready since `readySince`.
function pod(name: string, node: string, version: string, readySince?: string): PodObject {
  return {
    metadata: { name, namespace: 'logging', uid: `uid-${name}`, resourceVersion: version },
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

describe('DetailPodCache', () => {
  it('converts a pod again only when its resourceVersion changed, and keeps the list when nothing did', () => {
    const cache = new DetailPodCache();
    const a = pod('agent-a', 'node-2', '10', '2026-12-06T00:00:00Z');
    const b = pod('agent-b', 'node-1', '11', '2026-12-06T00:00:00Z');
    const first = cache.convert([a, b], 0, NOW, none);
    expect(first.map((p) => p.node)).toEqual(['node-1', 'node-2']);
    expect(cache.convert([a, b], 0, NOW, none)).toBe(first);

    const b2 = pod('agent-b', 'node-1', '12');
    const second = cache.convert([a, b2], 0, NOW, none);
    expect(second).not.toBe(first);
    expect(second[1]).toBe(first[1]);
    expect(second[0]).not.toBe(first[0]);
    expect(second[0]?.ready).toBe(false);
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
    const [before] = cache.convert([stuck], 0, NOW, none);
    expect(before?.problem?.reason).toBe('ImagePullBackOff');
    expect(cache.problemOf('uid-agent-a')).toBe(before?.problem);
    const events = new Map([['uid-agent-a', [] as WarningEvent[]]]);
    const [after] = cache.convert([stuck], 0, NOW, events);
    expect(after).not.toBe(before);
    expect(after).toEqual(before);
  });

  it('looks again at a pod Ready but not yet available, by the clock alone', () => {
    const cache = new DetailPodCache();
    const ready = pod('agent-a', 'node-1', '10', '2026-12-06T23:59:50Z');
    const [early] = cache.convert([ready], 30, NOW, none);
    expect(early?.available).toBe(false);
    expect(cache.convert([ready], 30, NOW + 5_000, none)[0]).toBe(early);
    const [later] = cache.convert([ready], 30, NOW + 25_000, none);
    expect(later?.available).toBe(true);
  });

  it('forgets pods that are gone', () => {
    const cache = new DetailPodCache();
    const a = pod('agent-a', 'node-1', '10');
    cache.convert([a, pod('agent-b', 'node-2', '11')], 0, NOW, none);
    expect(cache.convert([a], 0, NOW, none).map((p) => p.name)).toEqual(['agent-a']);
    expect(cache.problemOf('uid-agent-b')).toBeUndefined();
  });
});
