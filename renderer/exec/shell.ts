import type { AppErrorDTO } from '../../electron/contract/dto';
import type { ExecAccess, ExecEnd } from '../../electron/contract/exec-dto';
import type { Disposable, StreamArgs } from '../../electron/contract/streams';
import { api } from '../api/bridge';

export interface ShellListener {
  output(text: string): void;
  opened(): void;
  ended(end: ExecEnd): void;
  failed(error: AppErrorDTO): void;
}

export interface Shell extends Disposable {
  input(data: string): void;
  resize(cols: number, rows: number): void;
}

/** Whether the user may open a shell in a project's pods (both verbs a WebSocket exec needs). */
export function execAccess(context: string, namespace: string): Promise<ExecAccess> {
  return api().services.exec.access(context, namespace);
}

/**
 * One shell: an `exec` stream for its output and the exec methods for what is typed. Keystrokes typed before the
 * backend answered wait for it; after the end they go nowhere. A transport that drops ends the shell (the backend
 * closed it with the old connection) rather than starting a new one unasked.
 */
export function openShell(args: StreamArgs<'exec'>, listener: ShellListener): Shell {
  let id: string | undefined;
  let done = false;
  let queued = '';
  let size: [number, number] | undefined;
  const send = (call: Promise<void>) => call.catch(() => undefined);
  const stream = api().watch.exec(...args, {
    delta: (chunk) => {
      if (chunk.output !== '') listener.output(chunk.output);
      if (chunk.end) finish(chunk.end);
    },
    opened: (streamId) => {
      id = streamId;
      listener.opened();
      if (size) send(api().services.exec.resize(streamId, ...size));
      if (queued !== '') send(api().services.exec.input(streamId, queued));
      queued = '';
    },
    reopening: () => finish({ reason: 'connection-lost', message: '' }),
    failed: (error) => {
      done = true;
      listener.failed(error);
    },
  });
  function finish(end: ExecEnd): void {
    if (done) return;
    done = true;
    stream.dispose();
    listener.ended(end);
  }
  return {
    input: (data) => {
      if (done) return;
      if (id === undefined) queued += data;
      else send(api().services.exec.input(id, data));
    },
    resize: (cols, rows) => {
      size = [cols, rows];
      if (!done && id !== undefined) send(api().services.exec.resize(id, cols, rows));
    },
    dispose: () => {
      done = true;
      stream.dispose();
    },
  };
}
