import { describe, expect, it } from 'vitest';
import type { DetailEvent, DetailPod } from '../../../../electron/contract/detail-dto';
import { groupEvents } from '../../../../renderer/detail/event-groups';

const pod = (name: string, node: string) => ({ name, node }) as DetailPod;
const pods = [pod('agent-x7k2p', 'worker-1'), pod('agent-b4c9d', 'worker-2'), pod('agent-qq5zt', 'worker-10')];
let uid = 0;
function event(object: string, reason: string, message: string, at: string, extra: Partial<DetailEvent> = {}) {
  const kind = object === 'agent' ? 'DaemonSet' : 'Pod';
  return {
    uid: `e${uid++}`,
    type: 'Warning',
    reason,
    message,
    object: { kind, name: object },
    count: 1,
    firstSeen: at,
    lastSeen: at,
    ...extra,
  } satisfies DetailEvent;
}

describe('grouped events', () => {
  it('one error on several pods is one group with its count, first and last seen, and the nodes concerned', () => {
    const pull = 'Back-off pulling image "busybox:nope"';
    const groups = groupEvents(
      [
        event('agent-x7k2p', 'BackOff', pull, '2026-01-01T10:05:00Z', { count: 4, firstSeen: '2026-01-01T10:00:00Z' }),
        event('agent-b4c9d', 'BackOff', pull, '2026-01-01T10:06:00Z', { count: 3, firstSeen: '2026-01-01T10:01:00Z' }),
        event('agent-qq5zt', 'BackOff', pull, '2026-01-01T10:04:00Z'),
        event('agent-gone1', 'BackOff', pull, '2026-01-01T09:59:00Z'),
        event('agent-x7k2p', 'Pulling', 'Pulling image "busybox:nope"', '2026-01-01T10:07:00Z', { type: 'Normal' }),
      ],
      pods,
      'agent',
    );
    expect(groups.map((g) => [g.reason, g.count, g.events.length])).toEqual([
      ['Pulling', 1, 1],
      ['BackOff', 9, 4],
    ]);
    const backOff = groups[1];
    expect(backOff?.firstSeen).toBe('2026-01-01T09:59:00Z');
    expect(backOff?.lastSeen).toBe('2026-01-01T10:06:00Z');
    // A pod already gone counts, but has no node to name.
    expect(backOff?.pods).toEqual(['agent-b4c9d', 'agent-gone1', 'agent-qq5zt', 'agent-x7k2p']);
    expect(backOff?.nodes).toEqual(['worker-1', 'worker-10', 'worker-2']);
    expect(backOff?.message).toBe(pull);
  });

  it('normalises pod and node names in messages, so the DaemonSet’s own events and the scheduler’s group too', () => {
    const groups = groupEvents(
      [
        event('agent', 'SuccessfulCreate', 'Created pod: agent-x7k2p', '2026-01-01T10:00:00Z'),
        event('agent', 'SuccessfulCreate', 'Created pod: agent-b4c9d', '2026-01-01T10:00:01Z'),
        event(
          'agent-x7k2p',
          'Scheduled',
          'Successfully assigned default/agent-x7k2p to worker-1',
          '2026-01-01T10:00:02Z',
        ),
        event(
          'agent-qq5zt',
          'Scheduled',
          'Successfully assigned default/agent-qq5zt to worker-10',
          '2026-01-01T10:00:03Z',
        ),
      ],
      pods,
      'agent',
    );
    expect(groups.map((g) => [g.reason, g.message, g.nodes])).toEqual([
      ['Scheduled', 'Successfully assigned default/<pod> to <node>', ['worker-1', 'worker-10']],
      ['SuccessfulCreate', 'Created pod: <pod>', ['worker-1', 'worker-2']],
    ]);
  });

  it('groups the kubelet’s messages, which name a pod as name_namespace(uid)', () => {
    const backOff = (name: string, id: string) =>
      `Back-off restarting failed container main in pod ${name}_default(${id})`;
    const groups = groupEvents(
      [
        event('agent-x7k2p', 'BackOff', backOff('agent-x7k2p', '70306cde-70d0-405f'), '2026-01-01T10:00:00Z'),
        event('agent-b4c9d', 'BackOff', backOff('agent-b4c9d', 'f51753f7-cca7-4277'), '2026-01-01T10:00:01Z'),
      ],
      pods,
      'agent',
    );
    expect(groups.map((g) => [g.message, g.pods])).toEqual([
      ['Back-off restarting failed container main in pod <pod>', ['agent-b4c9d', 'agent-x7k2p']],
    ]);
  });

  it('keeps apart what differs in type, reason or the rest of the message, and shows one pod’s message as it is', () => {
    const groups = groupEvents(
      [
        event('agent-x7k2p', 'Failed', 'Error: ErrImagePull', '2026-01-01T10:00:00Z'),
        event('agent-b4c9d', 'Failed', 'Error: ImagePullBackOff', '2026-01-01T10:00:01Z'),
        event('agent-b4c9d', 'Failed', 'Error: ImagePullBackOff', '2026-01-01T10:00:02Z', { type: 'Normal' }),
        event('agent', 'FailedCreate', 'Error creating: pods "agent-x7k2p" is forbidden', '2026-01-01T10:00:03Z'),
      ],
      pods,
      'agent',
    );
    expect(groups).toHaveLength(4);
    expect(groups[0]?.message).toBe('Error creating: pods "agent-x7k2p" is forbidden');
    expect(groupEvents([], pods, 'agent')).toEqual([]);
  });
});
