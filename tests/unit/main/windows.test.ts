import { EventEmitter } from 'node:events';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { WebContents } from 'electron';
import type { Backend, ClientSession, EventSink } from '../../../electron/backend/index.js';
import type { ClustersState, EverynodeServices } from '../../../electron/contract/index.js';

// A stand-in for Electron's BrowserWindow: enough to drive the lifecycle events the host listens to.
const electron = vi.hoisted(() => {
  const created: unknown[] = [];
  return {
    created,
    dialogResult: { canceled: false, filePaths: ['/home/u/.kube/picked.yaml'] },
    dialogOptions: [] as { defaultPath?: string }[],
  };
});

vi.mock('electron', async () => {
  const { EventEmitter: Emitter } = await import('node:events');
  let nextId = 1;
  class FakeContents extends Emitter {
    id = nextId++;
    destroyed = false;
    sent: [string, unknown][] = [];
    isDestroyed() {
      return this.destroyed;
    }
    send(channel: string, payload: unknown) {
      this.sent.push([channel, payload]);
    }
  }
  class BrowserWindow extends Emitter {
    webContents = new FakeContents();
    options: unknown;
    loaded: string[] = [];
    constructor(options: unknown) {
      super();
      this.options = options;
      electron.created.push(this);
    }
    isDestroyed() {
      return false;
    }
    loadURL(url: string) {
      this.loaded.push(url);
      return Promise.resolve();
    }
    getNormalBounds() {
      return { x: 0, y: 0, width: 1000, height: 700 };
    }
    isMaximized() {
      return false;
    }
    static getFocusedWindow() {
      return null;
    }
  }
  return {
    BrowserWindow,
    screen: { getAllDisplays: () => [{ workArea: { x: 0, y: 0, width: 1920, height: 1080 } }] },
    dialog: {
      showOpenDialog: (_window: unknown, options: { defaultPath?: string }) => {
        electron.dialogOptions.push(options);
        return Promise.resolve(electron.dialogResult);
      },
    },
  };
});

const { AppWindows } = await import('../../../electron/main/windows.js');
const { loadWindowState } = await import('../../../electron/main/window-state.js');

/** A did-start-navigation details object, checked against Electron 45's own event type. */
const navigation = (isMainFrame: boolean, isSameDocument: boolean) =>
  ({ isMainFrame, isSameDocument }) satisfies Partial<
    Electron.Event<Electron.WebContentsDidStartNavigationEventParams>
  >;

interface FakeWindow extends EventEmitter {
  webContents: WebContents & { sent: [string, unknown][] };
  options: { webPreferences?: Record<string, unknown> };
  loaded: string[];
}

function fakeBackend() {
  const sinks: EventSink[] = [];
  const disposed: number[] = [];
  const added: string[] = [];
  const state = { contexts: [] } as unknown as ClustersState;
  const backend: Backend = {
    connect(sink) {
      const index = sinks.push(sink) - 1;
      const session: ClientSession = {
        services: { clusters: { getState: () => Promise.resolve(state) } } as unknown as EverynodeServices,
        dispose: () => disposed.push(index),
      };
      return session;
    },
    addKubeconfigPath: (file) => {
      added.push(file);
      return Promise.resolve();
    },
    dispose: () => Promise.resolve(),
  };
  return { backend, sinks, disposed, added, state };
}

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'everynode-windows-'));
  electron.created.length = 0;
});
afterEach(() => rm(dir, { recursive: true, force: true }));

async function openWindow(homeDir = '/home/u') {
  const fake = fakeBackend();
  const windows = new AppWindows({
    backend: fake.backend,
    preloadPath: '/dist/preload/preload.cjs',
    stateFile: path.join(dir, 'window-state.json'),
    dev: false,
    homeDir,
    info: { kind: 'electron', version: '1.0.0', platform: 'linux' },
  });
  await windows.open();
  const window = electron.created[0] as FakeWindow;
  return { windows, window, ...fake };
}

describe('app windows', () => {
  it('open our page with the default secure options', async () => {
    const { window } = await openWindow();
    expect(window.loaded).toEqual(['everynode://app/index.html']);
    expect(window.options.webPreferences).toMatchObject({ sandbox: true, contextIsolation: true });
  });

  it('give each window one backend session whose events reach only that window', async () => {
    const { windows, window, sinks } = await openWindow();
    const services = windows.servicesFor(window.webContents);
    expect(services).toBeDefined();
    expect(windows.servicesFor(window.webContents)).toBe(services);
    expect(sinks).toHaveLength(1);
    sinks[0]?.emit('onDidChangeClusters', { contexts: [] } as unknown as ClustersState);
    expect(window.webContents.sent).toEqual([['everynode:onDidChangeClusters', { contexts: [] }]]);
    expect(await services?.host.info()).toEqual({ kind: 'electron', version: '1.0.0', platform: 'linux' });
  });

  it('serve nothing to web contents that are not their windows', async () => {
    const { windows } = await openWindow();
    expect(windows.servicesFor({ id: 999 } as WebContents)).toBeUndefined();
  });

  it('end the session on reload and on close', async () => {
    const { windows, window, disposed, sinks } = await openWindow();
    windows.servicesFor(window.webContents);
    window.webContents.emit('did-start-navigation', navigation(true, false));
    expect(disposed).toEqual([0]);
    windows.servicesFor(window.webContents);
    expect(sinks).toHaveLength(2);
    window.emit('close');
    window.emit('closed');
    expect(disposed).toEqual([0, 1]);
    expect(windows.count()).toBe(0);
    // Closing also remembers where the window was.
    await vi.waitFor(async () =>
      expect(await loadWindowState(path.join(dir, 'window-state.json'))).toEqual({
        bounds: { x: 0, y: 0, width: 1000, height: 700 },
        maximized: false,
      }),
    );
  });

  it('keep the session through in-page navigation', async () => {
    const { windows, window, disposed } = await openWindow();
    windows.servicesFor(window.webContents);
    window.webContents.emit('did-start-navigation', navigation(true, true));
    window.webContents.emit('did-start-navigation', navigation(false, false));
    expect(disposed).toEqual([]);
  });

  it('hand the file picked in the native dialog to the backend', async () => {
    const { windows, window, added, state } = await openWindow();
    const services = windows.servicesFor(window.webContents);
    expect(await services?.clusters.addKubeconfig({ kind: 'dialog' })).toBe(state);
    expect(added).toEqual(['/home/u/.kube/picked.yaml']);
  });

  it('open the dialog in ~/.kube, or in the home directory without one (Electron 43+ would pick Downloads)', async () => {
    const { windows, window } = await openWindow(dir);
    const services = windows.servicesFor(window.webContents);
    await services?.clusters.addKubeconfig({ kind: 'dialog' });
    await mkdir(path.join(dir, '.kube'));
    await services?.clusters.addKubeconfig({ kind: 'dialog' });
    expect(electron.dialogOptions.slice(-2).map((o) => o.defaultPath)).toEqual([dir, path.join(dir, '.kube')]);
  });
});
