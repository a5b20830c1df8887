import type { RawData, WebSocket } from 'ws';
import type { HostInfo } from '../contract/index.js';
import type { Backend, BackendOptions } from '../backend/index.js';
import type { BridgeLimits } from './bridge-limits.js';

// The backend and the bridge are imported when the host starts, not with it: they bring @kubernetes/client-node (most
// of the bundle's code), and the web server can listen and serve the page while they load. In the bundle
// (scripts/build-electron.mjs) these dynamic imports become a chunk of their own.

export interface LoadedBackend {
  backend: Backend;
  serve(socket: WebSocket, info: HostInfo, limits: BridgeLimits): void;
}

export async function loadBackend(options: BackendOptions): Promise<LoadedBackend> {
  const [{ createBackend }, { serveBridge }] = await Promise.all([
    import('../backend/index.js'),
    import('./bridge.js'),
  ]);
  const backend = await createBackend(options);
  return { backend, serve: (socket, info, limits) => serveBridge(socket, backend, info, limits) };
}

/** A page that connects while the backend still loads must not lose what it sends meanwhile: this many frames wait. */
const MAX_EARLY_FRAMES = 256;

/**
 * Serves a bridge socket once the backend is ready. Frames that arrive before are held and replayed in order; a
 * socket closed in the meantime is never served (it would leave a backend session behind).
 */
export function serveWhenReady(
  socket: WebSocket,
  ready: Promise<LoadedBackend>,
  info: HostInfo,
  limits: BridgeLimits,
): void {
  const early: [RawData, boolean][] = [];
  const hold = (data: RawData, isBinary: boolean): void => {
    if (early.length >= MAX_EARLY_FRAMES) socket.close(1008, 'Too many messages before the host was ready');
    else early.push([data, isBinary]);
  };
  const onError = (): void => socket.terminate();
  socket.on('message', hold);
  socket.on('error', onError);
  ready.then(
    (loaded) => {
      socket.off('message', hold);
      socket.off('error', onError);
      if (socket.readyState !== socket.OPEN) return;
      loaded.serve(socket, info, limits);
      for (const [data, isBinary] of early.splice(0)) socket.emit('message', data, isBinary);
    },
    () => socket.close(1011, 'The host could not start'),
  );
}
