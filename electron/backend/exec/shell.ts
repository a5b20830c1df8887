import { Exec, type V1Status } from '@kubernetes/client-node';
import { PassThrough } from 'node:stream';
import type { ExecChunk, ExecEnd, TerminalSize } from '../../contract/index.js';
import { AppError, codeForStatus, scrubSecrets } from '../errors.js';
import type { Producer } from '../live/producer.js';
import type { ContextSession } from '../session/session.js';
import { TerminalOutput } from './terminal-output.js';
import { checkExecAccess } from './access.js';
import { podGone } from './pod-gone.js';
import { recheckEvery } from './recheck.js';
import { credentialsExpired, upgradeStatus } from './upgrade-status.js';

export interface ShellTarget {
  namespace: string;
  pod: string;
  container: string;
}

const FLUSH_MS = 16;
// What one delta carries at most, and what may wait for a slow renderer before the pod's output is paused (the
// socket stops being read, so TCP pushes back on the API server instead of this process buffering without end).
const MAX_CHUNK_CHARS = 64 * 1024;
const MAX_PENDING_CHARS = 512 * 1024;
// The shell the pod runs: the image's sh, as `kubectl exec -it pod -- sh` would.
const COMMAND = ['sh'];

/**
 * An interactive shell in a container (pods/exec with a tty, over client-node's WebSocket Exec, so the credentials
 * stay in this process). Output goes out in chunks every FLUSH_MS; the last chunk says how it ended.
 */
export class ShellStream implements Producer<ExecChunk> {
  private socket: Awaited<ReturnType<Exec['exec']>> | undefined;
  private readonly stdin = new PassThrough();
  private readonly output: TerminalOutput;
  private pending = '';
  private paused = false;
  private timer: NodeJS.Timeout | undefined;
  private status: V1Status | undefined;
  private ended = false;
  private stopRecheck: (() => void) | undefined;
  private typed = false;

  constructor(
    private readonly session: ContextSession,
    private readonly target: ShellTarget,
    size: TerminalSize,
    private readonly recheckMs: number,
    private readonly emit: (chunk: ExecChunk) => void,
  ) {
    this.output = new TerminalOutput(size, (text) => this.onText(text));
  }

  async start(): Promise<void> {
    const { namespace, pod, container } = this.target;
    const exec = new Exec(this.session.kubeConfig);
    const socket = await exec
      .exec(namespace, pod, container, COMMAND, this.output, null, this.stdin, true, (status) => {
        this.status = status;
      })
      .catch((error: unknown) => {
        throw this.refusal(error);
      });
    this.socket = socket;
    socket.on('close', () => void this.closed());
    // The socket was authenticated once, at its upgrade: a token that expires later ends the shell, saying so.
    this.stopRecheck = recheckEvery(
      this.recheckMs,
      () => checkExecAccess(this.session, namespace),
      (error) => this.revoked(error),
    );
  }

  /** A shell is never shared, so nobody joins late. */
  current(): undefined {
    return undefined;
  }

  input(data: string): void {
    if (this.ended) return;
    this.typed = true;
    this.stdin.write(data);
  }

  resize(size: TerminalSize): void {
    if (!this.ended) this.output.resize(size);
  }

  /**
   * The panel closed, the context changed or the host exits: the socket closes. The hub sends the last chunk (the
   * stream spec's `ended`, saying why), so output still pending is dropped with the view that would have shown it.
   */
  dispose(): void {
    if (this.ended) return;
    this.ended = true;
    clearTimeout(this.timer);
    this.stopRecheck?.();
    this.stdin.end();
    this.socket?.close(1000);
  }

  /** The recheck was refused: the shell ends with the reason, and its socket closes. */
  private revoked(error: AppError): void {
    const end: ExecEnd =
      error.code === 'unauthorized'
        ? { reason: 'credentials-expired', message: credentialsExpired(this.session.name) }
        : { reason: 'closed', message: error.message };
    this.finish(end);
    this.socket?.close(1000);
  }

  private onText(text: string): void {
    this.pending += text;
    if (this.pending.length > MAX_PENDING_CHARS && !this.paused) {
      this.paused = true;
      this.socket?.pause();
    }
    // Output that answers a keystroke (its echo) goes at once: that round trip is what a terminal feels. Other output
    // waits up to FLUSH_MS, so a flood still leaves in few deltas.
    if (this.typed) {
      this.typed = false;
      this.flush();
    } else this.timer ??= setTimeout(() => this.flush(), FLUSH_MS);
  }

  private flush(end?: ExecEnd): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    const output = end ? this.pending : this.pending.slice(0, MAX_CHUNK_CHARS);
    this.pending = this.pending.slice(output.length);
    if (output !== '' || end) this.emit(end ? { output, end } : { output });
    if (this.pending !== '') this.timer = setTimeout(() => this.flush(), FLUSH_MS);
    else if (this.paused) {
      this.paused = false;
      this.socket?.resume();
    }
  }

  private async closed(): Promise<void> {
    if (this.ended) return;
    const code = exitCode(this.status);
    // The sandbox and the kubelet end a shell whose pod goes away with 137 (SIGKILL), or drop the socket.
    if (code === undefined || code === 137) {
      if (await podGone(this.session, this.target.namespace, this.target.pod))
        return this.finish({ reason: 'pod-deleted' });
    }
    if (code !== undefined) return this.finish({ reason: 'exited', code });
    this.finish({ reason: 'connection-lost', message: 'The connection to the pod was lost.' });
  }

  private finish(end: ExecEnd): void {
    if (this.ended) return;
    this.ended = true;
    this.stopRecheck?.();
    this.stdin.end();
    this.flush(end);
  }

  /** ws rejects an upgrade with "Unexpected server response: 403" and drops the body: say what the status means. */
  private refusal(error: unknown): AppError {
    const code = upgradeStatus(error);
    if (code === undefined) return this.session.classify(error);
    const { pod, container } = this.target;
    const message =
      code === 401
        ? credentialsExpired(this.session.name)
        : `The shell in container "${container}" of pod "${pod}" could not be opened (HTTP ${code}).`;
    return new AppError(codeForStatus(code), scrubSecrets(message), { status: code });
  }
}

/** The exit code in the exec's closing Status: 0 on Success, the ExitCode cause on NonZeroExitCode. */
export function exitCode(status: V1Status | undefined): number | undefined {
  if (status === undefined) return undefined;
  if (status.status === 'Success') return 0;
  const cause = status.details?.causes?.find((c) => c.reason === 'ExitCode');
  const code = Number(cause?.message);
  return Number.isInteger(code) ? code : undefined;
}
