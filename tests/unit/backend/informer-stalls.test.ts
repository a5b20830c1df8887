// Issue #8: the informer against a real HTTP server that withholds its watch response headers, and 410 relists.
import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../../../electron/backend/errors.js';
import { Informer } from '../../../electron/backend/watch/informer.js';
import type { KubeObject, ListResult } from '../../../electron/backend/watch/types.js';
import { line, startWatchServer, type WatchServer } from './watch-server.js';

const servers: WatchServer[] = [];
const informers: Informer<KubeObject>[] = [];

afterEach(async () => {
  for (const informer of informers.splice(0)) informer.stop();
  for (const server of servers.splice(0)) await server.close();
});

const pod = (name: string, rv: string): KubeObject => ({
  metadata: { name, namespace: 'ns', uid: name, resourceVersion: rv },
});

function informerFor(server: WatchServer, list: () => Promise<ListResult<KubeObject>>, livenessMs: number) {
  const informer = new Informer<KubeObject>(
    { path: '/api/v1/pods', config: server.config, classify: () => new AppError('internal', 'x'), list },
    { livenessMs, backoffBaseMs: 10, backoffMaxMs: 50 },
  );
  informers.push(informer);
  return informer;
}

describe('Informer against a server that withholds watch response headers', () => {
  it('closes each stalled watch request before the next one, so at most one is ever open', async () => {
    const server = await startWatchServer();
    servers.push(server);
    const informer = informerFor(server, () => Promise.resolve({ items: [], resourceVersion: '5' }), 150);
    informer.start();
    await expect.poll(() => server.requests.length, { timeout: 5000, interval: 20 }).toBeGreaterThanOrEqual(6);
    // Every request but the newest was closed by the client, and none overlapped another.
    await expect.poll(() => server.requests.slice(0, -1).every((r) => r.closed), { timeout: 1000 }).toBe(true);
    expect(server.maxOpen).toBe(1);
    expect(server.requests.every((r) => r.url.searchParams.get('resourceVersion') === '5')).toBe(true);
    informer.stop();
    await expect.poll(() => server.open(), { timeout: 1000 }).toBe(0);
  });

  it('stop() cancels a watch request still waiting for its headers', async () => {
    const server = await startWatchServer();
    servers.push(server);
    const informer = informerFor(server, () => Promise.resolve({ items: [], resourceVersion: '1' }), 60_000);
    informer.start();
    await expect.poll(() => server.open(), { timeout: 2000 }).toBe(1);
    informer.stop();
    await expect.poll(() => server.open(), { timeout: 1000 }).toBe(0);
    expect(server.requests).toHaveLength(1);
  });
});

describe('Informer watch events over the raw watch', () => {
  it('relists on a 410 ERROR event and watches again from the new list resourceVersion', async () => {
    const server = await startWatchServer();
    servers.push(server);
    const first: ListResult<KubeObject> = { items: [pod('a', '10'), pod('b', '10')], resourceVersion: '10' };
    const second: ListResult<KubeObject> = { items: [pod('a', '10'), pod('c', '30')], resourceVersion: '30' };
    let listed = 0;
    server.answer = (res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      const status = { kind: 'Status', status: 'Failure', reason: 'Expired', code: 410, message: 'too old' };
      // The ERROR line arrives split in two writes, as a proxy may deliver it.
      const text = line('ERROR', status);
      res.write(text.slice(0, 17));
      setTimeout(() => res.write(text.slice(17)), 20);
      server.answer = () => undefined;
    };
    const informer = informerFor(server, () => Promise.resolve(listed++ === 0 ? first : second), 60_000);
    const keys: string[] = [];
    informer.addListener({
      onEvents: (events) => keys.push(...events.map((e) => `${e.type}:${e.key}`)),
      onStatus: () => undefined,
    });
    informer.start();
    await expect.poll(() => server.requests.length, { timeout: 3000 }).toBe(2);
    expect(listed).toBe(2);
    expect(server.requests.map((r) => r.url.searchParams.get('resourceVersion'))).toEqual(['10', '30']);
    expect(keys).toEqual(['upsert:ns/a', 'upsert:ns/b', 'upsert:ns/c', 'delete:ns/b']);
    expect(informer.currentStatus()).toEqual({ synced: true });
  });

  it('applies events written a few bytes at a time and reports a non-200 answer through classify', async () => {
    const server = await startWatchServer();
    servers.push(server);
    const classified: unknown[] = [];
    server.answer = (res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      const text = line('ADDED', pod('new', '21')) + line('MODIFIED', pod('new', '22'));
      let at = 0;
      const timer = setInterval(() => {
        if (at >= text.length) return void (clearInterval(timer), res.end());
        res.write(text.slice(at, (at += 9)));
      }, 2);
      server.answer = (res2) => {
        res2.writeHead(403, { 'Content-Type': 'application/json' });
        res2.end(JSON.stringify({ kind: 'Status', reason: 'Forbidden', code: 403, message: 'pods is forbidden' }));
        server.answer = () => undefined;
      };
    };
    const informer = new Informer<KubeObject>(
      {
        path: '/api/v1/pods',
        config: server.config,
        classify: (error) => (classified.push(error), new AppError('forbidden', 'no')),
        list: () => Promise.resolve({ items: [], resourceVersion: '20' }),
      },
      { livenessMs: 60_000, backoffBaseMs: 10, backoffMaxMs: 50 },
    );
    informers.push(informer);
    informer.start();
    await expect.poll(() => informer.currentStatus().error?.code, { timeout: 3000 }).toBe('forbidden');
    expect(informer.snapshot()).toEqual([pod('new', '22')]);
    expect(classified[0]).toMatchObject({ statusCode: 403 });
    expect(JSON.parse((classified[0] as { body: string }).body)).toMatchObject({ reason: 'Forbidden' });
    // The first watch from the list's version, the retry after the 403 from the last event's.
    expect(server.requests.slice(0, 2).map((r) => r.url.searchParams.get('resourceVersion'))).toEqual(['20', '22']);
  });
});
