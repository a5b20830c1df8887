// pods/exec and pods/attach over WebSocket (v5.channel.k8s.io, v4.channel.k8s.io), as kubectl 1.30+ speaks them
// through kube-apiserver's stream translator: the upgrade is accepted first for v5 (a kubelet failure such as a
// container that is not running then comes back as an InternalError Status on the error channel, as the translator
// writes it), and refused with the kubelet's plain-text error for v4 (the API server proxies those as they are).
// exec runs the simulated shell in the container's world; attach follows the main process's output.
import { randomBytes } from 'node:crypto';
import { StringDecoder } from 'node:string_decoder';
import type { WebSocket } from 'ws';
import { badRequest } from '../errors.js';
import type { ServerContext } from '../server/context.js';
import type { ResourceRequest } from '../server/request.js';
import { knownProgram, Shell, ShellSession, isShell } from '../shell/shell.js';
import { containerWorld } from '../shell/world.js';
import type { KubeObject } from '../types.js';
import * as ch from './channels.js';
import { containerRunning, flag, requireHost, targetContainer, targetPod } from './pod-target.js';
import { acceptWebSocket, chooseProtocol, kubeletError } from './upgrade.js';

interface Streams {
  stdin: boolean;
  stdout: boolean;
  stderr: boolean;
  tty: boolean;
}

function streamsOf(url: URL): Streams {
  const s = {
    stdin: flag(url, 'stdin'),
    stdout: flag(url, 'stdout'),
    stderr: flag(url, 'stderr'),
    tty: flag(url, 'tty'),
  };
  if (!s.stdin && !s.stdout && !s.stderr) throw badRequest('you must specify at least 1 of stdin, stdout, stderr');
  return s;
}

class Channel {
  constructor(
    private readonly ws: WebSocket,
    private readonly streams: Streams,
  ) {}

  out(text: string): void {
    if (this.streams.stdout) this.send(ch.STDOUT, text);
  }

  err(text: string): void {
    // With a TTY there is no stderr stream: the terminal shows both.
    if (this.streams.tty) this.out(text);
    else if (this.streams.stderr) this.send(ch.STDERR, text);
  }

  send(channel: number, data: string | Buffer): void {
    if (this.ws.readyState === this.ws.OPEN) this.ws.send(ch.frame(channel, data));
  }

  finish(status: Record<string, unknown>): void {
    this.send(ch.ERROR, JSON.stringify(status));
    if (this.ws.readyState === this.ws.OPEN) this.ws.close(1000);
  }
}

/** Calls `stopped` once the container stops: its pod deleted or replaced, or its status no longer running. */
function whenStopped(ctx: ServerContext, pod: KubeObject, container: string, stopped: () => void): () => void {
  const unsubscribe = ctx.store.subscribe((e) => {
    if (e.resource !== 'pods' || e.object.metadata.uid !== pod.metadata.uid) return;
    if (e.type === 'DELETED' || !containerRunning(e.object, container)) {
      unsubscribe();
      stopped();
    }
  });
  return unsubscribe;
}

function notFoundInPath(program: string): string {
  const id = randomBytes(32).toString('hex');
  return `error executing command in container: failed to exec in container: failed to start exec "${id}": OCI runtime exec failed: exec failed: unable to start container process: exec: "${program}": executable file not found in $PATH: unknown`;
}

function runExec(
  ctx: ServerContext,
  pod: KubeObject,
  container: string,
  command: string[],
  ws: WebSocket,
  protocol: string,
  streams: Streams,
): void {
  const channel = new Channel(ws, streams);
  const world = containerWorld(ctx.store, pod, container, streams.tty);
  const first = command[0] ?? '';
  if (!knownProgram(command)) {
    // The runtime's error; the v5 translator wraps the kubelet's InternalError in its own.
    const message = notFoundInPath(first);
    channel.finish(ch.internalErrorStatus(protocol === ch.V5 ? `Internal error occurred: ${message}` : message));
    return;
  }
  const done = (code: number): void => channel.finish(ch.exitStatus(code, command));
  if (!(isShell(first) && command.length === 1)) {
    const shell = new Shell(world, channel, isShell(first));
    const code = first === 'exit' ? shell.runLine(command.join(' ')) : shell.runCommand(first, command.slice(1));
    done(code ?? shell.status);
    return;
  }
  const session = new ShellSession(
    world,
    { out: (t) => channel.out(t), err: (t) => channel.err(t), end: done },
    streams.tty,
  );
  if (!streams.stdin) return session.eof();
  // A character may arrive split over two messages.
  const decoder = new StringDecoder('utf8');
  ws.on('message', (raw: Buffer) => {
    const m = ch.readMessage(raw, protocol);
    if (m.kind === 'close' && m.channel === ch.STDIN) session.eof();
    else if (m.kind === 'data' && m.channel === ch.STDIN) session.input(decoder.write(m.data));
    else if (m.kind === 'data' && m.channel === ch.RESIZE) {
      const size = ch.readResize(m.data);
      if (size) session.resize(size);
    }
  });
  // The container is killed under the shell (SIGKILL: 128 + 9), as when its pod goes.
  const unsubscribe = whenStopped(ctx, pod, container, () => done(137));
  ws.on('close', () => {
    unsubscribe();
    session.eof();
  });
}

/** attach: the main process's output as it is written, until the container stops or the client leaves. */
function runAttach(ctx: ServerContext, pod: KubeObject, container: string, ws: WebSocket, streams: Streams): void {
  const channel = new Channel(ws, streams);
  const namespace = pod.metadata.namespace ?? '';
  const read = (): string[] => {
    try {
      return ctx.logs(namespace, pod.metadata.name, container, { timestamps: true });
    } catch {
      return [];
    }
  };
  let last = read().at(-1);
  const flush = (): void => {
    const lines = read();
    const fresh = lines.slice((last === undefined ? -1 : lines.lastIndexOf(last)) + 1);
    if (fresh.length > 0) last = fresh.at(-1);
    for (const l of fresh) channel.out(l.slice(l.indexOf(' ') + 1) + '\n');
  };
  const timer = setInterval(flush, 500);
  const unsubscribe = whenStopped(ctx, pod, container, () => {
    clearInterval(timer);
    flush();
    channel.finish(ch.exitStatus(0, []));
  });
  ws.on('close', () => {
    clearInterval(timer);
    unsubscribe();
  });
}

export async function handleRemoteCommand(ctx: ServerContext, r: ResourceRequest): Promise<void> {
  const kind = r.subresource === 'attach' ? 'attach' : 'exec';
  const streams = streamsOf(r.url);
  const command = r.url.searchParams.getAll('command');
  if (kind === 'exec' && command.length === 0) {
    throw badRequest('you must specify at least one command for the container');
  }
  const pod = targetPod(ctx, r);
  const container = targetContainer(pod, r.url.searchParams.get('container'));
  requireHost(pod);
  const protocol = chooseProtocol(r.req, kind, [ch.V5, ch.V4]);
  const running = containerRunning(pod, container);
  if (!running && protocol !== ch.V5) throw kubeletError(500, `container not found ("${container}")`);
  const ws = await acceptWebSocket(r.req, r.res, protocol);
  ws.on('error', () => ws.terminate());
  if (!running) {
    new Channel(ws, streams).finish(
      ch.internalErrorStatus(`unable to upgrade connection: container not found ("${container}")`),
    );
    return;
  }
  if (kind === 'attach') runAttach(ctx, pod, container, ws, streams);
  else runExec(ctx, pod, container, command, ws, protocol, streams);
}
