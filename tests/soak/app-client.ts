// The app as the soak drives it: the browser host (backend + WebSocket bridge) in this process, and the renderer's
// real bridge client and Pinia stores on top of it, fed over a real WebSocket exactly as in a browser.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createPinia, setActivePinia } from 'pinia';
import { WebSocket } from 'ws';
import type { DaemonSetRow, EverynodeServices } from '../../electron/contract/index.js';
import type { BackendTuning } from '../../electron/backend/index.js';
import { startWebHost, type WebHost } from '../../electron/web/host.js';
import { signIn } from '../integration/web-sign-in.js';

// The renderer's modules are loaded at run time: they are typed against the DOM (tsconfig.web.json), this file
// against Node. These are the parts of them the soak uses.
interface RendererApi {
  services: EverynodeServices;
}
interface WsBridge {
  bridge: unknown;
  onReconnect(listener: () => void): { dispose(): void };
  onConnectionChange(listener: (connected: boolean) => void): { dispose(): void };
  dispose(): void;
}
interface BridgeModule {
  createApi(bridge: unknown, transport: Pick<WsBridge, 'onReconnect' | 'onConnectionChange'>): RendererApi;
  setApi(api: RendererApi): void;
}
interface WsBridgeModule {
  createWsBridge(url: string, open: (url: string) => unknown): WsBridge;
}
export interface DaemonSetsStore {
  init(): void;
  rows: Map<string, DaemonSetRow>;
  synced: boolean;
  error: { code: string; message: string } | null;
  summary: { daemonSets: number; pods: number } | null;
  /** What the list's stream was opened for; null while it is (re)opening. */
  subscribedTo: { context: string; selection: string } | null;
}
interface ProjectsStore {
  init(): void;
  selected: string | null;
  select(selection: string): Promise<void>;
}
interface ClustersStore {
  init(): void;
  activeContext: string | null;
}

const rendererModule = <T>(relative: string): Promise<T> =>
  import(new URL(`../../renderer/${relative}`, import.meta.url).href) as Promise<T>;

export interface AppClient {
  host: WebHost;
  api: RendererApi;
  daemonsets: DaemonSetsStore;
  context: string;
  /** Cuts the renderer's WebSocket as a network blip would; the bridge reconnects and reopens the streams. */
  dropBridge(): number;
  close(): Promise<void>;
}

export async function startAppClient(kubeconfigPath: string, tuning: Partial<BackendTuning>): Promise<AppClient> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'everynode-soak-'));
  // The host serves the built renderer; the soak needs none of it, only the bridge.
  const staticDir = path.join(dir, 'static');
  fs.mkdirSync(staticDir);
  fs.writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>soak</title>');
  const host = await startWebHost({
    sandbox: 'off',
    homeDir: dir,
    stateDir: path.join(dir, 'state'),
    kubeconfigEnv: kubeconfigPath,
    staticDir,
    tuning,
  });
  const origin = `http://127.0.0.1:${host.port}`;
  const cookie = await signIn(host);

  const { createApi, setApi } = await rendererModule<BridgeModule>('api/bridge.ts');
  const { createWsBridge } = await rendererModule<WsBridgeModule>('api/ws-bridge.ts');
  const { useClustersStore } = await rendererModule<{ useClustersStore(): ClustersStore }>('clusters/clusters.ts');
  const { useProjectsStore } = await rendererModule<{ useProjectsStore(): ProjectsStore }>('clusters/projects.ts');
  const { useDaemonSetsStore } = await rendererModule<{ useDaemonSetsStore(): DaemonSetsStore }>('list/daemonsets.ts');

  let socket: WebSocket | undefined;
  const ws = createWsBridge(`ws://127.0.0.1:${host.port}/bridge`, (url) => {
    socket = new WebSocket(url, { headers: { cookie, origin } });
    return socket;
  });
  const api = createApi(ws.bridge, { onReconnect: ws.onReconnect, onConnectionChange: ws.onConnectionChange });
  setActivePinia(createPinia());
  setApi(api);
  const clusters = useClustersStore();
  const projects = useProjectsStore();
  const daemonsets = useDaemonSetsStore();
  clusters.init();
  projects.init();
  daemonsets.init();

  const deadline = Date.now() + 30_000;
  while (!clusters.activeContext || projects.selected === null) {
    if (Date.now() > deadline) throw new Error('the stores did not load the active context in time');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const context = clusters.activeContext;
  // Every project, as a cluster admin's list shows them.
  if (projects.selected !== '*') await projects.select('*');
  return {
    host,
    api,
    daemonsets,
    context,
    dropBridge: () => {
      if (socket?.readyState !== WebSocket.OPEN) return 0;
      socket.terminate();
      return 1;
    },
    close: async () => {
      ws.dispose();
      await host.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
