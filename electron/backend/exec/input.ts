import { AppError } from '../errors.js';
import type { LiveHub } from '../live/hub.js';
import type { EventSink } from '../types.js';
import { ShellStream } from './shell.js';

/** The open shell behind one of `client`'s exec streams; another client's stream, or one that ended, is refused. */
export function shellOf(live: LiveHub, client: EventSink, streamId: string): ShellStream {
  const producer = live.producerOf(client, streamId);
  if (producer instanceof ShellStream) return producer;
  throw new AppError('not-found', `No shell is open as stream "${streamId}"; it may have ended.`);
}
