// openWatch against a real HTTP server: credentials, event delivery, endings, failures and cancellation.
import { afterEach, describe, expect, it } from 'vitest';
import { classifyError, httpStatusOf } from '../../../electron/backend/session/classify.js';
import { openWatch, type WatchHandlers } from '../../../electron/backend/watch/raw-watch.js';
import { line, startWatchServer, type WatchServer } from './watch-server.js';

const servers: WatchServer[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) await server.close();
});

async function server(token?: string): Promise<WatchServer> {
  const started = await startWatchServer(token);
  servers.push(started);
  return started;
}

/** Records what the watch reports; `ended` resolves with onDone's argument. */
function recorder(): WatchHandlers & { opened: number; events: string[]; done: unknown[]; ended: Promise<unknown> } {
  let end: (value: unknown) => void = () => undefined;
  const seen = {
    opened: 0,
    events: [] as string[],
    done: [] as unknown[],
    ended: new Promise<unknown>((resolve) => (end = resolve)),
    onOpen: () => void seen.opened++,
    onEvent: (type: string, object: unknown) =>
      void seen.events.push(`${type}:${(object as { metadata?: { name?: string } }).metadata?.name ?? ''}`),
    onDone: (error: unknown) => {
      seen.done.push(error);
      end(error);
    },
  };
  return seen;
}

describe('openWatch', () => {
  it('sends watch=true with the query and credentials, delivers events, and reports the server closing as null', async () => {
    const s = await server('secret-token');
    s.answer = (res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.write(line('ADDED', { metadata: { name: 'a' } }) + line('BOOKMARK', { metadata: {} }));
      setTimeout(() => res.end(line('DELETED', { metadata: { name: 'a' } })), 20);
    };
    const seen = recorder();
    openWatch(s.config, '/api/v1/pods', { resourceVersion: '7' }, new AbortController().signal, seen);
    expect(await seen.ended).toBeNull();
    expect(seen.opened).toBe(1);
    expect(seen.events).toEqual(['ADDED:a', 'BOOKMARK:', 'DELETED:a']);
    expect(s.requests[0]?.url.pathname).toBe('/api/v1/pods');
    expect(s.requests[0]?.url.searchParams.get('resourceVersion')).toBe('7');
    expect(s.requests[0]?.headers.authorization).toBe('Bearer secret-token');
    expect(seen.done).toHaveLength(1);
  });

  it('turns a non-200 answer into an error with the status and Status body, without the credentials', async () => {
    const s = await server('secret-token');
    s.answer = (res) => {
      res.writeHead(410, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ kind: 'Status', reason: 'Expired', code: 410, message: 'too old resource version' }));
    };
    const seen = recorder();
    openWatch(s.config, '/api/v1/pods', {}, new AbortController().signal, seen);
    const error = await seen.ended;
    expect(httpStatusOf(error)).toBe(410);
    expect(classifyError(error, 'ctx').message).toBe('too old resource version');
    expect(JSON.stringify(error)).not.toContain('secret-token');
    expect(seen.opened).toBe(0);
  });

  it('ends with an error on a line that is not JSON and on a connection cut mid-stream', async () => {
    const s = await server();
    s.answer = (res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.write('<html>proxy</html>\n');
    };
    const bad = recorder();
    openWatch(s.config, '/p', {}, new AbortController().signal, bad);
    expect(await bad.ended).toBeInstanceOf(SyntaxError);
    await expect.poll(() => s.open()).toBe(0);

    s.answer = (res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.write(line('ADDED', { metadata: { name: 'x' } }));
      setTimeout(() => res.socket?.destroy(), 20);
    };
    const cut = recorder();
    openWatch(s.config, '/p', {}, new AbortController().signal, cut);
    expect(await cut.ended).toBeInstanceOf(Error);
    expect(cut.events).toEqual(['ADDED:x']);
  });

  it('is cancelled by its signal while the server still withholds the headers, and then reports nothing', async () => {
    const s = await server();
    const seen = recorder();
    const controller = new AbortController();
    openWatch(s.config, '/p', {}, controller.signal, seen);
    await expect.poll(() => s.open()).toBe(1);
    controller.abort();
    await expect.poll(() => s.open()).toBe(0);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(seen.done).toEqual([]);
    expect(seen.opened).toBe(0);
  });

  it('sends nothing when the signal aborted before the credentials were ready', async () => {
    const s = await server();
    const seen = recorder();
    const controller = new AbortController();
    openWatch(s.config, '/p', {}, controller.signal, seen);
    controller.abort();
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(s.requests).toEqual([]);
    expect(seen.done).toEqual([]);
  });
});
