import type { KubeConfig } from '@kubernetes/client-node';
import type { AppError } from '../errors.js';
import { httpStatusOf } from '../session/classify.js';
import { backoffDelay } from './backoff.js';
import { openWatch } from './raw-watch.js';
import { MapStore, type InformerStore } from './store.js';
import {
  objectKey,
  type InformerEvent,
  type InformerListener,
  type InformerStatus,
  type KubeObject,
  type ListResult,
} from './types.js';
import { isRecord } from '../../../common/guards.js';

export interface InformerSource<T> {
  list(): Promise<ListResult<T>>;
  /**
   * Where the watch goes and with which credentials (the session's KubeConfig). The watch is raw-watch.ts's plain
   * GET, which can be cancelled before the server answers.
   */
  config: KubeConfig;
  /** API path of the collection, e.g. /apis/apps/v1/namespaces/x/daemonsets. */
  path: string;
  query?: Record<string, string>;
  classify(error: unknown): AppError;
  /**
   * Keeps only what the informer's users need of a watched object (its list() projects the same way): the cache then
   * holds small objects instead of whole ones. Undefined drops the object; without it the object is kept whole.
   */
  project?(object: unknown): T | undefined;
  /** Values to find an object by besides its namespace and labels (Informer.indexed), e.g. the uid it is about. */
  index?(object: T): string[];
  /** Where the cache is kept; a map of the objects (MapStore) when undefined. */
  store?(): InformerStore<T>;
}

export interface InformerTiming {
  livenessMs: number;
  backoffBaseMs: number;
  backoffMaxMs: number;
}

type WatchOutcome = 'expired' | 'closed' | 'stopped' | 'stalled' | { error: unknown };

/**
 * List then watch one collection, keeping a cache indexed (on demand) by namespace, by label and by the source's
 * index. Every failure retries with capped, jittered backoff; a watch that hears nothing (not even a bookmark) for
 * livenessMs is restarted; 410 Expired relists, and a relist is diffed against the cache so listeners only see real
 * changes. resourceVersions are compared for equality only.
 */
export class Informer<T extends KubeObject> {
  private readonly cache: InformerStore<T>;
  private readonly listeners = new Set<InformerListener<T>>();
  private status: InformerStatus = { synced: false };
  private resourceVersion = '';
  private stopped = false;
  private attempt = 0;
  private stopCurrent: (() => void) | undefined;
  private wakeSleep: (() => void) | undefined;

  constructor(
    private readonly source: InformerSource<T>,
    private readonly timing: InformerTiming,
    /** Told of every answer from the server (list, watch opened, any watch event, bookmarks too): it is alive. */
    private readonly onTraffic: () => void = () => undefined,
  ) {
    this.cache = source.store?.() ?? new MapStore<T>(source);
  }

  start(): void {
    void this.run();
  }

  stop(): void {
    this.stopped = true;
    this.stopCurrent?.();
    this.wakeSleep?.();
    this.listeners.clear();
  }

  addListener(listener: InformerListener<T>): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => void this.listeners.delete(listener) };
  }

  snapshot(): T[] {
    return this.cache.values();
  }

  /** The object of a key (`namespace/name`, objectKey), if cached. */
  get(key: string): T | undefined {
    return this.cache.get(key);
  }

  /** The cached objects of one namespace ('' for cluster-scoped ones). */
  byNamespace(namespace: string): T[] {
    return this.cache.inNamespace(namespace);
  }

  /** The cached objects whose labels hold every pair of `labels` (a matchLabels selector; {} matches all). */
  matching(labels: Record<string, string>): T[] {
    return this.cache.matching(labels) ?? this.snapshot();
  }

  /** The cached objects the source's own index (InformerSource.index) gives this value. */
  indexed(value: string): T[] {
    return this.cache.indexed(value);
  }

  currentStatus(): InformerStatus {
    return this.status;
  }

  private async run(): Promise<void> {
    while (!this.stopped) {
      try {
        await this.relist();
      } catch (error) {
        if (this.stopped) return;
        this.setStatus({ synced: this.status.synced, error: this.source.classify(error) });
        await this.sleep(backoffDelay(this.attempt++, this.backoffOptions()));
        continue;
      }
      while (!this.stopped) {
        const started = Date.now();
        const outcome = await this.watchOnce();
        if (outcome === 'stopped' || this.stopped) return;
        if (outcome === 'expired') break;
        if (typeof outcome === 'object') {
          if (httpStatusOf(outcome.error) === 410) break;
          this.setStatus({ synced: this.status.synced, error: this.source.classify(outcome.error) });
          await this.sleep(backoffDelay(this.attempt++, this.backoffOptions()));
        } else if (outcome === 'closed' && Date.now() - started < 1000) {
          // A server that closes at once again and again must not be hammered.
          await this.sleep(backoffDelay(this.attempt++, this.backoffOptions()));
        }
      }
    }
  }

  private backoffOptions(): { baseMs: number; maxMs: number } {
    return { baseMs: this.timing.backoffBaseMs, maxMs: this.timing.backoffMaxMs };
  }

  private async relist(): Promise<void> {
    const result = await this.source.list();
    if (this.stopped) return;
    this.onTraffic();
    const events: InformerEvent<T>[] = [];
    const seen = new Set<string>();
    for (const item of result.items) {
      const key = objectKey(item);
      seen.add(key);
      const cached = this.cache.get(key);
      if (!cached || !sameVersion(cached, item)) {
        this.cache.put(key, item);
        events.push(
          cached ? { type: 'upsert', key, object: item, previous: cached } : { type: 'upsert', key, object: item },
        );
      }
    }
    for (const key of [...this.cache.keys()]) {
      if (seen.has(key)) continue;
      const object = this.cache.remove(key);
      if (object !== undefined) events.push({ type: 'delete', key, object });
    }
    this.resourceVersion = result.resourceVersion;
    this.attempt = 0;
    if (events.length > 0) this.emit(events);
    this.setStatus({ synced: true });
  }

  private watchOnce(): Promise<WatchOutcome> {
    return new Promise((resolve) => {
      let settled = false;
      const controller = new AbortController();
      let liveness: NodeJS.Timeout | undefined;
      const finish = (outcome: WatchOutcome): void => {
        if (settled) return;
        settled = true;
        clearTimeout(liveness);
        this.stopCurrent = undefined;
        // Also cancels a request still waiting for its response headers: no restart leaves one behind.
        controller.abort();
        resolve(outcome);
      };
      const arm = (): void => {
        clearTimeout(liveness);
        liveness = setTimeout(() => finish('stalled'), this.timing.livenessMs);
      };
      this.stopCurrent = () => finish('stopped');
      arm();
      const query = {
        ...this.source.query,
        resourceVersion: this.resourceVersion,
        allowWatchBookmarks: 'true',
        // Spread reconnects out, as client-go does (5 to 10 minutes).
        timeoutSeconds: String(300 + Math.floor(Math.random() * 300)),
      };
      openWatch(this.source.config, this.source.path, query, controller.signal, {
        onOpen: () => {
          this.onTraffic();
          if (this.status.error) this.setStatus({ synced: this.status.synced });
        },
        onEvent: (type, object) => {
          if (settled) return;
          arm();
          this.onTraffic();
          const outcome = this.onWatchEvent(type, object);
          if (outcome !== undefined) finish(outcome);
        },
        onDone: (error) => finish(error === null || error === undefined ? 'closed' : { error }),
      });
    });
  }

  private onWatchEvent(type: string, raw: unknown): WatchOutcome | undefined {
    if (type === 'ERROR') {
      const code = isRecord(raw) && typeof raw.code === 'number' ? raw.code : undefined;
      if (code === 410) return 'expired';
      return { error: { statusCode: code ?? 500, body: raw } };
    }
    if (!isRecord(raw)) return undefined;
    const seen = raw as KubeObject;
    const version = seen.metadata?.resourceVersion;
    if (typeof version === 'string' && version !== '') this.resourceVersion = version;
    this.attempt = 0;
    if (type === 'BOOKMARK') return undefined;
    const key = objectKey(seen);
    if (type === 'DELETED') {
      const cached = this.cache.remove(key);
      const object = this.source.project ? (this.source.project(raw) ?? cached) : (raw as T);
      if (cached && object) this.emit([{ type: 'delete', key, object, previous: cached }]);
    } else if (type === 'ADDED' || type === 'MODIFIED') {
      const object = this.source.project ? this.source.project(raw) : (raw as T);
      if (object === undefined) return undefined;
      const cached = this.cache.get(key);
      if (cached && sameVersion(cached, object)) return undefined;
      this.cache.put(key, object);
      this.emit([cached ? { type: 'upsert', key, object, previous: cached } : { type: 'upsert', key, object }]);
    }
    return undefined;
  }

  private emit(events: InformerEvent<T>[]): void {
    for (const listener of [...this.listeners]) listener.onEvents(events);
  }

  private setStatus(status: InformerStatus): void {
    const before = this.status;
    this.status = status;
    if (before.synced === status.synced && before.error?.message === status.error?.message) return;
    for (const listener of [...this.listeners]) listener.onStatus(status);
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done(): void {
        clearTimeout(timer);
        resolve();
      }
      this.wakeSleep = done;
    });
  }
}

function sameVersion(a: KubeObject, b: KubeObject): boolean {
  const va = a.metadata?.resourceVersion;
  return va !== undefined && va !== '' && va === b.metadata?.resourceVersion && a.metadata?.uid === b.metadata?.uid;
}
