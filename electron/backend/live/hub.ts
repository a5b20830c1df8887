import type { StreamArgs, StreamEvent, StreamName } from '../../contract/index.js';
import type { ContextSession } from '../session/session.js';
import type { EventSink } from '../types.js';
import type { Producer, StreamSpec, StreamSpecs } from './producer.js';

interface Entry {
  spec: StreamSpec<StreamName>;
  args: StreamArgs<StreamName>;
  context: string;
  session: ContextSession;
  producer: Producer<unknown> | undefined;
  /** The client streams it serves, by stream id. */
  streams: Map<string, EventSink>;
  ending: boolean;
}

/**
 * Every client's live streams (the contract's `streams.open`/`dispose`), reference counted: clients opening the same
 * stream with the same args share one producer, a late joiner first gets its current picture, and the producer ends
 * with its last stream. A new session for a context restarts its producers; a context that goes away ends them.
 */
export class LiveHub {
  private readonly entries = new Map<string, Entry>();
  private readonly streams = new Map<string, { client: EventSink; key: string }>();
  private next = 1;

  constructor(
    private readonly specs: StreamSpecs,
    /** The connected session of a context, or an AppError saying why there is none. */
    private readonly sessionFor: (context: string) => Promise<ContextSession>,
  ) {}

  async open<N extends StreamName>(client: EventSink, name: N, args: StreamArgs<N>): Promise<string> {
    const spec: StreamSpec<StreamName> = this.specs[name];
    const session = await this.sessionFor(args[0]);
    await spec.check?.(session, args);
    const id = `${name}-${this.next++}`;
    const key = spec.shared ? `${name}\u0000${JSON.stringify(args)}` : id;
    const joined = this.entries.get(key);
    if (joined) {
      // Its session was replaced and the hub not told yet: it starts over on the session this open found.
      if (joined.session !== session) this.restart(key, joined, session);
      joined.streams.set(id, client);
      this.streams.set(id, { client, key });
      const picture = joined.producer?.current();
      if (picture !== undefined) client.emit('onDidReceiveDelta', { streamId: id, delta: picture } as StreamEvent);
      return id;
    }
    const entry: Entry = {
      spec,
      args,
      context: args[0],
      session,
      producer: undefined,
      streams: new Map(),
      ending: false,
    };
    entry.streams.set(id, client);
    this.entries.set(key, entry);
    this.streams.set(id, { client, key });
    try {
      await this.startProducer(key, entry);
    } catch (error) {
      // Nothing of a producer that failed to start reaches the client: its open fails instead.
      this.forget(key, entry);
      entry.producer?.dispose();
      throw error;
    }
    return id;
  }

  /** Ends one stream of `client`; ids it does not hold are ignored (a page may dispose twice, or late). */
  dispose(client: EventSink, id: string): void {
    const stream = this.streams.get(id);
    if (stream?.client !== client) return;
    const entry = this.entries.get(stream.key);
    // The last stream of a producer ends it first, so what it says on the way out (a log's ended chunk) still goes.
    if (entry?.streams.size === 1) this.end(stream.key, entry);
    this.streams.delete(id);
    entry?.streams.delete(id);
  }

  /** A client went away: every stream it opened ends. */
  disposeClient(client: EventSink): void {
    for (const [id, stream] of [...this.streams]) if (stream.client === client) this.dispose(client, id);
  }

  /**
   * The one entry point for session changes: `session` is the context's new session (its producers restart from a
   * fresh picture), or undefined when the context went away (its streams end with an error delta).
   */
  onSessionChanged(context: string, session: ContextSession | undefined): void {
    for (const [key, entry] of [...this.entries]) {
      if (entry.context !== context || entry.session === session) continue;
      if (session && entry.spec.onNewSession === 'restart') {
        this.restart(key, entry, session);
      } else {
        this.endWith(
          key,
          entry,
          `Context "${context}" is no longer connected; choose it under Cluster to connect it again.`,
        );
      }
    }
  }

  // ---- issue 16: exec streams take input and end on a context switch ----

  /** The producer behind one of `client`'s streams (a shell's input goes to it), or undefined. */
  producerOf(client: EventSink, id: string): Producer<unknown> | undefined {
    const stream = this.streams.get(id);
    if (stream?.client !== client) return undefined;
    return this.entries.get(stream.key)?.producer;
  }

  /** Ends every stream named `name` whose context `where` picks; its last delta says `message`. */
  endStreams(name: StreamName, where: (context: string) => boolean, message: string): void {
    for (const [key, entry] of [...this.entries]) {
      if (entry.spec === this.specs[name] && where(entry.context)) this.endWith(key, entry, message);
    }
  }

  /** The contexts that have open streams. */
  contexts(): Set<string> {
    return new Set([...this.entries.values()].map((entry) => entry.context));
  }

  /** How many producers run (tests check that clients share them). */
  producers(): number {
    return this.entries.size;
  }

  disposeAll(): void {
    for (const [key, entry] of [...this.entries]) {
      this.end(key, entry);
      this.forget(key, entry);
    }
  }

  private restart(key: string, entry: Entry, session: ContextSession): void {
    entry.producer?.dispose();
    entry.session = session;
    this.startProducer(key, entry).catch(() =>
      this.endWith(
        key,
        entry,
        `Context "${entry.context}" reconnected, but this view could not be read again: reload the page.`,
      ),
    );
  }

  private async startProducer(key: string, entry: Entry): Promise<void> {
    const producer = entry.spec.create(entry.session, entry.args, (delta) => {
      // A producer replaced or ended is not heard any more.
      if (entry.producer === producer && this.entries.get(key) === entry) this.send(key, entry, delta);
    });
    entry.producer = producer;
    await producer.start();
  }

  private send(key: string, entry: Entry, delta: unknown): void {
    const last = entry.spec.isLast?.(delta as never) === true;
    for (const [streamId, client] of entry.streams) {
      client.emit('onDidReceiveDelta', (last ? { streamId, delta, ended: true } : { streamId, delta }) as StreamEvent);
    }
    if (!last) return;
    this.end(key, entry);
    this.forget(key, entry);
  }

  private endWith(key: string, entry: Entry, message: string): void {
    this.end(key, entry);
    const delta = entry.spec.ended(message);
    for (const [streamId, client] of entry.streams) client.emit('onDidReceiveDelta', { streamId, delta, ended: true });
    this.forget(key, entry);
  }

  /** Disposes the producer (once); its last words still reach its clients. */
  private end(key: string, entry: Entry): void {
    if (entry.ending || this.entries.get(key) !== entry) return;
    entry.ending = true;
    entry.producer?.dispose();
    this.entries.delete(key);
  }

  private forget(key: string, entry: Entry): void {
    if (this.entries.get(key) === entry) this.entries.delete(key);
    for (const id of entry.streams.keys()) this.streams.delete(id);
    entry.streams.clear();
  }
}
