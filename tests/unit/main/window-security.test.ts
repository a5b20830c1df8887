import { EventEmitter } from 'node:events';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Session, WebContents } from 'electron';
import { defaultWindowOptions } from '../../../electron/main/window-options.js';
import { hardenSession, hardenWebContents, isForwardUrl } from '../../../electron/main/security.js';
import { isAppUrl, rendererResponse } from '../../../electron/main/app-protocol.js';
import { CONTENT_SECURITY_POLICY } from '../../../electron/host/static-files.js';

vi.mock('electron', () => ({}));

describe('defaultWindowOptions', () => {
  it('isolates and sandboxes the renderer and loads our preload', () => {
    const options = defaultWindowOptions({ preloadPath: '/app/dist/preload/preload.cjs', dev: false });
    expect(options.webPreferences).toMatchObject({
      preload: '/app/dist/preload/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      devTools: false,
    });
    expect(options.show).toBe(false);
  });

  it('allows developer tools in development only', () => {
    expect(defaultWindowOptions({ preloadPath: '/p', dev: true }).webPreferences?.devTools).toBe(true);
  });
});

describe('hardenWebContents', () => {
  it('prevents every navigation, redirect and webview, and denies new windows', () => {
    type OpenHandler = Parameters<WebContents['setWindowOpenHandler']>[0];
    const contents = new EventEmitter() as EventEmitter & { openHandler?: OpenHandler };
    Object.assign(contents, {
      setWindowOpenHandler: (handler: OpenHandler) => void (contents.openHandler = handler),
    } satisfies Pick<WebContents, 'setWindowOpenHandler'>);
    hardenWebContents(contents as unknown as WebContents);
    for (const name of ['will-navigate', 'will-frame-navigate', 'will-redirect', 'will-attach-webview']) {
      const event = { preventDefault: vi.fn() } satisfies Pick<Electron.Event, 'preventDefault'>;
      contents.emit(name, event, { url: 'https://evil.example/' });
      expect(event.preventDefault, name).toHaveBeenCalledOnce();
    }
    const details = { url: 'https://evil.example/' } as Electron.HandlerDetails;
    expect(contents.openHandler?.(details)).toEqual({ action: 'deny' });
  });

  it('hands a port-forward address (http://127.0.0.1:PORT) to the system browser and nothing else', () => {
    type OpenHandler = Parameters<WebContents['setWindowOpenHandler']>[0];
    const contents = new EventEmitter() as EventEmitter & { openHandler?: OpenHandler };
    Object.assign(contents, {
      setWindowOpenHandler: (handler: OpenHandler) => void (contents.openHandler = handler),
    } satisfies Pick<WebContents, 'setWindowOpenHandler'>);
    const opened: string[] = [];
    hardenWebContents(contents as unknown as WebContents, (url) => opened.push(url));
    const urls = [
      'http://127.0.0.1:38147/metrics',
      'https://127.0.0.1:38147/',
      'http://127.0.0.1/',
      'http://localhost:38147/',
      'http://127.0.0.1.evil.example:38147/',
      'http://user:pw@127.0.0.1:38147/',
      'file:///etc/passwd',
      'javascript:alert(1)',
      'not a url',
    ];
    for (const url of urls) {
      expect(contents.openHandler?.({ url } as Electron.HandlerDetails), url).toEqual({ action: 'deny' });
    }
    expect(opened).toEqual(['http://127.0.0.1:38147/metrics']);
    expect(isForwardUrl('http://[::1]:8080/')).toBe(false);
  });
});

describe('hardenSession', () => {
  function fakeSession() {
    const handlers: Record<string, ((...args: never[]) => unknown) | undefined> = {};
    // Each stand-in method is checked against Electron 45's Session (the handlers keep their real parameter types).
    const session = {
      setPermissionRequestHandler: (h) => void (handlers.request = h ?? undefined),
      setPermissionCheckHandler: (h) => void (handlers.check = h ?? undefined),
      setDevicePermissionHandler: (h) => void (handlers.device = h ?? undefined),
      webRequest: { onHeadersReceived: (...args: unknown[]) => void (handlers.headers = args.at(-1) as never) },
    } satisfies Pick<
      Session,
      'setPermissionRequestHandler' | 'setPermissionCheckHandler' | 'setDevicePermissionHandler'
    > & {
      webRequest: Pick<Session['webRequest'], 'onHeadersReceived'>;
    };
    hardenSession(session as unknown as Session);
    return handlers as Record<string, (...args: unknown[]) => unknown>;
  }

  it('denies every permission request and check', () => {
    const handlers = fakeSession();
    for (const permission of ['media', 'notifications', 'clipboard-read', 'geolocation', 'openExternal']) {
      const callback = vi.fn();
      handlers.request?.({}, permission, callback);
      expect(callback).toHaveBeenCalledWith(false);
      expect(handlers.check?.({}, permission)).toBe(false);
    }
    expect(handlers.device?.({ deviceType: 'usb' })).toBe(false);
  });

  it('replaces any Content-Security-Policy a response brings with ours', () => {
    const handlers = fakeSession();
    const callback = vi.fn();
    handlers.headers?.(
      { responseHeaders: { 'content-security-policy': ['default-src *'], 'X-Other': ['1'] } },
      callback,
    );
    expect(callback).toHaveBeenCalledWith({
      responseHeaders: { 'X-Other': ['1'], 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] },
    });
  });
});

describe('the app:// renderer protocol', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'everynode-app-'));
    await mkdir(path.join(dir, 'renderer', 'assets'), { recursive: true });
    await writeFile(path.join(dir, 'renderer', 'index.html'), '<!doctype html><title>app</title>');
    await writeFile(path.join(dir, 'renderer', 'assets', 'app.js'), 'console.log(1)');
    await writeFile(path.join(dir, 'secret.txt'), 'secret');
    await symlink(path.join(dir, 'secret.txt'), path.join(dir, 'renderer', 'assets', 'link.txt'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('serves the page and assets with the CSP', async () => {
    const page = await rendererResponse(path.join(dir, 'renderer'), 'everynode://app/index.html');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(await page.text()).toContain('<title>app</title>');
    const script = await rendererResponse(path.join(dir, 'renderer'), 'everynode://app/assets/app.js');
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
  });

  it.each([
    'everynode://app/../secret.txt',
    'everynode://app/%2e%2e/secret.txt',
    'everynode://app/assets/..%2f..%2fsecret.txt',
    'everynode://app/assets/link.txt',
    'everynode://other/index.html',
  ])('refuses %s', async (url) => {
    const response = await rendererResponse(path.join(dir, 'renderer'), url);
    expect(response.status).toBe(404);
    expect(await response.text()).not.toContain('secret');
  });

  it('trusts only pages of our own origin', () => {
    expect(isAppUrl('everynode://app/index.html#/list')).toBe(true);
    expect(isAppUrl('everynode://app.evil/index.html')).toBe(false);
    expect(isAppUrl('file:///index.html')).toBe(false);
    expect(isAppUrl('http://127.0.0.1:3000/')).toBe(false);
    expect(isAppUrl('not a url')).toBe(false);
  });
});
