import { createReadStream } from 'node:fs';
import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import type { WebSocket } from 'ws';
// From its own module, not the contract's index: that one brings the validators (zod), which the server does not
// need before the backend has loaded.
import { WEB_BRIDGE_PATH } from '../contract/web-protocol.js';
import { refuse, SignIn, tokenCookie } from './access.js';
import { SECURITY_HEADERS, mimeType, resolveStaticFile } from '../host/static-files.js';

export interface WebServerOptions {
  staticDir: string;
  token: string;
  /** The port the server listens on (known after listen; the Host and Origin checks need it). */
  port(): number;
  onBridge(socket: WebSocket): void;
}

/** Large enough for an uploaded kubeconfig (4 MB of text, JSON-escaped), small enough to refuse a flood. */
export const MAX_MESSAGE_BYTES = 16 * 1024 * 1024;

function reply(response: ServerResponse, status: number, text: string, headers: Record<string, string> = {}): void {
  response.writeHead(status, {
    ...SECURITY_HEADERS,
    'Cache-Control': 'no-store',
    'Content-Type': 'text/plain; charset=utf-8',
    ...headers,
  });
  response.end(text);
}

function rejectUpgrade(socket: Duplex, status: number, text: string): void {
  socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
  socket.destroy();
}

async function serveRequest(
  options: WebServerOptions,
  signIn: SignIn,
  request: IncomingMessage,
  response: ServerResponse,
) {
  const port = options.port();
  const url = new URL(request.url ?? '/', `http://127.0.0.1:${port}`);

  // The token arrives once in the address; it is swapped for a cookie and removed from the URL bar and history.
  const offered = url.searchParams.get('token');
  if (offered !== null && url.pathname === '/') {
    const refusal = refuse(request, port, signIn, false);
    if (refusal?.status === 403) return reply(response, 403, refusal.reason);
    if (request.method !== 'GET') return reply(response, 405, 'Method not allowed.', { Allow: 'GET' });
    const cookie = signIn.exchange(offered);
    if (cookie === undefined) return reply(response, 401, 'Wrong token, or an address that was used already.');
    return reply(response, 303, 'Signed in.', { Location: '/', 'Set-Cookie': tokenCookie(port, cookie) });
  }

  const refusal = refuse(request, port, signIn, false);
  if (refusal !== undefined) return reply(response, refusal.status, refusal.reason);
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    return reply(response, 405, 'Method not allowed.', { Allow: 'GET, HEAD' });
  }
  const file = await resolveStaticFile(options.staticDir, url.pathname);
  if (file === undefined) return reply(response, 404, 'Not found.');
  response.writeHead(200, {
    ...SECURITY_HEADERS,
    'Content-Type': mimeType(file),
    // index.html names the hashed assets of this build; it must not be cached across builds.
    'Cache-Control': file.endsWith('.html') ? 'no-store' : 'private, max-age=3600',
  });
  if (request.method === 'HEAD') return response.end();
  createReadStream(file)
    .on('error', () => response.destroy())
    .pipe(response);
}

export function createWebServer(options: WebServerOptions): { server: Server; sockets: WebSocketServer } {
  const sockets = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES, perMessageDeflate: false });
  const signIn = new SignIn(options.token);
  const server = createServer((request, response) => {
    serveRequest(options, signIn, request, response).catch(() => {
      if (!response.headersSent) reply(response, 500, 'Internal error.');
      else response.destroy();
    });
  });
  server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on('error', () => socket.destroy());
    const port = options.port();
    const url = new URL(request.url ?? '/', `http://127.0.0.1:${port}`);
    if (url.pathname !== WEB_BRIDGE_PATH) return rejectUpgrade(socket, 404, 'Not Found');
    const refusal = refuse(request, port, signIn, true);
    if (refusal !== undefined) {
      return rejectUpgrade(socket, refusal.status, refusal.status === 401 ? 'Unauthorized' : 'Forbidden');
    }
    sockets.handleUpgrade(request, socket, head, (ws) => options.onBridge(ws));
  });
  return { server, sockets };
}
