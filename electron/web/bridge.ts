import type { RawData, WebSocket } from 'ws';
import type { AppErrorDTO, HostInfo, ServerMessage } from '../contract/index.js';
import { AppError } from '../backend/index.js';
import type { Backend } from '../backend/index.js';
import { dispatch } from '../host/dispatch.js';
import { hostServices } from '../host/host-services.js';
import { ConnectionLimiter, DEFAULT_BRIDGE_LIMITS, type BridgeLimits } from './bridge-limits.js';
import { idOfRefusedFrame, parseFrame } from './bridge-message.js';
import { heldSender } from './held-deltas.js';

// One browser tab = one WebSocket = one backend session, disposed when the socket closes. Calls go through the same
// dispatch (channel and argument checks) as Electron's IPC registrar. Frames are read by bridge-message.ts and
// limited per connection by bridge-limits.ts.

/** A socket whose peer reads this slowly is dropped rather than buffering without bound. */
const MAX_BUFFERED_BYTES = 64 * 1024 * 1024;

/** WebSocket close code 1008: the peer broke the host's policy (here: it kept sending refused messages). */
const POLICY_VIOLATION = 1008;

export function serveBridge(
  socket: WebSocket,
  backend: Backend,
  info: HostInfo,
  limits: BridgeLimits = DEFAULT_BRIDGE_LIMITS,
): void {
  // List batches are held and merged while the page reads slowly (held-deltas.ts).
  const held = heldSender(socket);
  const send = (message: ServerMessage): void => {
    if (socket.readyState !== socket.OPEN) return;
    if (socket.bufferedAmount > MAX_BUFFERED_BYTES) {
      socket.terminate();
      return;
    }
    held.send(message);
  };
  const session = backend.connect({
    emit: (event, payload) => send({ type: 'event', event, payload } as ServerMessage),
  });
  const services = hostServices(session.services, {
    info,
    addFromDialog: () =>
      Promise.reject(new AppError('unsupported', 'In a browser, choose the kubeconfig file to upload instead.')),
    // The page is the UI here: no in-page check can tell a script from a person (see README, threat model).
    consent: { kind: 'page' },
  });
  const limiter = new ConnectionLimiter(limits);

  // Only this connection hears why its message was refused; one that keeps sending refused messages is closed, so a
  // flood costs the other tabs no more than the refusals it got before that.
  const refuse = (error: AppErrorDTO, id: number | undefined): void => {
    send(id === undefined ? { type: 'refused', error } : { type: 'result', id, result: { ok: false, error } });
    if (limiter.refused()) socket.close(POLICY_VIOLATION, 'Too many refused messages');
  };

  socket.on('message', (data, isBinary) => {
    // Frames that were already on the way when the connection began to close are dropped unread.
    if (socket.readyState !== socket.OPEN) return;
    // Counted before anything else is done with it: a flood is refused without being decoded or parsed.
    const admission = limiter.admitMessage(byteLength(data));
    const text = isBinary ? '' : data.toString();
    if (!admission.admitted) {
      const message = `Refused: ${admission.reason} This call was not run.`;
      return refuse({ code: 'rate-limited', message }, idOfRefusedFrame(text, isBinary));
    }
    const frame = parseFrame(text, isBinary);
    if (frame.kind === 'refused') return refuse({ code: 'invalid-argument', message: frame.message }, frame.id);
    const { call } = frame;
    const started = limiter.startCall();
    if (!started.admitted) {
      return refuse({ code: 'rate-limited', message: `Refused: ${started.reason} This call was not run.` }, call.id);
    }
    void dispatch(services, call.channel, call.args)
      .then((result) => {
        held.answered(call.channel, call.args, result);
        send({ type: 'result', id: call.id, result });
      })
      .catch(() =>
        send({
          type: 'result',
          id: call.id,
          result: { ok: false, error: { code: 'internal', message: 'The result could not be sent.' } },
        }),
      )
      .finally(() => limiter.finished());
  });
  socket.on('close', () => session.dispose());
  // A frame over the size limit makes ws send close code 1009 (message too big) and then report the error: let that
  // close reach the client; any other error ends the connection at once.
  socket.on('error', () => {
    if (socket.readyState !== socket.CLOSING) socket.terminate();
  });
}

function byteLength(data: RawData): number {
  if (Array.isArray(data)) return data.reduce((sum, chunk) => sum + chunk.length, 0);
  return data.byteLength;
}
