// Authentication: bearer tokens (admin, operator) and client certificates signed by the sandbox CA (developer).
import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { TLSSocket } from 'node:tls';
import type { Actor } from '../types.js';
import { AUTHENTICATED, MASTERS } from './rbac.js';

export interface TokenUser {
  token: string;
  user: string;
  groups: string[];
}

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export function tokenUsers(adminToken: string, operatorToken: string): TokenUser[] {
  return [
    { token: adminToken, user: 'admin', groups: [MASTERS, AUTHENTICATED] },
    { token: operatorToken, user: 'operator', groups: [MASTERS, AUTHENTICATED] },
  ];
}

/**
 * The user of a request, `undefined` when unauthenticated, or `null` when credentials were presented but are wrong
 * (a bad token is a 401 even if a client certificate would be valid, as with the real union authenticator order).
 */
export function authenticate(req: IncomingMessage, users: TokenUser[]): Actor | undefined | null {
  const header = req.headers.authorization;
  if (header !== undefined) {
    const m = /^Bearer\s+(\S+)\s*$/i.exec(header);
    if (!m?.[1]) return null;
    const token = m[1];
    const found = users.find((u) => sameSecret(u.token, token));
    return found ? { user: found.user, groups: found.groups } : null;
  }
  const socket = req.socket as TLSSocket;
  if (socket.authorized && typeof socket.getPeerCertificate === 'function') {
    const cert = socket.getPeerCertificate();
    const cn = cert.subject?.CN;
    const name = Array.isArray(cn) ? cn[0] : cn;
    if (name) {
      const org = cert.subject.O;
      const groups = (Array.isArray(org) ? org : org ? [org] : []).concat(AUTHENTICATED);
      return { user: name, groups };
    }
  }
  return undefined;
}
