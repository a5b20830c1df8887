// The watch hub over a real HTTP server, read by a raw socket so the response's chunked framing is visible: the lines
// of one turn of the event loop leave as one chunk (one socket write for all of them), later turns' in their own.
import { createServer, type Server } from 'node:http';
import { connect, type AddressInfo, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { WatchHub, type WatchRequest } from '../../../electron/sandbox-cluster/server/watch.js';
import { ObjectStore } from '../../../electron/sandbox-cluster/store/store.js';
import type { KubeObject } from '../../../electron/sandbox-cluster/types.js';

function configMap(store: ObjectStore, name: string, data: string): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name, namespace: 'ns', uid: name, resourceVersion: String(store.nextRv()), creationTimestamp: '' },
    data: { v: data },
  };
}

const request = (resourceVersion: string): WatchRequest => ({
  resource: 'configmaps',
  kind: 'ConfigMap',
  apiVersion: 'v1',
  fieldGetters: undefined,
  labels: [],
  fields: [],
  resourceVersion,
  bookmarks: false,
});

/** The body's chunks as the client receives them, each as its lines' (type, data.v) pairs. */
class RawWatch {
  private buffer = '';
  readonly chunks: string[][] = [];
  ended = false;
  constructor(readonly socket: Socket) {
    socket.setEncoding('latin1');
    socket.on('data', (text: string) => {
      this.buffer += text;
      this.parse();
    });
  }
  private parse(): void {
    const head = this.buffer.indexOf('\r\n\r\n');
    if (head >= 0 && this.buffer.startsWith('HTTP/')) this.buffer = this.buffer.slice(head + 4);
    for (;;) {
      const eol = this.buffer.indexOf('\r\n');
      if (eol < 0) return;
      const size = parseInt(this.buffer.slice(0, eol), 16);
      if (this.buffer.length < eol + 2 + size + 2) return;
      const body = this.buffer.slice(eol + 2, eol + 2 + size);
      this.buffer = this.buffer.slice(eol + 2 + size + 2);
      if (size === 0) {
        this.ended = true;
        return;
      }
      this.chunks.push(
        body
          .split('\n')
          .filter((l) => l !== '')
          .map((l) => {
            const e = JSON.parse(l) as { type: string; object: { data?: { v: string }; code?: number } };
            return `${e.type}:${e.object.data?.v ?? e.object.code}`;
          }),
      );
    }
  }
}

const servers: Server[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) {
    s.closeAllConnections();
    await new Promise((resolve) => s.close(resolve));
  }
});

async function open(hub: WatchHub, resourceVersion: string): Promise<RawWatch> {
  const server = createServer((req, res) => hub.start(req, res, request(resourceVersion)));
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const socket = connect((server.address() as AddressInfo).port, '127.0.0.1');
  socket.write('GET /watch HTTP/1.1\r\nHost: x\r\n\r\n');
  const watch = new RawWatch(socket);
  await until(() => hub.count === 1);
  return watch;
}

async function until(check: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((resolve) => setTimeout(resolve, 10));
  expect(check()).toBe(true);
}

describe('watch hub', () => {
  it('writes the events of one turn as one chunk and those of the next turn as another', async () => {
    const store = new ObjectStore();
    const hub = new WatchHub(store, 60_000);
    const watch = await open(hub, String(store.currentRv()));
    const a = store.commit('ADDED', 'configmaps', configMap(store, 'a', '1')).object;
    const b = store.commit('ADDED', 'configmaps', configMap(store, 'b', '2')).object;
    store.commit('MODIFIED', 'configmaps', configMap(store, 'a', '3'), a);
    await until(() => watch.chunks.length === 1);
    store.commit('DELETED', 'configmaps', configMap(store, 'b', '4'), b);
    await until(() => watch.chunks.length === 2);
    expect(watch.chunks).toEqual([['ADDED:1', 'ADDED:2', 'MODIFIED:3'], ['DELETED:4']]);
  });

  it('holds the events of a stall and writes them, in commit order, once released', async () => {
    const store = new ObjectStore();
    const hub = new WatchHub(store, 60_000);
    const watch = await open(hub, String(store.currentRv()));
    const a = store.commit('ADDED', 'configmaps', configMap(store, 'a', '1')).object;
    await until(() => watch.chunks.length === 1);
    hub.stall();
    store.commit('ADDED', 'configmaps', configMap(store, 'b', '2'));
    store.commit('MODIFIED', 'configmaps', configMap(store, 'a', '3'), a);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(watch.chunks.flat()).toEqual(['ADDED:1']);
    hub.release();
    store.commit('DELETED', 'configmaps', configMap(store, 'b', '4'));
    await until(() => watch.chunks.flat().length === 4);
    expect(watch.chunks.flat()).toEqual(['ADDED:1', 'ADDED:2', 'MODIFIED:3', 'DELETED:4']);
  });

  it('sends the 410 of a too old version before ending the stream', async () => {
    const store = new ObjectStore();
    store.commit('ADDED', 'configmaps', configMap(store, 'a', '1'));
    store.compact();
    const hub = new WatchHub(store, 60_000);
    const server = createServer((req, res) => hub.start(req, res, request('1')));
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const socket = connect((server.address() as AddressInfo).port, '127.0.0.1');
    socket.write('GET /watch HTTP/1.1\r\nHost: x\r\n\r\n');
    const watch = new RawWatch(socket);
    await until(() => watch.ended);
    expect(watch.chunks).toEqual([['ERROR:410']]);
  });
});
