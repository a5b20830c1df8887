import { existsSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Backend, BackendOptions } from '../backend/index.js';
import { newToken } from './access.js';
import { loadBackend, serveWhenReady } from './backend-loader.js';
import { DEFAULT_BRIDGE_LIMITS, type BridgeLimits } from './bridge-limits.js';
import { createWebServer } from './server.js';

export interface WebHostOptions {
  /** 0 (the default) lets the system pick a free port. */
  port?: number;
  /** Kubeconfig files added as sources, as the Electron app's "Add kubeconfig…" does. */
  kubeconfigs?: string[];
  sandbox: BackendOptions['sandbox'];
  homeDir: string;
  stateDir: string;
  /** KUBECONFIG as the user set it; undefined = not set. */
  kubeconfigEnv?: string;
  sandboxOptions?: BackendOptions['sandboxOptions'];
  tuning?: BackendOptions['tuning'];
  /** Per-connection limits of the WebSocket (tests lower them); DEFAULT_BRIDGE_LIMITS otherwise. */
  bridgeLimits?: Partial<BridgeLimits>;
  /**
   * Told the address as soon as the server listens, while the backend may still be loading: a browser opened then
   * gets the page at once, and its bridge waits for the backend.
   */
  onListening?(url: string): void;
  /** Programs that run without asking (--allow-program): the only way to allowlist one in the browser host. */
  allowPrograms?: string[];
  /** The built renderer; dist/renderer by default. */
  staticDir?: string;
  version?: string;
}

export interface WebHost {
  /** The address to open once: it carries the token. */
  url: string;
  port: number;
  token: string;
  backend: Backend;
  /** Closes every socket, stops the server and disposes the backend (and a sandbox cluster it started). */
  close(): Promise<void>;
}

export const DEFAULT_STATIC_DIR = fileURLToPath(new URL('../../dist/renderer', import.meta.url));

/** The only address the host ever binds: other machines and other interfaces cannot reach it. */
export const WEB_HOST_ADDRESS = '127.0.0.1';

export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const staticDir = options.staticDir ?? DEFAULT_STATIC_DIR;
  if (!existsSync(path.join(staticDir, 'index.html'))) {
    throw new Error(`The renderer is not built (${staticDir} has no index.html): run \`npm run build:renderer\`.`);
  }
  // Loading starts now and runs while the server starts listening; startWebHost still resolves only once it is ready.
  const ready = loadBackend({
    homeDir: options.homeDir,
    stateDir: options.stateDir,
    sandbox: options.sandbox,
    // Command-line files count before the backend decides whether the sandbox is needed.
    kubeconfigFiles: (options.kubeconfigs ?? []).map((file) => path.resolve(file)),
    ...(options.kubeconfigEnv !== undefined ? { kubeconfigEnv: options.kubeconfigEnv } : {}),
    ...(options.sandboxOptions !== undefined ? { sandboxOptions: options.sandboxOptions } : {}),
    ...(options.tuning !== undefined ? { tuning: options.tuning } : {}),
    ...(options.allowPrograms !== undefined ? { allowPrograms: options.allowPrograms } : {}),
  });
  // Its failure is reported by the await below; until then it must not count as unhandled.
  ready.catch(() => undefined);

  const token = newToken();
  let port = 0;
  const limits = { ...DEFAULT_BRIDGE_LIMITS, ...options.bridgeLimits };
  const info = { kind: 'web' as const, version: options.version ?? '0.0.0', platform: process.platform };
  const { server, sockets } = createWebServer({
    staticDir,
    token,
    port: () => port,
    onBridge: (socket) => serveWhenReady(socket, ready, info, limits),
  });
  const stopServer = (): Promise<void> => {
    for (const client of sockets.clients) client.terminate();
    sockets.close();
    return new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  };
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen({ port: options.port ?? 0, host: WEB_HOST_ADDRESS, exclusive: true }, () => {
        server.off('error', reject);
        resolve();
      });
    });
  } catch (error) {
    await ready.then(
      (loaded) => loaded.backend.dispose(),
      () => undefined,
    );
    throw error;
  }
  port = (server.address() as AddressInfo).port;
  const url = `http://${WEB_HOST_ADDRESS}:${port}/?token=${token}`;
  options.onListening?.(url);
  let backend: Backend;
  try {
    backend = (await ready).backend;
  } catch (error) {
    await stopServer();
    throw error;
  }

  let closing: Promise<void> | undefined;
  const close = (): Promise<void> => {
    closing ??= (async () => {
      await stopServer();
      await backend.dispose();
    })();
    return closing;
  };
  return { url, port, token, backend, close };
}
