import type { KubeConfig } from '@kubernetes/client-node';
import { clusterTarget, httpFailure, sendGet } from './raw-request.js';
import { WatchLineReader } from './watch-lines.js';
import { isRecord } from '../../../common/guards.js';

export interface WatchHandlers {
  /** The server answered 200: the watch is established. */
  onOpen(): void;
  /** One event: its type (ADDED, MODIFIED, DELETED, BOOKMARK, ERROR) and object (a Status for ERROR). */
  onEvent(type: string, object: unknown): void;
  /**
   * Called once when the watch ends by itself: null when the server closed the stream, else the error (a non-200
   * answer carries `statusCode` and the Status `body`, as client-node's do). Not called after `signal` aborted.
   */
  onDone(error: unknown): void;
}

/**
 * Watches one collection with a plain HTTP(S) GET that `signal` can cancel from the very start. client-node's Watch
 * hands back its AbortController only once the response headers arrived, so a watch whose server withholds them
 * could never be cancelled: each liveness restart left one more request open.
 */
export function openWatch(
  config: KubeConfig,
  path: string,
  query: Record<string, string>,
  signal: AbortSignal,
  handlers: WatchHandlers,
): void {
  let done = false;
  const finish = (error: unknown): void => {
    if (done || signal.aborted) return;
    done = true;
    handlers.onDone(error);
  };
  void clusterTarget(config, path, { ...query, watch: 'true' }, { Accept: 'application/json' }).then((target) => {
    // Credentials may take a while (exec plugins): the caller may have given up meanwhile.
    if (signal.aborted) return;
    const request = sendGet(target, signal, (response) => {
      const status = response.statusCode ?? 0;
      response.on('error', finish);
      if (status !== 200) {
        const failed: Buffer[] = [];
        response.on('data', (chunk: Buffer) => failed.push(chunk));
        response.on('end', () => finish(httpFailure(status, Buffer.concat(failed).toString('utf8'))));
        return;
      }
      handlers.onOpen();
      const reader = new WatchLineReader((event) => {
        if (done || signal.aborted) return;
        if (isRecord(event) && typeof event.type === 'string') handlers.onEvent(event.type, event.object);
      });
      const read = (step: () => void): void => {
        try {
          step();
        } catch (error) {
          // A line that is not JSON: end this watch (the informer resumes from the last resourceVersion).
          request.destroy();
          finish(error);
        }
      };
      response.on('data', (chunk: Buffer) => read(() => reader.push(chunk)));
      response.on('end', () =>
        read(() => {
          reader.end();
          finish(null);
        }),
      );
      // A connection cut mid-stream ends without 'end'.
      response.on('close', () => finish(response.complete ? null : new Error('The watch connection was cut.')));
    });
    // The server's silence is the informer's business (its liveness timer); keep-alive probes find dead peers.
    request.on('socket', (socket) => socket.setKeepAlive(true, 30_000));
    request.on('error', finish);
  }, finish);
}
