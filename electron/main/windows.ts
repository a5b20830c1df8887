import { existsSync } from 'node:fs';
import path from 'node:path';
import { BrowserWindow, dialog, screen } from 'electron';
import type { WebContents } from 'electron';
import { eventChannel } from '../contract/index.js';
import type { ClustersState, EverynodeServices, HostInfo } from '../contract/index.js';
import type { Backend, ClientSession } from '../backend/index.js';
import type { KeyCommand } from '../../common/keymap.js';
import { hostServices } from '../host/host-services.js';
import { APP_START_URL } from './app-protocol.js';
import { nativeConsent } from './consent-dialog.js';
import { defaultWindowOptions } from './window-options.js';
import { isVisibleOn, loadWindowState, saveWindowState } from './window-state.js';

export interface AppWindowsOptions {
  backend: Backend;
  preloadPath: string;
  stateFile: string;
  dev: boolean;
  homeDir: string;
  info: HostInfo;
  /** The OS language, for the native consent dialogs. */
  locale(): string;
}

interface Tracked {
  window: BrowserWindow;
  session: ClientSession | undefined;
  services: EverynodeServices | undefined;
}

/** The app's windows, each with its own backend session (its subscriptions die with the window or its page). */
export class AppWindows {
  private readonly tracked = new Map<number, Tracked>();
  private readonly pendingSaves = new Set<Promise<void>>();

  constructor(private readonly options: AppWindowsOptions) {}

  /** Services for IPC from `sender`, created on first use after each page load; undefined for foreign contents. */
  servicesFor(sender: WebContents): EverynodeServices | undefined {
    const entry = this.tracked.get(sender.id);
    if (entry === undefined || entry.window.isDestroyed()) return undefined;
    if (entry.services === undefined) {
      const session = this.options.backend.connect({
        emit: (event, payload) => {
          if (!sender.isDestroyed()) sender.send(eventChannel(event), payload);
        },
      });
      entry.session = session;
      entry.services = hostServices(session.services, {
        info: this.options.info,
        addFromDialog: () => this.addKubeconfigFromDialog(entry.window, session.services),
        consent: nativeConsent(
          () => (entry.window.isDestroyed() ? undefined : entry.window),
          () => this.options.locale(),
        ),
      });
    }
    return entry.services;
  }

  async open(): Promise<BrowserWindow> {
    const state = await loadWindowState(this.options.stateFile);
    const base = defaultWindowOptions({ preloadPath: this.options.preloadPath, dev: this.options.dev });
    const areas = screen.getAllDisplays().map((display) => display.workArea);
    const window = new BrowserWindow(
      state !== undefined && isVisibleOn(state.bounds, areas) ? { ...base, ...state.bounds } : base,
    );
    const contents = window.webContents;
    const id = contents.id;
    this.tracked.set(id, { window, session: undefined, services: undefined });

    // A reload or a crash-recovery load starts a new page: the old page's subscriptions must not outlive it.
    contents.on('did-start-navigation', (details) => {
      if (details.isMainFrame && !details.isSameDocument) this.endSession(id);
    });
    contents.on('render-process-gone', () => this.endSession(id));
    window.once('ready-to-show', () => {
      if (state?.maximized === true) window.maximize();
      window.show();
    });
    window.on('close', () => {
      const bounds = window.getNormalBounds();
      const save = saveWindowState(this.options.stateFile, { bounds, maximized: window.isMaximized() })
        .catch(() => undefined)
        .finally(() => this.pendingSaves.delete(save));
      this.pendingSaves.add(save);
    });
    window.on('closed', () => {
      this.endSession(id);
      this.tracked.delete(id);
    });
    await window.loadURL(APP_START_URL);
    return window;
  }

  /** The second launch of the app lands here: bring the existing window forward. */
  focus(): void {
    const first = [...this.tracked.values()][0]?.window;
    if (first === undefined || first.isDestroyed()) {
      void this.open();
      return;
    }
    if (first.isMinimized()) first.restore();
    first.show();
    first.focus();
  }

  focused(): { window: BrowserWindow; services: EverynodeServices } | undefined {
    const window = BrowserWindow.getFocusedWindow() ?? [...this.tracked.values()][0]?.window;
    if (window === undefined || window.isDestroyed()) return undefined;
    const services = this.servicesFor(window.webContents);
    return services === undefined ? undefined : { window, services };
  }

  /** A keymap command chosen in the menu, for the focused window's page (common/keymap.ts). */
  sendCommand(command: KeyCommand): void {
    const window = BrowserWindow.getFocusedWindow() ?? [...this.tracked.values()][0]?.window;
    if (window === undefined || window.isDestroyed()) return;
    window.webContents.send(eventChannel('onDidChooseCommand'), { command });
  }

  count(): number {
    return this.tracked.size;
  }

  /** Before the app quits: every session ends and the last window state reaches the disk. */
  async shutdown(): Promise<void> {
    for (const id of this.tracked.keys()) this.endSession(id);
    await Promise.all([...this.pendingSaves]);
  }

  private endSession(id: number): void {
    const entry = this.tracked.get(id);
    if (entry?.session === undefined) return;
    entry.session.dispose();
    entry.session = undefined;
    entry.services = undefined;
  }

  private async addKubeconfigFromDialog(window: BrowserWindow, services: EverynodeServices): Promise<ClustersState> {
    // Always a defaultPath: without one Electron 43+ opens Downloads. showHiddenFiles works on macOS and Windows
    // only since Electron 43 (GTK leaves it to the user: Ctrl+H); the files inside ~/.kube are not hidden anyway.
    const kubeDir = path.join(this.options.homeDir, '.kube');
    const result = await dialog.showOpenDialog(window, {
      title: 'Add kubeconfig',
      buttonLabel: 'Add',
      defaultPath: existsSync(kubeDir) ? kubeDir : this.options.homeDir,
      properties: ['openFile', 'showHiddenFiles', 'dontAddToRecent'],
    });
    const picked = result.filePaths[0];
    if (!result.canceled && picked !== undefined) await this.options.backend.addKubeconfigPath(picked);
    return services.clusters.getState();
  }
}
