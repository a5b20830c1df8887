import type { LogOptions } from '../../contract/index.js';
import type { ContextSession } from '../session/session.js';
import type { EventSink } from '../types.js';
import type { WatchManager } from '../watch/manager.js';
import { LogStream, type LogTarget } from './logs.js';
import { DetailSubscription } from './subscription.js';

interface Owned<T> {
  item: T;
  sink: EventSink;
}

/** The detail pages and log streams of every client, ended with their client or their context's session. */
export class DetailHub {
  private readonly subscriptions = new Map<string, Owned<DetailSubscription>>();
  private readonly streams = new Map<string, Owned<LogStream>>();
  private next = 1;

  constructor(
    private readonly manager: WatchManager,
    private readonly flushMs: number,
  ) {}

  subscribe(session: ContextSession, sink: EventSink, namespace: string, name: string): string {
    const id = `detail-${this.next++}`;
    const subscription = new DetailSubscription({
      id,
      session,
      manager: this.manager,
      namespace,
      name,
      flushMs: this.flushMs,
      emit: (detail) => sink.emit('onDidChangeDaemonSetDetail', detail),
    });
    this.subscriptions.set(id, { item: subscription, sink });
    subscription.start();
    return id;
  }

  unsubscribe(sink: EventSink, id: string): void {
    const owned = this.subscriptions.get(id);
    if (owned?.sink !== sink) return;
    owned.item.close();
    this.subscriptions.delete(id);
  }

  async startLogs(session: ContextSession, sink: EventSink, target: LogTarget, options: LogOptions): Promise<string> {
    const id = `log-${this.next++}`;
    const stream = new LogStream(id, session, target, options, (chunk) => {
      if (chunk.ended) this.streams.delete(id);
      sink.emit('onDidReceiveLogs', chunk);
    });
    this.streams.set(id, { item: stream, sink });
    try {
      await stream.start();
    } catch (error) {
      this.streams.delete(id);
      throw error;
    }
    return id;
  }

  stopLogs(sink: EventSink, id: string): void {
    const owned = this.streams.get(id);
    if (owned?.sink !== sink) return;
    owned.item.stop();
  }

  /** A client went away: everything it opened ends. */
  disposeClient(sink: EventSink): void {
    for (const [id, owned] of this.subscriptions) if (owned.sink === sink) this.unsubscribe(sink, id);
    for (const owned of [...this.streams.values()]) if (owned.sink === sink) owned.item.stop();
  }

  // A new session (reconnect, kubeconfig edit) replaces the watches of the old one; pages of another context end.
  onSessionChanged(session: ContextSession | undefined): void {
    for (const [id, owned] of this.subscriptions) {
      const old = owned.item;
      old.close();
      if (session && old.context === session.name) {
        const next = new DetailSubscription({ ...old.options, session });
        owned.item = next;
        next.start();
      } else {
        this.subscriptions.delete(id);
        owned.sink.emit('onDidChangeDaemonSetDetail', {
          subscriptionId: id,
          state: 'loading',
          pods: [],
          nodes: { allowed: true, value: [] },
          events: [],
          revisions: [],
          error: { code: 'unsupported', message: `Context "${old.context}" is no longer active; subscribe again.` },
        });
      }
    }
    for (const owned of [...this.streams.values()]) owned.item.stop();
  }

  dispose(): void {
    for (const owned of this.subscriptions.values()) owned.item.close();
    this.subscriptions.clear();
    for (const owned of [...this.streams.values()]) owned.item.stop();
  }
}
