// Watch streams: one JSON event per line, flushed at once (Node's HTTP response gathers the lines written in one turn
// of the event loop into one chunk, one socket write). The hub knows every open stream so faults can drop or stall
// them all, as a flaky network or a stuck API server would.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { gone } from '../errors.js';
import {
  matchesFields,
  matchesLabels,
  type FieldGetters,
  type FieldRequirement,
  type LabelSelector,
} from '../apimachinery/selectors.js';
import type { CommittedEvent, ObjectStore } from '../store/store.js';
import type { KubeObject, ResourceName } from '../types.js';

export interface WatchRequest {
  resource: ResourceName;
  /** Kind and apiVersion of the version watched (BOOKMARK events carry them). */
  kind: string;
  apiVersion: string;
  fieldGetters: FieldGetters;
  namespace?: string;
  labels: LabelSelector;
  fields: FieldRequirement[];
  /** undefined or "0": synthetic ADDED events first. */
  resourceVersion?: string;
  bookmarks: boolean;
  timeoutSeconds?: number;
  /** Wraps each object (Table responses); undefined for plain JSON. */
  transform?: (object: KubeObject, type: string) => unknown;
  /** Names what `transform` produces; watchers with the same encoding share one serialisation of each live event. */
  encoding?: string;
}

/** Upper bound of bytes queued for a slow or stalled client before the stream is cut (it will resume from its rv). */
const MAX_QUEUED_BYTES = 64 * 1024 * 1024;

class Watcher {
  private queue: (string | Buffer)[] = [];
  private queuedBytes = 0;
  private headersWritten = false;
  private timers: NodeJS.Timeout[] = [];
  private unsubscribe?: () => void;
  private ending = false;
  /** A connection gone dead without a close (silenceOpen): nothing reaches the client any more, not even its end. */
  private silenced = false;
  closed = false;

  constructor(
    private readonly hub: WatchHub,
    readonly res: ServerResponse,
  ) {}

  private writeHeaders(): void {
    if (this.headersWritten) return;
    this.headersWritten = true;
    this.res.writeHead(200, {
      'Content-Type': 'application/json',
      'Cache-Control': 'no-cache, private',
      'Transfer-Encoding': 'chunked',
    });
    this.res.socket?.setNoDelay(true);
    this.res.flushHeaders();
  }

  send(line: string | Buffer): void {
    if (this.closed || this.ending || this.silenced) return;
    if (this.hub.stalled) {
      this.queue.push(line);
      this.queuedBytes += line.length;
      if (this.queuedBytes > MAX_QUEUED_BYTES) this.destroy();
      return;
    }
    this.writeHeaders();
    this.res.write(line);
    if (this.res.writableLength > MAX_QUEUED_BYTES) this.destroy();
  }

  /** Starts writing: headers now unless stalled. */
  open(): void {
    if (!this.hub.stalled) this.writeHeaders();
  }

  flush(): void {
    if (this.closed || this.silenced) return;
    this.writeHeaders();
    const lines = this.queue;
    this.queue = [];
    this.queuedBytes = 0;
    for (const line of lines) this.res.write(line);
    if (this.ending) {
      this.res.end();
      this.cleanup();
    }
  }

  attach(unsubscribe: () => void, timers: NodeJS.Timeout[]): void {
    this.unsubscribe = unsubscribe;
    this.timers = timers;
  }

  private stopFeeds(): void {
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    for (const t of this.timers) clearTimeout(t);
  }

  private cleanup(): void {
    if (this.closed) return;
    this.closed = true;
    this.stopFeeds();
    this.hub.remove(this);
  }

  /** A clean end of the stream (timeout, 410): the client re-watches. While stalled, it ends once released. */
  end(): void {
    if (this.closed || this.ending) return;
    if (this.hub.stalled || this.silenced) {
      this.ending = true;
      this.stopFeeds();
      return;
    }
    this.writeHeaders();
    this.res.end();
    this.cleanup();
  }

  /** Stops feeding this stream for good; the socket stays open until the client gives up on it. */
  silence(): void {
    this.silenced = true;
    this.stopFeeds();
  }

  /** An abrupt cut (dropped connection). */
  destroy(): void {
    this.cleanup();
    this.res.destroy();
  }

  onClose(): void {
    this.cleanup();
  }
}

/** JSON of stored objects, shared by all plain watchers: stored objects never change, so one encoding serves all. */
const encoded = new WeakMap<KubeObject, string>();

function encode(o: KubeObject): string {
  let text = encoded.get(o);
  if (text === undefined) {
    text = JSON.stringify(o);
    encoded.set(o, text);
  }
  return text;
}

export class WatchHub {
  private readonly watchers = new Set<Watcher>();
  /** Lines of the event being dispatched, by encoding and type, so N watchers of one kind serialise it once. */
  private live: { event?: CommittedEvent; lines: Map<string, Buffer> } = { lines: new Map() };
  stalled = false;

  constructor(
    private readonly store: ObjectStore,
    private readonly bookmarkIntervalMs: number,
  ) {}

  get count(): number {
    return this.watchers.size;
  }

  remove(w: Watcher): void {
    this.watchers.delete(w);
  }

  dropAll(): number {
    const all = [...this.watchers];
    for (const w of all) w.destroy();
    return all.length;
  }

  stall(): void {
    this.stalled = true;
  }

  /**
   * The streams open now go silent for good, as over a half-dead TCP connection; later watches are served normally.
   * Only a client's own liveness timer gets it out (a global stall would also hold its new watches).
   */
  silenceOpen(): number {
    const open = [...this.watchers].filter((w) => !w.closed);
    for (const w of open) w.silence();
    return open.length;
  }

  release(): void {
    this.stalled = false;
    for (const w of [...this.watchers]) w.flush();
  }

  closeAll(): void {
    for (const w of [...this.watchers]) w.destroy();
  }

  /**
   * The line as bytes, encoded once per event for every watcher of one encoding (they only read it), as kube-apiserver
   * encodes an event once per watch cache: written as a string, each watcher's socket converted it to UTF-8 again.
   */
  private sharedLine(event: CommittedEvent, key: string, make: () => string): Buffer {
    if (this.live.event !== event) this.live = { event, lines: new Map() };
    let bytes = this.live.lines.get(key);
    if (bytes === undefined) {
      bytes = Buffer.from(make());
      this.live.lines.set(key, bytes);
    }
    return bytes;
  }

  start(req: IncomingMessage, res: ServerResponse, w: WatchRequest): void {
    const watcher = new Watcher(this, res);
    this.watchers.add(watcher);
    req.on('close', () => watcher.onClose());
    res.on('close', () => watcher.onClose());
    const line = (type: string, object: unknown): string => JSON.stringify({ type, object }) + '\n';
    const objectLine = (type: string, o: KubeObject): string =>
      w.transform ? line(type, w.transform(o, type)) : `{"type":"${type}","object":${encode(o)}}\n`;
    const matches = (o: KubeObject): boolean =>
      (!w.namespace || o.metadata.namespace === w.namespace) &&
      matchesLabels(w.labels, o.metadata.labels) &&
      matchesFields(w.fieldGetters, w.fields, o);
    // A transform without a named encoding may be unique to this watcher, so only named or plain ones are shared.
    const encoding = w.transform ? w.encoding : 'json';
    const deliver = (e: CommittedEvent, live = false): void => {
      const now = matches(e.object);
      const before = e.old ? matches(e.old) : false;
      let type: string | undefined;
      if (e.type === 'ADDED') type = now ? 'ADDED' : undefined;
      else if (e.type === 'DELETED') type = now || before ? 'DELETED' : undefined;
      else if (now && before) type = 'MODIFIED';
      else if (now) type = 'ADDED';
      else if (before) type = 'DELETED';
      if (!type) return;
      const t = type;
      const make = (): string => objectLine(t, e.object);
      watcher.send(live && encoding !== undefined ? this.sharedLine(e, `${encoding}|${t}`, make) : make());
    };

    const rvText = w.resourceVersion;
    if (rvText !== undefined && rvText !== '' && rvText !== '0') {
      const rv = Number(rvText);
      const history = Number.isInteger(rv) && rv >= 0 ? this.store.eventsSince(w.resource, rv) : undefined;
      if (!history || history.expired) {
        const oldest = history?.expired ? history.oldest : this.store.currentRv();
        const status = gone(`too old resource version: ${rvText} (${oldest})`).toStatus();
        watcher.open();
        watcher.send(line('ERROR', status));
        watcher.end();
        return;
      }
      watcher.open();
      for (const e of history.events) deliver(e);
    } else {
      watcher.open();
      for (const o of this.store.list(w.resource, w.namespace)) {
        if (matches(o)) watcher.send(objectLine('ADDED', o));
      }
    }
    const unsubscribe = this.store.subscribe((e) => {
      if (e.resource === w.resource) deliver(e, true);
    });
    const timers: NodeJS.Timeout[] = [];
    if (w.bookmarks) {
      const tick = (): void => {
        const bookmark = {
          kind: w.kind,
          apiVersion: w.apiVersion,
          metadata: { resourceVersion: String(this.store.currentRv()) },
        };
        watcher.send(line('BOOKMARK', bookmark));
        timers.push(setTimeout(tick, this.bookmarkIntervalMs).unref());
      };
      timers.push(setTimeout(tick, this.bookmarkIntervalMs).unref());
    }
    if (w.timeoutSeconds !== undefined && w.timeoutSeconds > 0) {
      timers.push(setTimeout(() => watcher.end(), w.timeoutSeconds * 1000).unref());
    }
    watcher.attach(unsubscribe, timers);
  }
}
