import type { AppError } from '../errors.js';
import type { Kind } from '../kinds/kinds.js';
import { watchKind, type Projection } from '../kinds/source.js';
import type { ContextSession } from '../session/session.js';
import type { InformerHandle, WatchManager } from '../watch/manager.js';
import type { InformerEvent, InformerStatus, KubeObject } from '../watch/types.js';

export interface ScopedWatchOptions<T> {
  session: ContextSession;
  manager: WatchManager;
  kind: Kind;
  projection: Projection<T>;
  /** One namespace, or undefined for all of them. */
  namespace?: string;
  fieldSelector?: string;
  onEvents(events: InformerEvent<T>[]): void;
  /** A status changed, or the watches changed (fallback, a namespace added or dropped): recompute what they feed. */
  onChange(): void;
}

interface NamespaceWatch<T extends KubeObject> {
  /** Undefined while the access review is out, and for a namespace the user may not list. */
  handle?: InformerHandle<T>;
  checked: boolean;
  forbidden: boolean;
  cleanup?: () => void;
}

const refused = (status: InformerStatus): boolean => status.error?.code === 'forbidden';

/**
 * One kind of the coverage matrix's sources, watched cluster-wide (or in the one namespace chosen). When the
 * cluster-wide list is refused (a user who may list pods in some namespaces only), it falls back to one watch per
 * namespace the matrix needs (`want`: its DaemonSets' namespaces), each asked first with a SelfSubjectAccessReview so
 * no refused list is retried forever; the namespaces that stay unseen are `forbidden()`, never a silent gap.
 */
export class ScopedWatch<T extends KubeObject> {
  private cluster: { handle: InformerHandle<T>; cleanup: () => void } | undefined;
  private readonly namespaces = new Map<string, NamespaceWatch<T>>();
  private wanted: string[] = [];
  private fallback = false;
  private disposed = false;

  constructor(private readonly options: ScopedWatchOptions<T>) {}

  start(): void {
    this.cluster = this.open(this.options.namespace, (status) => {
      if (this.options.namespace !== undefined || !refused(status) || this.fallback) return;
      this.fallback = true;
      this.cluster?.cleanup();
      this.cluster = undefined;
      this.want(this.wanted);
    });
  }

  /** The namespaces whose objects the matrix reads; only used once the cluster-wide list was refused. */
  want(namespaces: string[]): void {
    this.wanted = [...new Set(namespaces)];
    if (!this.fallback || this.disposed) return;
    let changed = false;
    for (const namespace of this.wanted) {
      if (this.namespaces.has(namespace)) continue;
      const entry: NamespaceWatch<T> = { checked: false, forbidden: false };
      this.namespaces.set(namespace, entry);
      changed = true;
      void this.options.session
        .can({ verb: 'list', resource: this.options.kind.plural, group: this.options.kind.group, namespace })
        // The review itself failing (a timeout) says nothing about access: the watch is tried and reports its own.
        .catch(() => true)
        .then((allowed) => {
          if (this.disposed || this.namespaces.get(namespace) !== entry) return;
          entry.checked = true;
          if (allowed) {
            const opened = this.open(namespace);
            entry.handle = opened.handle;
            entry.cleanup = opened.cleanup;
          } else entry.forbidden = true;
          this.options.onChange();
        });
    }
    for (const [namespace, entry] of this.namespaces) {
      if (this.wanted.includes(namespace)) continue;
      entry.cleanup?.();
      this.namespaces.delete(namespace);
      changed = true;
    }
    if (changed) this.options.onChange();
  }

  private open(
    namespace: string | undefined,
    onStatus?: (status: InformerStatus) => void,
  ): { handle: InformerHandle<T>; cleanup: () => void } {
    const { session, manager, kind, projection, fieldSelector } = this.options;
    const scope = { ...(namespace ? { namespace } : {}), ...(fieldSelector ? { fieldSelector } : {}) };
    const handle = watchKind(manager, session, kind, scope, projection as Projection<KubeObject>) as InformerHandle<T>;
    const listener = handle.informer.addListener({
      onEvents: (events) => this.options.onEvents(events),
      onStatus: (status) => {
        onStatus?.(status);
        this.options.onChange();
      },
    });
    return {
      handle,
      cleanup: () => {
        listener.dispose();
        handle.dispose();
      },
    };
  }

  private handles(): InformerHandle<T>[] {
    if (this.cluster) return [this.cluster.handle];
    return [...this.namespaces.values()].flatMap((e) => (e.handle ? [e.handle] : []));
  }

  snapshot(): T[] {
    return this.handles().flatMap((h) => h.informer.snapshot());
  }

  indexed(value: string): T[] {
    const handles = this.handles();
    return handles.length === 1
      ? (handles[0]?.informer.indexed(value) ?? [])
      : handles.flatMap((h) => h.informer.indexed(value));
  }

  /** The first list arrived (or failed) everywhere it is watched, and every access review answered. */
  synced(): boolean {
    if (!this.fallback && !this.cluster) return false;
    const settled = (h: InformerHandle<T>) => {
      const status = h.informer.currentStatus();
      return status.synced || status.error !== undefined;
    };
    if (this.cluster) return settled(this.cluster.handle);
    return [...this.namespaces.values()].every((e) => e.checked && (!e.handle || settled(e.handle)));
  }

  /** Whether every object of the selection is seen: a node's room needs every pod on it. */
  complete(): boolean {
    if (!this.cluster) return false;
    const status = this.cluster.handle.informer.currentStatus();
    return status.error === undefined;
  }

  /** The namespaces whose objects the user may not list. */
  forbidden(): string[] {
    if (this.cluster) {
      const refusedHere = refused(this.cluster.handle.informer.currentStatus());
      return refusedHere && this.options.namespace !== undefined ? [this.options.namespace] : [];
    }
    const out: string[] = [];
    for (const [namespace, entry] of this.namespaces) {
      if (entry.forbidden || (entry.handle && refused(entry.handle.informer.currentStatus()))) out.push(namespace);
    }
    return out.sort();
  }

  /** The first failure that is not a refusal (a refusal is said by `forbidden()`). */
  error(): AppError | undefined {
    for (const handle of this.handles()) {
      const error = handle.informer.currentStatus().error;
      if (error && error.code !== 'forbidden') return error;
    }
    return undefined;
  }

  dispose(): void {
    this.disposed = true;
    this.cluster?.cleanup();
    for (const entry of this.namespaces.values()) entry.cleanup?.();
    this.namespaces.clear();
  }
}
