import { describe, expect, it } from 'vitest';
import type { DaemonSetDelta, LogChunk, StreamEvent, StreamName } from '../../../electron/contract/index.js';
import { AppError } from '../../../electron/backend/errors.js';
import { LiveHub } from '../../../electron/backend/live/hub.js';
import {
  endedDetail,
  endedForward,
  endedMatrix,
  endedNodeView,
  endedPodView,
  endedShell,
} from '../../../electron/backend/live/streams.js';
import type { Producer, StreamSpec, StreamSpecs } from '../../../electron/backend/live/producer.js';
import type { ContextSession } from '../../../electron/backend/session/session.js';
import type { EventSink } from '../../../electron/backend/types.js';
// ---- issue 16: metrics ----
import { metricsStreams } from '../../../electron/backend/metrics/streams.js';
import { defaultTuning } from '../../../electron/backend/types.js';
import type { WatchManager } from '../../../electron/backend/watch/manager.js';

// The hub on its own, with producers that record what the hub does to them (the real producers run against the
// sandbox in tests/integration). Deltas carry a marker in a field of their real shape.

class FakeProducer<D> implements Producer<D> {
  disposed = false;
  picture: D | undefined;

  constructor(
    readonly session: ContextSession,
    readonly args: unknown[],
    readonly emit: (delta: D) => void,
    private readonly refuse: boolean,
  ) {}

  start(): Promise<void> {
    return this.refuse ? Promise.reject(new AppError('invalid-argument', 'container is waiting')) : Promise.resolve();
  }

  current(): D | undefined {
    return this.picture;
  }

  dispose(): void {
    this.disposed = true;
  }
}

const list = (marker: string): DaemonSetDelta => ({ reset: false, upserts: [], removals: [marker], synced: true });
const chunk = (line: string, ended = false): LogChunk => ({ lines: [line], ended });

function setup() {
  const made: { name: StreamName; producer: FakeProducer<unknown> }[] = [];
  const refuse = { logs: false };
  function spec<N extends StreamName>(name: N, shared: boolean, base: Omit<StreamSpec<N>, 'create' | 'shared'>) {
    return {
      ...base,
      shared,
      create: (session, args, emit) => {
        const producer = new FakeProducer(session, args, emit, name === 'logs' && refuse.logs);
        made.push({ name, producer: producer as FakeProducer<unknown> });
        return producer;
      },
    } satisfies StreamSpec<N>;
  }
  const specs: StreamSpecs = {
    daemonSets: spec('daemonSets', true, { onNewSession: 'restart', ended: (message) => list(`ended: ${message}`) }),
    daemonSetDetail: spec('daemonSetDetail', true, { onNewSession: 'restart', ended: endedDetail }),
    coverage: spec('coverage', true, { onNewSession: 'restart', ended: endedMatrix }),
    logs: spec('logs', false, {
      onNewSession: 'end',
      ended: (message) => chunk(message, true),
      isLast: (c) => c.ended,
    }),
    exec: spec('exec', false, { onNewSession: 'end', ended: endedShell, isLast: (c) => c.end !== undefined }),
    nodeView: spec('nodeView', true, { onNewSession: 'restart', ended: endedNodeView }),
    podView: spec('podView', true, { onNewSession: 'restart', ended: endedPodView }),
    forward: spec('forward', false, { onNewSession: 'end', ended: endedForward, isLast: (s) => s.end !== undefined }),
    // ---- issue 16: metrics (not exercised here; the table needs every stream) ----
    ...metricsStreams({ manager: {} as WatchManager, tuning: defaultTuning }),
  };
  const sessions = new Map<string, ContextSession>([
    ['a', { name: 'a' } as ContextSession],
    ['b', { name: 'b' } as ContextSession],
  ]);
  const hub = new LiveHub(specs, (context) => {
    const session = sessions.get(context);
    return session ? Promise.resolve(session) : Promise.reject(new AppError('unreachable', 'not connected'));
  });
  return { hub, made, refuse, sessions };
}

function client() {
  const got: StreamEvent[] = [];
  const sink: EventSink = {
    emit: (event, payload) => {
      if (event === 'onDidReceiveDelta') got.push(payload as StreamEvent);
    },
  };
  return { sink, got, markers: (id: string) => got.filter((e) => e.streamId === id).map((e) => marker(e)) };
}

function marker(event: StreamEvent): string {
  const delta = event.delta as Partial<DaemonSetDelta & LogChunk>;
  return (delta.removals ?? delta.lines ?? []).join() + (event.ended ? ' (ended)' : '');
}

describe('LiveHub', () => {
  it('shares one producer between clients opening the same stream and ends it with the last of them', async () => {
    const { hub, made } = setup();
    const one = client();
    const two = client();
    const first = await hub.open(one.sink, 'daemonSets', ['a', 'default']);
    const second = await hub.open(two.sink, 'daemonSets', ['a', 'default']);
    const other = await hub.open(two.sink, 'daemonSets', ['a', 'monitoring']);
    expect(made.map((m) => m.producer.args)).toEqual([
      ['a', 'default'],
      ['a', 'monitoring'],
    ]);
    expect(hub.producers()).toBe(2);

    made[0]?.producer.emit(list('x'));
    expect(one.markers(first)).toEqual(['x']);
    expect(two.markers(second)).toEqual(['x']);
    expect(two.markers(other)).toEqual([]);

    hub.dispose(one.sink, first);
    expect(made[0]?.producer.disposed).toBe(false);
    // Another client's id is not this one's to end.
    hub.dispose(one.sink, second);
    expect(made[0]?.producer.disposed).toBe(false);
    hub.disposeClient(two.sink);
    expect(made.map((m) => m.producer.disposed)).toEqual([true, true]);
    expect(hub.producers()).toBe(0);
  });

  it('sends a late joiner the current picture first, to it alone', async () => {
    const { hub, made } = setup();
    const one = client();
    const late = client();
    const first = await hub.open(one.sink, 'daemonSets', ['a', '*']);
    const producer = made[0]?.producer as FakeProducer<DaemonSetDelta>;
    producer.emit(list('reset'));
    producer.picture = { ...list('picture'), reset: true };
    const joined = await hub.open(late.sink, 'daemonSets', ['a', '*']);
    expect(late.got).toEqual([{ streamId: joined, delta: producer.picture }]);
    expect(one.markers(first)).toEqual(['reset']);
    producer.emit(list('next'));
    expect(late.markers(joined)).toEqual(['picture', 'next']);
  });

  it('never shares a log read, and ends a log stream with its last chunk', async () => {
    const { hub, made } = setup();
    const one = client();
    const args = ['a', 'ns', 'pod', 'main', { follow: true, previous: false }] as const;
    const first = await hub.open(one.sink, 'logs', [...args]);
    const second = await hub.open(one.sink, 'logs', [...args]);
    expect(made).toHaveLength(2);
    made[0]?.producer.emit(chunk('bye', true));
    expect(one.markers(first)).toEqual(['bye (ended)']);
    expect(made[0]?.producer.disposed).toBe(true);
    expect(one.markers(second)).toEqual([]);
  });

  it('fails the open of a producer that cannot start, and keeps nothing of it', async () => {
    const { hub, made, refuse } = setup();
    refuse.logs = true;
    const one = client();
    await expect(
      hub.open(one.sink, 'logs', ['a', 'ns', 'pod', 'main', { follow: false, previous: false }]),
    ).rejects.toMatchObject({ code: 'invalid-argument', message: 'container is waiting' });
    expect(made[0]?.producer.disposed).toBe(true);
    expect(hub.producers()).toBe(0);
    await expect(hub.open(one.sink, 'daemonSets', ['gone', 'default'])).rejects.toMatchObject({ code: 'unreachable' });
  });

  it('restarts a context’s producers on a new session and ends its streams when the context goes away', async () => {
    const { hub, made, sessions } = setup();
    const one = client();
    const rows = await hub.open(one.sink, 'daemonSets', ['a', 'default']);
    const log = await hub.open(one.sink, 'logs', ['a', 'ns', 'pod', 'main', { follow: true, previous: false }]);
    const elsewhere = await hub.open(one.sink, 'daemonSetDetail', ['b', 'ns', 'agent']);
    const replaced = made.map((m) => m.producer);

    const fresh = { name: 'a' } as ContextSession;
    sessions.set('a', fresh);
    hub.onSessionChanged('a', fresh);
    // The list starts over on the new session under the same stream id; the log read ends; context b is untouched.
    expect(replaced.map((p) => p.disposed)).toEqual([true, true, false]);
    const restarted = made.at(-1)?.producer as FakeProducer<DaemonSetDelta>;
    expect(restarted.session).toBe(fresh);
    replaced[0]?.emit(list('from the old session'));
    restarted.emit(list('fresh'));
    expect(one.markers(rows)).toEqual(['fresh']);
    expect(one.markers(log)).toEqual([
      'Context "a" is no longer connected; choose it under Cluster to connect it again. (ended)',
    ]);

    hub.onSessionChanged('b', undefined);
    expect(one.got.filter((e) => e.streamId === elsewhere)).toMatchObject([
      {
        ended: true,
        delta: {
          error: {
            code: 'unsupported',
            message: 'Context "b" is no longer connected; choose it under Cluster to connect it again.',
          },
        },
      },
    ]);
    expect(replaced[2]?.disposed).toBe(true);
    expect([...hub.contexts()]).toEqual(['a']);
  });
});
