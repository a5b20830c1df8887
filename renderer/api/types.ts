import type { EverynodeEvents, EverynodeServices, EventName } from '../../electron/contract/services';
import type { AppErrorDTO } from '../../electron/contract/dto';
import type { Disposable, StreamArgs, StreamDelta, StreamName } from '../../electron/contract/streams';

/** What stores use: the contract's services with results unwrapped (failures throw ApiError), and events. */
export interface Api {
  services: EverynodeServices;
  events: { on<E extends EventName>(event: E, listener: (payload: EverynodeEvents[E]) => void): Disposable };
  /** The live streams: `watch.daemonSets(context, selection, onDelta)` and the like, each ended by its dispose(). */
  watch: Watch;
  /** Fires after the transport came back from a drop; whatever the backend held for us (streams) is gone. */
  onReconnect(listener: () => void): Disposable;
  /** False while the transport is down (browser host only; Electron's IPC never drops). */
  onConnectionChange(listener: (connected: boolean) => void): Disposable;
}

/** What a stream tells its opener; only `delta` is required. */
export interface StreamListener<N extends StreamName> {
  /** A delta of this stream: deltas that overtook the open's answer come first, none after dispose. */
  delta(delta: StreamDelta<N>): void;
  /** The backend answered the open (again, after a reconnect), with the id it answered (a shell's input goes there). */
  opened?(streamId: string): void;
  /** The transport came back and the stream is opened again: a fresh picture follows. */
  reopening?(): void;
  /** The open (or a reopen) was refused; nothing comes until the opener tries again. */
  failed?(error: AppErrorDTO): void;
  /** The backend ended the stream (its log ended, its context went away): its last delta came just before. */
  ended?(): void;
}

/** `watch.<stream>(...args, onDelta)`: one function per stream of the contract's EverynodeStreams. */
export type Watch = {
  [N in StreamName]: (...args: [...StreamArgs<N>, StreamListener<N> | ((delta: StreamDelta<N>) => void)]) => Disposable;
};
