import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

// Who may talk to the browser host: a request naming our own address (no DNS rebinding), from our own page (no
// cross-site request), holding the per-launch token's cookie.

export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Cookies are not separated by port, so each launch's cookie is named after its port. */
export function cookieName(port: number): string {
  return `everynode-${port}`;
}

export function tokenCookie(port: number, value: string): string {
  return `${cookieName(port)}=${value}; HttpOnly; SameSite=Strict; Path=/`;
}

/**
 * The printed address's token, good for one sign-in: a GET with it gets a cookie of its own random value (so the
 * token in a shell history or a screenshot opens nothing once used, and knowing the cookie is not knowing the token).
 */
export class SignIn {
  private used = false;
  private readonly cookies = new Set<string>();

  constructor(private readonly token: string) {}

  /** The new cookie value, or undefined when the token is wrong or was used already. */
  exchange(offered: string): string | undefined {
    if (this.used || !sameToken(this.token, offered)) return undefined;
    this.used = true;
    const cookie = newToken();
    this.cookies.add(cookie);
    return cookie;
  }

  isSignedIn(cookie: string | undefined): boolean {
    return cookie !== undefined && [...this.cookies].some((known) => sameToken(known, cookie));
  }
}

export function sameToken(expected: string, given: string | undefined | null): boolean {
  if (typeof given !== 'string') return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}

export function readCookie(header: string | undefined, name: string): string | undefined {
  if (header === undefined) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

export function allowedHosts(port: number): string[] {
  return [`127.0.0.1:${port}`, `localhost:${port}`];
}

export type Refusal = { status: 401 | 403; reason: string };

/**
 * Checks Host, Origin and the cookie. A browser always sends Origin on a WebSocket handshake, so there it is
 * required; plain page loads may omit it.
 */
export function refuse(
  request: IncomingMessage,
  port: number,
  signIn: Pick<SignIn, 'isSignedIn'>,
  upgrade: boolean,
): Refusal | undefined {
  const hosts = allowedHosts(port);
  const host = request.headers.host?.toLowerCase();
  if (host === undefined || !hosts.includes(host)) return { status: 403, reason: 'Unknown host.' };
  const origin = request.headers.origin;
  if (origin !== undefined || upgrade) {
    if (origin === undefined || !hosts.some((allowed) => origin.toLowerCase() === `http://${allowed}`)) {
      return { status: 403, reason: 'Foreign origin.' };
    }
  }
  if (!signIn.isSignedIn(readCookie(request.headers.cookie, cookieName(port)))) {
    return { status: 401, reason: 'Open the address printed by `npm run web`, with its token (it works once).' };
  }
  return undefined;
}
