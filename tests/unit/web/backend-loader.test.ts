// The host's bridge while the backend still loads: frames are held and replayed in order, over real WebSockets.
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket, WebSocketServer } from 'ws';
import { serveWhenReady, type LoadedBackend } from '../../../electron/web/backend-loader.js';
import { DEFAULT_BRIDGE_LIMITS } from '../../../electron/web/bridge-limits.js';

const info = { kind: 'web' as const, version: '0.0.0', platform: process.platform };
const servers: WebSocketServer[] = [];

afterEach(async () => {
  for (const server of servers.splice(0)) {
    for (const client of server.clients) client.terminate();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
});

/** A backend whose serve() answers each frame with "seen:<frame>", ready when `release` is called. */
function lateBackend() {
  let release: (value: LoadedBackend) => void = () => undefined;
  let fail: (error: Error) => void = () => undefined;
  const ready = new Promise<LoadedBackend>((resolve, reject) => {
    release = resolve;
    fail = reject;
  });
  const served: WebSocket[] = [];
  const loaded = {
    backend: {},
    serve(socket: WebSocket) {
      served.push(socket);
      socket.on('message', (data) => socket.send(`seen:${String(data)}`));
    },
  } as unknown as LoadedBackend;
  return { ready, release: () => release(loaded), fail: (error: Error) => fail(error), served };
}

async function connect(ready: Promise<LoadedBackend>): Promise<WebSocket> {
  const server = new WebSocketServer({ port: 0, host: '127.0.0.1' });
  servers.push(server);
  server.on('connection', (socket) => serveWhenReady(socket, ready, info, DEFAULT_BRIDGE_LIMITS));
  await new Promise<void>((resolve) => server.once('listening', resolve));
  const client = new WebSocket(`ws://127.0.0.1:${(server.address() as AddressInfo).port}`);
  await new Promise((resolve, reject) => {
    client.once('open', resolve);
    client.once('error', reject);
  });
  return client;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

describe('serveWhenReady', () => {
  it('holds frames sent before the backend is ready and answers them in order once it is', async () => {
    const late = lateBackend();
    const client = await connect(late.ready);
    const answers: string[] = [];
    client.on('message', (data) => answers.push(String(data)));
    for (const frame of ['a', 'b', 'c']) client.send(frame);
    await sleep(100);
    expect(answers).toEqual([]);
    late.release();
    await sleep(100);
    client.send('d');
    await sleep(100);
    expect(answers).toEqual(['seen:a', 'seen:b', 'seen:c', 'seen:d']);
    client.close();
  });

  it('never serves a socket that closed while the backend was loading', async () => {
    const late = lateBackend();
    const client = await connect(late.ready);
    client.close();
    await sleep(100);
    late.release();
    await sleep(50);
    expect(late.served).toEqual([]);
  });

  it('closes the socket with 1011 when the backend cannot start', async () => {
    const late = lateBackend();
    const client = await connect(late.ready);
    const closed = new Promise<number>((resolve) => client.once('close', (code) => resolve(code)));
    late.fail(new Error('no'));
    expect(await closed).toBe(1011);
  });
});
