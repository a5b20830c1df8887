import type { WebSocket } from 'ws';
import type { CallMessage, ServerMessage, HostInfo } from '../contract/index.js';
import { AppError } from '../backend/index.js';
import type { Backend } from '../backend/index.js';
import { dispatch } from '../backend/dispatch.js';
import { hostServices } from './host-services.js';

// One browser tab = one WebSocket = one backend session, disposed when the socket closes. Calls go through the same
// dispatch (channel and argument checks) as Electron's IPC registrar.

/** A socket whose peer reads this slowly is dropped rather than buffering without bound. */
const MAX_BUFFERED_BYTES = 64 * 1024 * 1024;

function parseCall(data: string): CallMessage | undefined {
  let message: unknown;
  try {
    message = JSON.parse(data);
  } catch {
    return undefined;
  }
  if (typeof message !== 'object' || message === null) return undefined;
  const { type, id, channel, args } = message as Record<string, unknown>;
  if (type !== 'call' || typeof id !== 'number' || !Number.isSafeInteger(id)) return undefined;
  if (typeof channel !== 'string' || !Array.isArray(args)) return undefined;
  return { type, id, channel, args: args as unknown[] };
}

export function serveBridge(socket: WebSocket, backend: Backend, info: HostInfo): void {
  const send = (message: ServerMessage): void => {
    if (socket.readyState !== socket.OPEN) return;
    if (socket.bufferedAmount > MAX_BUFFERED_BYTES) {
      socket.terminate();
      return;
    }
    socket.send(JSON.stringify(message));
  };
  const session = backend.connect({
    emit: (event, payload) => send({ type: 'event', event, payload } as ServerMessage),
  });
  const services = hostServices(session.services, {
    info,
    addFromDialog: () =>
      Promise.reject(new AppError('unsupported', 'In a browser, choose the kubeconfig file to upload instead.')),
  });

  socket.on('message', (data, isBinary) => {
    const call = isBinary ? undefined : parseCall(data.toString());
    if (call === undefined) {
      // Not our protocol: nothing sensible can be answered without a call id.
      socket.close(1008, 'Malformed message');
      return;
    }
    void dispatch(services, call.channel, call.args)
      .then((result) => send({ type: 'result', id: call.id, result }))
      .catch(() =>
        send({
          type: 'result',
          id: call.id,
          result: { ok: false, error: { code: 'internal', message: 'The result could not be sent.' } },
        }),
      );
  });
  socket.on('close', () => session.dispose());
  socket.on('error', () => socket.terminate());
}
