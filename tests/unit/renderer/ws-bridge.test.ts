import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket, WebSocketServer } from 'ws';
import type { AddressInfo } from 'ws';
import type { CallMessage, ServerMessage } from '../../../electron/contract/web-protocol';
import { bridgeUrl, createWsBridge, type WebSocketLike, type WsBridge } from '../../../renderer/api/ws-bridge';
import { createApi } from '../../../renderer/api/bridge';
import { ApiError } from '../../../renderer/api/errors';

// A real WebSocket server speaking web-protocol.ts, so the client is tested over real sockets.
let server: WebSocketServer | undefined;
let client: WsBridge | undefined;

afterEach(async () => {
  client?.dispose();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = undefined;
  client = undefined;
});

function startServer(onCall: (message: CallMessage, send: (m: ServerMessage) => void, socket: WebSocket) => void) {
  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  server = wss;
  wss.on('connection', (socket) => {
    socket.on('message', (data) => {
      onCall(JSON.parse(String(data)) as CallMessage, (m) => socket.send(JSON.stringify(m)), socket);
    });
  });
  return new Promise<number>((resolve) => wss.on('listening', () => resolve((wss.address() as AddressInfo).port)));
}

const open = (url: string) => new WebSocket(url) as unknown as WebSocketLike;
const waitFor = async (check: () => boolean) => {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((resolve) => setTimeout(resolve, 10));
  expect(check()).toBe(true);
};

describe('bridgeUrl', () => {
  it('sits next to the page, ws for http and wss for https, without the token query', () => {
    expect(bridgeUrl('http://127.0.0.1:5174/?token=abc')).toBe('ws://127.0.0.1:5174/bridge');
    expect(bridgeUrl('https://host.example/app/index.html#x')).toBe('wss://host.example/app/bridge');
  });
});

describe('WebSocket bridge', () => {
  it('sends calls on the contract channel and unwraps results; failures throw ApiError with the DTO', async () => {
    const seen: CallMessage[] = [];
    const port = await startServer((message, send) => {
      seen.push(message);
      if (message.channel === 'everynode:projects.add') {
        send({
          type: 'result',
          id: message.id,
          result: { ok: false, error: { code: 'forbidden', message: 'no', status: 403 } },
        });
      } else {
        send({ type: 'result', id: message.id, result: { ok: true, value: { streamId: 's1' } } });
      }
    });
    client = createWsBridge(`ws://127.0.0.1:${port}/bridge`, open);
    const api = createApi(client.bridge);
    await expect(api.services.streams.open('daemonSets', ['ctx', 'default'])).resolves.toEqual({ streamId: 's1' });
    expect(seen[0]).toMatchObject({
      type: 'call',
      channel: 'everynode:streams.open',
      args: ['daemonSets', ['ctx', 'default']],
    });
    const refused = await api.services.projects.add('ctx', 'kube-system').catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ApiError);
    expect((refused as ApiError).dto).toEqual({ code: 'forbidden', message: 'no', status: 403 });
  });

  it('delivers events to listeners until they are disposed', async () => {
    const port = await startServer((message, send) => {
      send({
        type: 'event',
        event: 'onDidChangeProjects',
        payload: { context: 'c', canListAll: false, projects: ['a'], added: [], selected: 'a' },
      });
      send({ type: 'result', id: message.id, result: { ok: true, value: null } });
    });
    client = createWsBridge(`ws://127.0.0.1:${port}/bridge`, open);
    const api = createApi(client.bridge);
    const got: string[] = [];
    const listening = api.events.on('onDidChangeProjects', (state) => got.push(state.selected));
    await api.services.host.info();
    expect(got).toEqual(['a']);
    listening.dispose();
    await api.services.host.info();
    expect(got).toEqual(['a']);
  });

  it('fails calls in flight when the socket drops, reconnects, and tells the app to open its streams again', async () => {
    let connections = 0;
    const port = await startServer((message, send, socket) => {
      if (message.channel === 'everynode:clusters.reconnect') socket.terminate();
      else send({ type: 'result', id: message.id, result: { ok: true, value: connections } });
    });
    server?.on('connection', () => connections++);
    client = createWsBridge(`ws://127.0.0.1:${port}/bridge`, open);
    const api = createApi(client.bridge);
    let reconnects = 0;
    const states: boolean[] = [];
    client.onReconnect(() => reconnects++);
    client.onConnectionChange((up) => states.push(up));

    await expect(api.services.host.info()).resolves.toBe(1);
    const lost = await api.services.clusters.reconnect().catch((e: unknown) => e);
    expect(lost).toBeInstanceOf(ApiError);
    expect((lost as ApiError).code).toBe('unreachable');

    await waitFor(() => reconnects === 1);
    expect(states).toEqual([true, false, true]);
    await expect(api.services.host.info()).resolves.toBe(2);
  });
});

describe('api().watch over the WebSocket bridge', () => {
  const marker = (streamId: string, what: string): ServerMessage => ({
    type: 'event',
    event: 'onDidReceiveDelta',
    payload: { streamId, delta: { reset: false, upserts: [], removals: [`${what} ${streamId}`], synced: true } },
  });

  it('holds deltas that overtake the open, reopens after a reconnect, and hears nothing after dispose', async () => {
    const sockets: WebSocket[] = [];
    const opens: unknown[][] = [];
    const disposed: unknown[] = [];
    const port = await startServer((message, send) => {
      if (message.channel === 'everynode:streams.open') {
        const streamId = `s${sockets.length}-${opens.length}`;
        opens.push(message.args);
        // The hub may send a late joiner's picture before the open's answer leaves.
        send(marker(streamId, 'early'));
        send({ type: 'result', id: message.id, result: { ok: true, value: { streamId } } });
        send(marker(streamId, 'after'));
      } else {
        if (message.channel === 'everynode:streams.dispose') disposed.push(message.args[0]);
        send({ type: 'result', id: message.id, result: { ok: true, value: null } });
      }
    });
    server?.on('connection', (socket) => sockets.push(socket));
    client = createWsBridge(`ws://127.0.0.1:${port}/bridge`, open);
    const api = createApi(client.bridge, { onReconnect: client.onReconnect });
    const got: string[] = [];
    const stream = api.watch.daemonSets('ctx', 'default', (delta) => got.push(delta.removals.join()));
    await waitFor(() => got.length === 2);
    expect(got).toEqual(['early s1-0', 'after s1-0']);
    expect(opens).toEqual([['daemonSets', ['ctx', 'default']]]);

    // The host drops: the backend forgot the stream with the connection, so the watch opens it again.
    sockets[0]?.terminate();
    await waitFor(() => got.length === 4);
    expect(got.slice(2)).toEqual(['early s2-1', 'after s2-1']);
    expect(opens).toHaveLength(2);

    stream.dispose();
    await waitFor(() => disposed.length === 1);
    expect(disposed).toEqual(['s2-1']);
    sockets[1]?.send(JSON.stringify(marker('s2-1', 'late')));
    await api.services.host.info();
    expect(got).toHaveLength(4);
  });

  it('reports a refused open and ends with the delta the backend marks as the last', async () => {
    const port = await startServer((message, send) => {
      const [name] = message.args as [string];
      if (name === 'logs') {
        send({
          type: 'result',
          id: message.id,
          result: { ok: false, error: { code: 'forbidden', message: 'no logs' } },
        });
        return;
      }
      send({ type: 'result', id: message.id, result: { ok: true, value: { streamId: 'd1' } } });
      send({
        type: 'event',
        event: 'onDidReceiveDelta',
        payload: {
          streamId: 'd1',
          delta: {
            reset: true,
            state: 'loading',
            pods: { set: [], removed: [] },
            nodes: { allowed: true, value: { set: [], removed: [] } },
            events: [],
            revisions: [],
          },
          ended: true,
        },
      });
    });
    client = createWsBridge(`ws://127.0.0.1:${port}/bridge`, open);
    const api = createApi(client.bridge);
    const failures: string[] = [];
    api.watch.logs(
      'ctx',
      'ns',
      'pod',
      'main',
      { follow: true, previous: false },
      {
        delta: () => failures.push('a delta'),
        failed: (error) => failures.push(error.message),
      },
    );
    const states: string[] = [];
    const detail = api.watch.daemonSetDetail('ctx', 'ns', 'agent', {
      delta: (picture) => states.push(picture.state),
      ended: () => states.push('ended'),
    });
    await waitFor(() => failures.length === 1 && states.length === 2);
    expect(failures).toEqual(['no logs']);
    expect(states).toEqual(['loading', 'ended']);
    detail.dispose();
  });
});
