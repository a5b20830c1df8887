// The informer against a real HTTP server that goes silent: its raw watch (raw-watch.ts) over a real socket, our timers.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { KubeConfig } from '@kubernetes/client-node';
import { AppError } from '../../../electron/backend/errors.js';
import { Informer } from '../../../electron/backend/watch/informer.js';
import type { InformerEvent, KubeObject } from '../../../electron/backend/watch/types.js';

interface Server {
  url: string;
  watchRequests: URL[];
  /** How the next watch request is answered. */
  nextWatch: (res: http.ServerResponse, url: URL) => void;
  close(): Promise<void>;
}

const servers: Server[] = [];
const informers: Informer<KubeObject>[] = [];

async function startServer(): Promise<Server> {
  const server: Server = {
    url: '',
    watchRequests: [],
    nextWatch: () => undefined,
    close: () => Promise.resolve(),
  };
  const httpServer = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.searchParams.get('watch') === 'true') {
      server.watchRequests.push(url);
      server.nextWatch(res, url);
    } else {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => httpServer.listen(0, '127.0.0.1', resolve));
  server.url = `http://127.0.0.1:${(httpServer.address() as AddressInfo).port}`;
  server.close = () =>
    new Promise((resolve) => {
      httpServer.closeAllConnections();
      httpServer.close(() => resolve());
    });
  servers.push(server);
  return server;
}

function configFor(url: string): KubeConfig {
  const kc = new KubeConfig();
  kc.loadFromOptions({
    clusters: [{ name: 'c', server: url, skipTLSVerify: true }],
    users: [{ name: 'u' }],
    contexts: [{ name: 'ctx', cluster: 'c', user: 'u' }],
    currentContext: 'ctx',
  });
  return kc;
}

const pod = (name: string, rv: string): KubeObject => ({
  metadata: { name, namespace: 'ns', uid: name, resourceVersion: rv },
});

afterEach(async () => {
  for (const informer of informers.splice(0)) informer.stop();
  for (const server of servers.splice(0)) await server.close();
});

describe('Informer', () => {
  it('restarts a watch that hears nothing for the liveness window, from the last resourceVersion', async () => {
    const server = await startServer();
    // First stream: headers, then silence forever (a stuck proxy).
    server.nextWatch = (res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.flushHeaders();
      server.nextWatch = (res2) => {
        res2.writeHead(200, { 'Content-Type': 'application/json' });
        res2.write(JSON.stringify({ type: 'ADDED', object: pod('late', '12') }) + '\n');
      };
    };
    const events: InformerEvent<KubeObject>[] = [];
    const informer = new Informer<KubeObject>(
      {
        path: '/api/v1/namespaces/ns/pods',
        config: configFor(server.url),
        classify: () => new AppError('internal', 'x'),
        list: () => Promise.resolve({ items: [pod('first', '10')], resourceVersion: '11' }),
      },
      { livenessMs: 300, backoffBaseMs: 10, backoffMaxMs: 50 },
    );
    informers.push(informer);
    informer.addListener({ onEvents: (e) => events.push(...e), onStatus: () => undefined });
    const started = Date.now();
    informer.start();
    await expect.poll(() => informer.snapshot().length, { timeout: 3000 }).toBe(2);
    expect(Date.now() - started).toBeGreaterThanOrEqual(300);
    expect(server.watchRequests).toHaveLength(2);
    expect(server.watchRequests.map((u) => u.searchParams.get('resourceVersion'))).toEqual(['11', '11']);
    expect(server.watchRequests[0]?.searchParams.get('allowWatchBookmarks')).toBe('true');
    expect(events.map((e) => `${e.type}:${e.key}`)).toEqual(['upsert:ns/first', 'upsert:ns/late']);
  });

  it('treats a bookmark as a sign of life and moves its resourceVersion on, without emitting anything', async () => {
    const server = await startServer();
    let timer: NodeJS.Timeout | undefined;
    server.nextWatch = (res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      let n = 20;
      timer = setInterval(
        () =>
          res.write(
            JSON.stringify({ type: 'BOOKMARK', object: { metadata: { resourceVersion: String(n++) } } }) + '\n',
          ),
        100,
      );
      server.nextWatch = (res2) => res2.writeHead(200).end();
    };
    const events: InformerEvent<KubeObject>[] = [];
    const informer = new Informer<KubeObject>(
      {
        path: '/api/v1/pods',
        config: configFor(server.url),
        classify: () => new AppError('internal', 'x'),
        list: () => Promise.resolve({ items: [], resourceVersion: '5' }),
      },
      { livenessMs: 300, backoffBaseMs: 10, backoffMaxMs: 50 },
    );
    informers.push(informer);
    informer.addListener({ onEvents: (e) => events.push(...e), onStatus: () => undefined });
    informer.start();
    await new Promise((resolve) => setTimeout(resolve, 1000));
    clearInterval(timer);
    // Bookmarks every 100 ms kept the 300 ms liveness window from firing.
    expect(server.watchRequests).toHaveLength(1);
    expect(events).toEqual([]);
  });
});
