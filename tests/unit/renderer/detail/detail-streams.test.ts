import { createPinia, setActivePinia } from 'pinia';
import { beforeEach, describe, expect, it } from 'vitest';
import type { DaemonSetDetail, DaemonSetDetailDelta, LogChunk } from '../../../../electron/contract/detail-dto';
import { createApi, setApi } from '../../../../renderer/api/bridge';
import { useClustersStore } from '../../../../renderer/clusters/clusters';
import { useDetailStore } from '../../../../renderer/detail/detail';
import { useLogsStore } from '../../../../renderer/detail/logs';
import { fakeBridge } from '../fake-bridge';

// The detail page's two streams (the DaemonSet's picture and a log read) as their stores drive them through
// api().watch, against the fake bridge; the backend side is tested against the sandbox.

const settle = async () => {
  for (let i = 0; i < 5; i++) await new Promise((resolve) => setTimeout(resolve, 0));
};

let fake: ReturnType<typeof fakeBridge>;

// The stream's first delta: a reset with the whole picture.
const picture = (state: DaemonSetDetail['state']): DaemonSetDetailDelta => ({
  reset: true,
  state,
  pods: { set: [], removed: [] },
  nodes: { allowed: true, value: { set: [], removed: [] } },
  events: [],
  revisions: [],
});

function send(streamId: string, delta: DaemonSetDetailDelta | LogChunk, ended = false): void {
  fake.emit('onDidReceiveDelta', ended ? { streamId, delta, ended: true } : { streamId, delta });
}

beforeEach(async () => {
  setActivePinia(createPinia());
  fake = fakeBridge();
  setApi(createApi(fake.bridge));
  useClustersStore().init();
  await settle();
});

describe('detail store', () => {
  const agent = { context: 'sandbox-admin', namespace: 'default', name: 'agent' };

  it('opens the page’s stream while its context is connected, again once it reconnects, and ends it on close', async () => {
    const detail = useDetailStore();
    detail.open(agent);
    await settle();
    expect(fake.callsOf('streams.open')).toEqual([['daemonSetDetail', ['sandbox-admin', 'default', 'agent']]]);
    expect(fake.callsOf('detail.access')).toEqual([['sandbox-admin', 'default']]);
    send('sub-1', picture('ok'));
    expect(detail.detail?.state).toBe('ok');

    fake.connection('connecting');
    await settle();
    expect(fake.callsOf('streams.dispose')).toEqual([['sub-1']]);
    // The last picture stays on the page until the new stream sends one.
    expect(detail.detail?.state).toBe('ok');
    fake.connection('connected');
    await settle();
    expect(fake.callsOf('streams.open')).toHaveLength(2);
    send('sub-1', picture('deleted'));
    expect(detail.detail?.state).toBe('ok');
    send('sub-2', picture('not-found'));
    expect(detail.detail?.state).toBe('not-found');

    // Shown anew as it is: a fresh stream, not the old one's picture.
    detail.open({ ...agent });
    await settle();
    expect(detail.detail).toBeNull();
    expect(fake.callsOf('streams.open')).toHaveLength(3);
    detail.close();
    await settle();
    expect(fake.callsOf('streams.dispose')).toEqual([['sub-1'], ['sub-2'], ['sub-3']]);
    send('sub-3', picture('ok'));
    expect(detail.detail).toBeNull();
  });
});

describe('logs store', () => {
  const target = { context: 'sandbox-admin', namespace: 'default', pod: 'agent-x1', container: 'main' };
  const options = { follow: true, previous: false, tailLines: 10 };

  it('reads a log through one stream, ends with its last chunk, and reads it again from the start', async () => {
    const logs = useLogsStore();
    logs.start(target, options);
    await settle();
    expect(fake.callsOf('streams.open')).toEqual([['logs', ['sandbox-admin', 'default', 'agent-x1', 'main', options]]]);
    expect(logs.streaming).toBe(true);
    send('sub-1', { lines: ['one', 'two'], ended: false });
    send('sub-1', { lines: ['three'], ended: true }, true);
    expect(logs.lines).toEqual(['one', 'two', 'three']);
    expect([logs.streaming, logs.ended]).toEqual([false, true]);

    logs.start(target, options);
    await settle();
    expect(fake.callsOf('streams.open')).toHaveLength(2);
    expect(logs.lines).toEqual([]);
    send('sub-2', { lines: ['again'], ended: false });
    logs.stop();
    await settle();
    // The first stream ended on its own: only the second is disposed.
    expect(fake.callsOf('streams.dispose')).toEqual([['sub-2']]);
    expect([logs.lines, logs.streaming, logs.ended]).toEqual([['again'], false, true]);
  });

  it('shows why a log cannot be read', async () => {
    fake.refuse({ code: 'invalid-argument', message: 'container "main" is waiting to start' });
    const logs = useLogsStore();
    logs.start(target, options);
    await settle();
    expect(logs.error?.message).toBe('container "main" is waiting to start');
    expect([logs.streaming, logs.ended]).toEqual([false, true]);
  });
});
