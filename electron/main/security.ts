import type { Session, WebContents } from 'electron';
import { CONTENT_SECURITY_POLICY } from '../host/static-files.js';

/** Permissions (camera, notifications, clipboard, devices...) are never granted: the app needs none. */
export function hardenSession(session: Session): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
  // The app:// protocol already sends the CSP; this also covers anything else a window might load.
  session.webRequest.onHeadersReceived((details, callback) => {
    // Any policy the response brought is replaced, never merged: ours is the only one in force.
    const headers = Object.fromEntries(
      Object.entries(details.responseHeaders ?? {}).filter(
        ([name]) => name.toLowerCase() !== 'content-security-policy',
      ),
    );
    headers['Content-Security-Policy'] = [CONTENT_SECURITY_POLICY];
    callback({ responseHeaders: headers });
  });
}

/**
 * Issue 16: the one kind of address a page may hand to the system browser ("Open in browser" of a port-forward):
 * plain http to 127.0.0.1 on an explicit port, nothing else (no other host, scheme, credentials in the URL).
 */
export function isForwardUrl(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  return (
    parsed.protocol === 'http:' &&
    parsed.hostname === '127.0.0.1' &&
    parsed.port !== '' &&
    parsed.username === '' &&
    parsed.password === ''
  );
}

/**
 * Every web contents the app creates stays on its page: no navigation, no new windows, no webviews. A window.open of
 * a port-forward's address goes to the system browser through `openExternal` instead (and no window opens).
 */
export function hardenWebContents(contents: WebContents, openExternal: (url: string) => void = () => undefined): void {
  contents.on('will-navigate', (event) => event.preventDefault());
  contents.on('will-frame-navigate', (event) => event.preventDefault());
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    if (isForwardUrl(url)) openExternal(url);
    return { action: 'deny' };
  });
}
