import type { Disposable, StreamArgs, StreamDelta, StreamName } from '../../contract/index.js';
import type { ContextSession } from '../session/session.js';

/** What serves one stream (a DaemonSet list, a detail page, a log read); the hub fans its deltas out. */
export interface Producer<D> extends Disposable {
  /** Begins producing; a rejection fails the open that created it (a log the server refuses to read). */
  start(): void | Promise<void>;
  /** What a client joining late is sent first: the complete picture so far, or undefined while there is none. */
  current(): D | undefined;
}

/** How the hub serves one stream name (streams.ts holds one per name of the contract's EverynodeStreams). */
export interface StreamSpec<N extends StreamName> {
  /** Whether two opens with the same args share one producer (a log read is never shared: each reads from its start). */
  shared: boolean;
  /** What a new session of the stream's context does to it: a fresh start, or the end (a log is read once). */
  onNewSession: 'restart' | 'end';
  /** Checks that need the session (permissions, names) before anything starts; throws an AppError. */
  check?(session: ContextSession, args: StreamArgs<N>): Promise<void>;
  create(session: ContextSession, args: StreamArgs<N>, emit: (delta: StreamDelta<N>) => void): Producer<StreamDelta<N>>;
  /** The last delta of a stream whose context went away. */
  ended(message: string): StreamDelta<N>;
  /** Whether a delta is the producer's last one (a log that ended). */
  isLast?(delta: StreamDelta<N>): boolean;
}

export type StreamSpecs = { [N in StreamName]: StreamSpec<N> };
