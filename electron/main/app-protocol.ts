import { readFile } from 'node:fs/promises';
import type { Protocol } from 'electron';
import { SECURITY_HEADERS, mimeType, resolveStaticFile } from '../host/static-files.js';

// The renderer is served from a privileged custom scheme rather than file://: responses carry the CSP header
// (file:// responses have none), the page has a real origin for 'self', and no other local file is reachable.
export const APP_SCHEME = 'everynode';
export const APP_HOST = 'app';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_START_URL = `${APP_ORIGIN}/index.html`;

// Vite emits `<script type="module" crossorigin>`: module scripts load in CORS mode, which Chromium allows only on
// CORS-enabled schemes, even from the same origin.
export const APP_SCHEME_PRIVILEGES = {
  scheme: APP_SCHEME,
  privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true },
};

/** True for a page of our own renderer (and nothing else: not file://, not another host of the scheme). */
export function isAppUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST && parsed.username === '';
  } catch {
    return false;
  }
}

export async function rendererResponse(rendererDir: string, url: string): Promise<Response> {
  const headers = { ...SECURITY_HEADERS };
  if (!isAppUrl(url)) return new Response('Not found', { status: 404, headers });
  const file = await resolveStaticFile(rendererDir, new URL(url).pathname);
  if (file === undefined) return new Response('Not found', { status: 404, headers });
  const body = await readFile(file);
  return new Response(body, { status: 200, headers: { ...headers, 'Content-Type': mimeType(file) } });
}

export function serveRenderer(protocol: Protocol, rendererDir: string): void {
  protocol.handle(APP_SCHEME, (request) => rendererResponse(rendererDir, request.url));
}
