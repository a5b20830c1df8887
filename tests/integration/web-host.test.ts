import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import type { ServerMessage } from '../../electron/contract/index.js';
import { CONTENT_SECURITY_POLICY } from '../../electron/host/static-files.js';
import { startWebHost } from '../../electron/web/host.js';
import type { WebHost } from '../../electron/web/host.js';

// The browser host as a user runs it (`--no-sandbox --kubeconfig FILE`), probed the way a hostile web page or a
// DNS-rebinding attacker would reach it. Static files come from a temporary folder: this test is about the host.

const SECRET_TOKEN = 'kubeconfig-secret-token-0123456789abcdefghijklmnopqrstuvwxyz';
let dir: string;
let host: WebHost;
let cookie: string;
let firstSignIn: Reply;

interface Reply {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

function get(pathname: string, headers: Record<string, string> = {}, address = '127.0.0.1'): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const request = http.request(
      { host: address, port: host.port, path: pathname, headers: { host: `127.0.0.1:${host.port}`, ...headers } },
      (response) => {
        let body = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (body += chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body }));
      },
    );
    request.on('error', reject);
    request.end();
  });
}

/** Resolves with the HTTP status of a refused handshake, or 101 when the socket opened (then closes it). */
function upgradeStatus(headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(`ws://127.0.0.1:${host.port}/bridge`, { headers });
    socket.on('unexpected-response', (_request, response) => {
      resolve(response.statusCode ?? 0);
      socket.terminate();
    });
    socket.on('open', () => {
      resolve(101);
      socket.close();
    });
    socket.on('error', reject);
  });
}

function openBridge(): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(`ws://127.0.0.1:${host.port}/bridge`, {
      headers: { cookie, origin: `http://127.0.0.1:${host.port}` },
    });
    socket.on('open', () => resolve(socket));
    socket.on('error', reject);
  });
}

function call(socket: WebSocket, id: number, channel: string, args: unknown[]): Promise<ServerMessage> {
  return new Promise((resolve) => {
    const onMessage = (data: Buffer) => {
      const message = JSON.parse(data.toString()) as ServerMessage;
      if (message.type === 'result' && message.id === id) {
        socket.off('message', onMessage);
        resolve(message);
      }
    };
    socket.on('message', onMessage);
    socket.send(JSON.stringify({ type: 'call', id, channel, args }));
  });
}

function connects(address: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: address, port });
    socket.setTimeout(3000, () => {
      socket.destroy();
      resolve(false);
    });
    socket.on('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.on('error', () => resolve(false));
  });
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'everynode-web-'));
  const staticDir = path.join(dir, 'renderer');
  await mkdir(path.join(staticDir, 'assets'), { recursive: true });
  await writeFile(path.join(staticDir, 'index.html'), '<!doctype html><title>Everynode</title>');
  await writeFile(path.join(staticDir, 'assets', 'app.js'), 'export const app = 1;');
  await mkdir(path.join(dir, 'home'));
  const kubeconfig = path.join(dir, 'temp.kubeconfig');
  await writeFile(
    kubeconfig,
    [
      'apiVersion: v1',
      'kind: Config',
      'clusters:',
      '- name: nowhere',
      '  cluster: { server: "https://127.0.0.1:9" }',
      'users:',
      '- name: someone',
      `  user: { token: "${SECRET_TOKEN}" }`,
      'contexts:',
      '- name: temp-ctx',
      '  context: { cluster: nowhere, user: someone, namespace: team-a }',
      'current-context: temp-ctx',
      '',
    ].join('\n'),
  );
  host = await startWebHost({
    sandbox: 'off',
    kubeconfigs: [kubeconfig],
    homeDir: path.join(dir, 'home'),
    stateDir: path.join(dir, 'state'),
    staticDir,
    tuning: { requestTimeoutMs: 2000 },
  });
  // The printed address, opened as a browser opens it.
  firstSignIn = await get(`/?token=${host.token}`);
  cookie = firstSignIn.headers['set-cookie']?.[0]?.split(';')[0] ?? '';
});

afterAll(async () => {
  await host?.close();
  await rm(dir, { recursive: true, force: true });
});

describe('browser host', () => {
  it('prints a 127.0.0.1 address carrying a 256-bit token', () => {
    expect(host.url).toBe(`http://127.0.0.1:${host.port}/?token=${host.token}`);
    expect(host.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('answers 401 to the page and to assets without the token cookie', async () => {
    expect((await get('/')).status).toBe(401);
    expect((await get('/assets/app.js')).status).toBe(401);
    expect((await get('/index.html', { cookie: `everynode-${host.port}=wrong` })).status).toBe(401);
    expect((await get('/?token=wrong')).status).toBe(401);
    expect((await get(`/assets/app.js?token=${host.token}`)).status).toBe(401);
  });

  it('swaps the token in the URL, once, for an HttpOnly SameSite=Strict cookie of its own, and redirects to /', async () => {
    const reply = firstSignIn;
    expect(reply.status).toBe(303);
    expect(reply.headers.location).toBe('/');
    expect(reply.headers['set-cookie']).toEqual([`${cookie}; HttpOnly; SameSite=Strict; Path=/`]);
    expect(cookie).toMatch(new RegExp(`^everynode-${host.port}=[A-Za-z0-9_-]{43}$`));
    expect(cookie).not.toContain(host.token);
    // Finding 10: the printed address works once, and the token is no cookie.
    expect((await get(`/?token=${host.token}`)).status).toBe(401);
    expect((await get('/', { cookie: `everynode-${host.port}=${host.token}` })).status).toBe(401);
    const page = await get('/', { cookie });
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(page.body).toContain('<title>Everynode</title>');
    const asset = await get('/assets/app.js', { cookie });
    expect(asset.status).toBe(200);
    expect(asset.headers['content-type']).toBe('text/javascript; charset=utf-8');
  });

  it('serves nothing outside the renderer folder', async () => {
    for (const probe of ['/../temp.kubeconfig', '/%2e%2e/temp.kubeconfig', '/assets/..%2f..%2ftemp.kubeconfig']) {
      const reply = await get(probe, { cookie });
      expect(reply.status, probe).toBe(404);
      expect(reply.body).not.toContain(SECRET_TOKEN);
    }
  });

  it('refuses foreign Host headers (DNS rebinding) and foreign origins, even with the cookie', async () => {
    expect((await get('/', { cookie, host: `evil.example:${host.port}` })).status).toBe(403);
    expect((await get(`/?token=${host.token}`, { host: `evil.example:${host.port}` })).status).toBe(403);
    expect((await get('/', { cookie, origin: 'http://evil.example' })).status).toBe(403);
    expect((await get('/', { cookie, origin: `http://localhost:${host.port}` })).status).toBe(200);
  });

  it('refuses the WebSocket upgrade without the cookie, with a wrong one, or from a foreign origin', async () => {
    const origin = `http://127.0.0.1:${host.port}`;
    expect(await upgradeStatus({ origin })).toBe(401);
    expect(await upgradeStatus({ origin, cookie: `everynode-${host.port}=${host.token}` })).toBe(401);
    expect(await upgradeStatus({ origin: 'http://evil.example', cookie })).toBe(403);
    expect(await upgradeStatus({ cookie })).toBe(403);
    expect(await upgradeStatus({ origin, cookie, host: `rebound.example:${host.port}` })).toBe(403);
    expect(await upgradeStatus({ origin, cookie })).toBe(101);
  });

  it('listens on 127.0.0.1 only', async () => {
    expect(await connects('127.0.0.1', host.port)).toBe(true);
    const others = ['127.0.0.2', '::1'];
    for (const addresses of Object.values(os.networkInterfaces())) {
      for (const address of addresses ?? []) if (!address.internal) others.push(address.address);
    }
    for (const address of others) expect(await connects(address, host.port), address).toBe(false);
  });

  it('answers a call with bad arguments with a WireResult error, and serves a good call', async () => {
    const socket = await openBridge();
    try {
      const bad = await call(socket, 1, 'everynode:projects.add', ['temp-ctx', 42]);
      expect(bad).toMatchObject({ type: 'result', id: 1, result: { ok: false, error: { code: 'invalid-argument' } } });
      const unknown = await call(socket, 2, 'everynode:clusters.readFile', ['/etc/passwd']);
      expect(unknown).toMatchObject({ result: { ok: false, error: { code: 'invalid-argument' } } });
      const dialog = await call(socket, 3, 'everynode:clusters.addKubeconfig', [{ kind: 'dialog' }]);
      expect(dialog).toMatchObject({ result: { ok: false, error: { code: 'unsupported' } } });

      const info = await call(socket, 4, 'everynode:host.info', []);
      expect(info).toMatchObject({ result: { ok: true, value: { kind: 'web' } } });
      const state = await call(socket, 5, 'everynode:clusters.getState', []);
      expect(state.type === 'result' && state.result.ok).toBe(true);
      const value = state.type === 'result' && state.result.ok ? state.result.value : undefined;
      expect(value).toMatchObject({ contexts: [expect.objectContaining({ name: 'temp-ctx', user: 'someone' })] });
      expect(JSON.stringify(state)).not.toContain(SECRET_TOKEN);
    } finally {
      socket.close();
    }
  });

  it('tells a socket that does not speak the protocol why, and keeps serving it', async () => {
    const socket = await openBridge();
    try {
      const refusal = new Promise<ServerMessage>((resolve) =>
        socket.once('message', (data: Buffer) => resolve(JSON.parse(data.toString()) as ServerMessage)),
      );
      socket.send('{"type":"call","id":"x"}');
      expect(await refusal).toEqual({
        type: 'refused',
        error: { code: 'invalid-argument', message: '"id" must be a whole number, not a string.' },
      });
      expect(await call(socket, 6, 'everynode:host.info', [])).toMatchObject({ result: { ok: true } });
    } finally {
      socket.close();
    }
  });
});
