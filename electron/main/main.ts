// Electron's main process: app lifecycle and wiring only. Window security lives in window-options.ts and
// security.ts, the IPC boundary in ipc-registrar.ts, the services in electron/backend.
import path from 'node:path';
import { app, dialog, ipcMain, Menu, protocol, session, shell } from 'electron';
import { createBackend, toErrorDTO } from '../backend/index.js';
import type { Backend } from '../backend/index.js';
import { APP_SCHEME_PRIVILEGES, isAppUrl, serveRenderer } from './app-protocol.js';
import { parseMainArgs } from './args.js';
import { registerIpc } from './ipc-registrar.js';
import { backendOptions, windowStateFile } from './storage.js';
import { menuTemplate } from './menu.js';
import { hardenSession, hardenWebContents } from './security.js';
import { AppWindows } from './windows.js';

const distDir = path.resolve(__dirname, '..');
const dev = !app.isPackaged;

// Both must happen before `ready`: every renderer is sandboxed, and app:// is a secure standard scheme.
app.enableSandbox();
protocol.registerSchemesAsPrivileged([APP_SCHEME_PRIVILEGES]);
// Issue 16: "Open in browser" of a port-forward (127.0.0.1 only, security.ts isForwardUrl) opens the system browser.
app.on('web-contents-created', (_event, contents) =>
  hardenWebContents(contents, (url) => void shell.openExternal(url)),
);

let backend: Backend | undefined;
let windows: AppWindows | undefined;

async function start(): Promise<void> {
  const args = parseMainArgs(process.argv.slice(1));
  const defaultSession = session.defaultSession;
  hardenSession(defaultSession);
  serveRenderer(defaultSession.protocol, path.join(distDir, 'renderer'));

  backend = await createBackend(backendOptions(args));

  const appWindows = new AppWindows({
    backend,
    preloadPath: path.join(distDir, 'preload', 'preload.cjs'),
    stateFile: windowStateFile(),
    dev,
    homeDir: app.getPath('home'),
    info: { kind: 'electron', version: app.getVersion(), platform: process.platform },
    locale: () => app.getLocale(),
  });
  windows = appWindows;
  registerIpc(ipcMain, { isTrustedUrl: isAppUrl, servicesFor: (sender) => appWindows.servicesFor(sender) });

  Menu.setApplicationMenu(
    Menu.buildFromTemplate(
      menuTemplate({
        dev,
        isMac: process.platform === 'darwin',
        addKubeconfig: () => void addKubeconfigFromMenu(appWindows),
        about: () => void showAbout(),
        command: (command) => appWindows.sendCommand(command),
      }),
    ),
  );
  await appWindows.open();
}

async function addKubeconfigFromMenu(appWindows: AppWindows): Promise<void> {
  const target = appWindows.focused();
  if (target === undefined) return;
  try {
    // The backend announces the new contexts to every window through onDidChangeClusters.
    await target.services.clusters.addKubeconfig({ kind: 'dialog' });
  } catch (error) {
    await dialog.showMessageBox(target.window, {
      type: 'error',
      message: 'The kubeconfig could not be added.',
      detail: toErrorDTO(error).message,
    });
  }
}

async function showAbout(): Promise<void> {
  await dialog.showMessageBox({
    type: 'info',
    title: 'About Everynode',
    message: `Everynode ${app.getVersion()}`,
    detail: `Electron ${process.versions.electron}\nChromium ${process.versions.chrome}\nNode ${process.versions.node}`,
  });
}

function fail(error: unknown): void {
  dialog.showErrorBox('Everynode could not start', toErrorDTO(error).message);
  app.exit(1);
}

if (!app.requestSingleInstanceLock()) {
  // Another instance owns the window; it is told through `second-instance` and comes forward.
  app.quit();
} else {
  app.on('second-instance', () => windows?.focus());
  app.on('activate', () => {
    if (windows !== undefined && windows.count() === 0) void windows.open();
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  let disposed = false;
  app.on('will-quit', (event) => {
    if (disposed || backend === undefined) return;
    // Stop watches and a sandbox cluster the backend started before the process ends.
    event.preventDefault();
    const current = backend;
    void (windows?.shutdown() ?? Promise.resolve())
      .then(() => current.dispose())
      .catch(() => undefined)
      .finally(() => {
        disposed = true;
        app.quit();
      });
  });
  app.whenReady().then(start).catch(fail);
}
