// Upgrade requests (exec, attach, port-forward): the HTTPS server hands each one to the ordinary route with a
// response object bound to the raw socket, so authentication, impersonation, faults, RBAC and Status errors are the
// same as for any request; the streaming handler then takes the socket over with a WebSocket. SPDY upgrades are
// refused with the kubectl version that speaks WebSocket (a sandbox difference: real servers still accept SPDY).
import type { IncomingMessage } from 'node:http';
import { ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { badRequest, StatusError } from '../errors.js';

interface Upgrade {
  socket: Duplex;
  head: Buffer;
}

const upgrades = new WeakMap<IncomingMessage, Upgrade>();
const sockets = new WeakMap<ServerResponse, Duplex>();

/** A response written straight to an upgrade request's socket, closed once it is sent. */
export function upgradeResponse(req: IncomingMessage, socket: Duplex, head: Buffer): ServerResponse {
  upgrades.set(req, { socket, head });
  const res = new ServerResponse(req);
  res.shouldKeepAlive = false;
  res.assignSocket(socket as never);
  sockets.set(res, socket);
  res.on('finish', () => socket.destroy());
  return res;
}

export function isUpgrade(req: IncomingMessage): boolean {
  return upgrades.has(req);
}

const upgradeHeader = (req: IncomingMessage): string => (req.headers.upgrade ?? '').toLowerCase();
export const isWebSocket = (req: IncomingMessage): boolean => upgradeHeader(req) === 'websocket';
const isSpdy = (req: IncomingMessage): boolean => upgradeHeader(req).startsWith('spdy/');

/** The subprotocols the client offers, in its order. */
export function offeredProtocols(req: IncomingMessage): string[] {
  const header = req.headers['sec-websocket-protocol'];
  return (Array.isArray(header) ? header.join(',') : (header ?? ''))
    .split(',')
    .map((p) => p.trim())
    .filter((p) => p !== '');
}

const KUBECTL_NEEDED: Record<string, string> = {
  exec: 'kubectl 1.30 or newer',
  attach: 'kubectl 1.30 or newer',
  portforward: 'kubectl 1.31 or newer',
};

/**
 * The checks every streaming request passes once the pod is known: it must be an upgrade, and a WebSocket one
 * offering one of `protocols`; returns the protocol chosen (the client's first one the sandbox speaks).
 */
export function chooseProtocol(req: IncomingMessage, subresource: string, protocols: string[]): string {
  if (!isUpgrade(req)) throw badRequest('Upgrade request required');
  if (isSpdy(req)) {
    throw badRequest(
      `the sandbox cluster serves pods/${subresource} over WebSocket only, not SPDY: use ${KUBECTL_NEEDED[subresource] ?? 'a newer kubectl'} (older kubectl versions speak SPDY for it)`,
    );
  }
  if (!isWebSocket(req)) throw badRequest(`unsupported upgrade "${req.headers.upgrade ?? ''}": use WebSocket`);
  const chosen = offeredProtocols(req).find((p) => protocols.includes(p));
  if (chosen === undefined) {
    throw badRequest(
      `pods/${subresource}: none of the requested WebSocket subprotocols is served; the sandbox speaks ${protocols.join(', ')}`,
    );
  }
  return chosen;
}

/** A plain-text error, as a kubelet answers an upgrade it refuses (the API server passes it on as it is). */
export function kubeletError(code: number, message: string): StatusError {
  const error = new StatusError(code, 'InternalError', message);
  (error as StatusError & { plain?: true }).plain = true;
  return error;
}

export function isPlain(error: unknown): boolean {
  return error instanceof StatusError && (error as StatusError & { plain?: true }).plain === true;
}

/** Takes the socket over with a WebSocket speaking `protocol`. */
export function acceptWebSocket(req: IncomingMessage, res: ServerResponse, protocol: string): Promise<WebSocket> {
  const upgrade = upgrades.get(req);
  if (!upgrade) return Promise.reject(badRequest('Upgrade request required'));
  res.detachSocket(upgrade.socket as never);
  res.removeAllListeners('finish');
  // `ws` accepts only RFC 7230 tokens as subprotocols, and `SPDY/3.1+portforward.k8s.io` has a slash (gorilla, on
  // both ends of a real cluster, does not check): it parses a stand-in, and the answer names the real protocol.
  req.headers['sec-websocket-protocol'] = 'chosen';
  const server = new WebSocketServer({ noServer: true, handleProtocols: () => protocol });
  return new Promise((resolve) => {
    server.handleUpgrade(req, upgrade.socket, upgrade.head, (ws) => {
      server.close();
      resolve(ws);
    });
  });
}
