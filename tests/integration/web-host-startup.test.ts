// The browser host listens before its backend has loaded: the page is served and the bridge's first calls are
// answered once the backend is ready (electron/web/backend-loader.ts), through the real host.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { startWebHost, type WebHost } from '../../electron/web/host.js';

let dir: string;
let host: WebHost | undefined;

afterAll(async () => {
  await host?.close();
  await rm(dir, { recursive: true, force: true });
});

/** Opens the printed address: its status, and the cookie it sets (the token signs in once, for a cookie of its own). */
function signInAt(url: URL): Promise<{ status: number; cookie: string }> {
  return new Promise((resolve, reject) => {
    http
      .get(url, (response) => {
        response.resume();
        const cookie = response.headers['set-cookie']?.[0]?.split(';')[0] ?? '';
        resolve({ status: response.statusCode ?? 0, cookie });
      })
      .on('error', reject);
  });
}

it('prints its address before the backend is ready, serves the page, and answers calls made that early', async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'everynode-web-start-'));
  const staticDir = path.join(dir, 'renderer');
  await mkdir(staticDir);
  await writeFile(path.join(staticDir, 'index.html'), '<!doctype html><title>t</title>');
  const events: string[] = [];
  let early: Promise<{ page: number; answers: unknown[] }> | undefined;
  const starting = startWebHost({
    sandbox: 'off',
    homeDir: path.join(dir, 'home'),
    stateDir: path.join(dir, 'state'),
    kubeconfigEnv: path.join(dir, 'missing-config'),
    staticDir,
    onListening: (url) => {
      events.push('listening');
      const address = new URL(url);
      early = (async () => {
        // 303 to the page, with the cookie: the server answers already.
        const { status: page, cookie } = await signInAt(address);
        const socket = new WebSocket(`ws://127.0.0.1:${address.port}/bridge`, {
          headers: { Origin: `http://127.0.0.1:${address.port}`, Cookie: cookie },
        });
        const answers: unknown[] = [];
        const done = new Promise<void>((resolve) =>
          socket.on('message', (data) => {
            answers.push(JSON.parse(String(data)));
            if (answers.length === 2) resolve();
          }),
        );
        await new Promise((resolve) => socket.once('open', resolve));
        for (const id of [1, 2]) {
          socket.send(JSON.stringify({ type: 'call', id, channel: 'everynode:clusters.getState', args: [] }));
        }
        await done;
        socket.close();
        return { page, answers };
      })();
    },
  });
  host = await starting;
  events.push('ready');
  expect(events).toEqual(['listening', 'ready']);
  const result = await early;
  expect(result?.page).toBe(303);
  const ids = result?.answers.map((a) => (a as { id?: number }).id);
  expect(ids).toEqual([1, 2]);
  for (const answer of result?.answers ?? []) expect(answer).toMatchObject({ type: 'result', result: { ok: true } });
});
