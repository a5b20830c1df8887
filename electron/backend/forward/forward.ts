import { PortForward } from '@kubernetes/client-node';
import net from 'node:net';
import { Transform, Writable } from 'node:stream';
import type { ForwardEnd, ForwardState } from '../../contract/index.js';
import { AppError, codeForStatus, scrubSecrets } from '../errors.js';
import { credentialsExpired, upgradeStatus } from '../exec/upgrade-status.js';
import { podGone } from '../exec/pod-gone.js';
import { recheckEvery } from '../exec/recheck.js';
import type { Producer } from '../live/producer.js';
import type { ContextSession } from '../session/session.js';
import { checkForwardAccess } from './access.js';
import { listenLocal, LOOPBACK } from './listen.js';

export interface ForwardTarget {
  namespace: string;
  pod: string;
  port: number;
}

// Byte counts change with every chunk: the state goes out at most this often.
const STATE_MS = 250;

/**
 * A port-forward: a listener on 127.0.0.1 (never another address), and per local connection one pods/portforward
 * WebSocket (client-node's PortForward, v4.channel.k8s.io), so the credentials stay in this process and each
 * connection authenticates with the session's current ones. It ends with its stream (the hub disposes it: Stop, the
 * window closing, a context switch, the host exiting), when the pod goes away, or when the cluster stops accepting
 * the user's credentials (checked on each connection and every `recheckMs`).
 */
export class ForwardStream implements Producer<ForwardState> {
  private server: net.Server | undefined;
  private readonly sockets = new Set<net.Socket>();
  private readonly tunnels = new Set<{ close(): void }>();
  private state: ForwardState = {
    address: LOOPBACK,
    localPort: 0,
    open: 0,
    connections: 0,
    bytesIn: 0,
    bytesOut: 0,
  };
  private timer: NodeJS.Timeout | undefined;
  private stopRecheck: (() => void) | undefined;
  private ended = false;

  constructor(
    private readonly session: ContextSession,
    private readonly target: ForwardTarget,
    private readonly localPort: number,
    private readonly recheckMs: number,
    private readonly emit: (state: ForwardState) => void,
  ) {}

  async start(): Promise<void> {
    this.server = await listenLocal(this.localPort, (socket) => this.connection(socket));
    this.state.localPort = (this.server.address() as net.AddressInfo).port;
    this.stopRecheck = recheckEvery(
      this.recheckMs,
      async () => {
        await checkForwardAccess(this.session, this.target.namespace);
        if (await podGone(this.session, this.target.namespace, this.target.pod)) this.finish({ reason: 'pod-deleted' });
      },
      (error) => this.refused(error),
    );
    this.emit({ ...this.state });
  }

  /** A forward is never shared, so nobody joins late. */
  current(): undefined {
    return undefined;
  }

  /** The listener closes at once (a connect after this is refused) and every connection through it is cut. */
  dispose(): void {
    if (this.ended) return;
    this.ended = true;
    this.close();
  }

  private connection(socket: net.Socket): void {
    if (this.ended) {
      socket.destroy();
      return;
    }
    this.sockets.add(socket);
    this.state.open++;
    this.state.connections++;
    this.changed();
    // Counted on the way through; the transform holds what the client sends before the WebSocket is open.
    const fromClient = new Transform({
      transform: (chunk: Buffer, _encoding, done) => {
        this.state.bytesIn += chunk.length;
        this.changed();
        done(null, chunk);
      },
    });
    const toClient = new Writable({
      write: (chunk: Buffer, _encoding, done) => {
        this.state.bytesOut += chunk.length;
        this.changed();
        if (socket.write(chunk)) done();
        else socket.once('drain', () => done());
      },
    });
    const errors = new Writable({
      write: (chunk: Buffer, _encoding, done) => {
        // The channel's first frame is the port alone, which client-node strips to nothing.
        if (chunk.length === 0) return done();
        // kubectl prints the runtime's words and drops that connection; the forward itself goes on.
        this.state.lastError = scrubSecrets(chunk.toString('utf8').trim());
        this.changed();
        socket.destroy();
        done();
      },
    });
    socket.on('error', () => socket.destroy());
    socket.pipe(fromClient);
    const { namespace, pod, port } = this.target;
    let tunnel: { close(): void } | undefined;
    socket.once('close', () => {
      this.sockets.delete(socket);
      this.state.open--;
      this.changed();
      tunnel?.close();
    });
    new PortForward(this.session.kubeConfig, true)
      .portForward(namespace, pod, [port], toClient, errors, fromClient)
      .then(
        (ws) => {
          const webSocket = ws as unknown as {
            close(): void;
            on(event: 'close', listener: () => void): void;
          };
          tunnel = webSocket;
          if (this.ended || socket.destroyed) return webSocket.close();
          this.tunnels.add(webSocket);
          webSocket.on('close', () => {
            this.tunnels.delete(webSocket);
            socket.end();
          });
        },
        (error: unknown) => void this.failed(socket, error),
      );
  }

  /** A connection's WebSocket was refused: a 401 ends the forward, a pod that is gone too; others end that one. */
  private async failed(socket: net.Socket, error: unknown): Promise<void> {
    socket.destroy();
    if (this.ended) return;
    const status = upgradeStatus(error);
    if (status === 401)
      return this.finish({ reason: 'credentials-expired', message: credentialsExpired(this.session.name) });
    if (await podGone(this.session, this.target.namespace, this.target.pod))
      return this.finish({ reason: 'pod-deleted' });
    const { pod, port } = this.target;
    this.state.lastError =
      status === undefined
        ? this.session.classify(error).message
        : new AppError(
            codeForStatus(status),
            `Port ${String(port)} of pod "${pod}" could not be reached (HTTP ${String(status)}).`,
          ).message;
    this.changed();
  }

  private refused(error: AppError): void {
    if (error.code === 'unauthorized') {
      this.finish({ reason: 'credentials-expired', message: credentialsExpired(this.session.name) });
    } else this.finish({ reason: 'closed', message: error.message });
  }

  private changed(): void {
    if (this.ended) return;
    this.timer ??= setTimeout(() => {
      this.timer = undefined;
      if (!this.ended) this.emit({ ...this.state });
    }, STATE_MS);
  }

  private finish(end: ForwardEnd): void {
    if (this.ended) return;
    this.ended = true;
    this.close();
    this.emit({ ...this.state, open: 0, end });
  }

  private close(): void {
    clearTimeout(this.timer);
    this.stopRecheck?.();
    this.server?.close();
    for (const socket of this.sockets) socket.destroy();
    for (const tunnel of this.tunnels) tunnel.close();
    this.sockets.clear();
    this.tunnels.clear();
  }
}
