import type { DaemonSetDelta, PodIssue, ProjectSummary } from '../../contract/index.js';
import { toErrorDTO, type AppError } from '../errors.js';
import type { Producer } from './producer.js';
import type { ContextSession } from '../session/session.js';
import { daemonSetRow } from '../kinds/daemonset-row.js';
import { KINDS } from '../kinds/kinds.js';
import type { DaemonSetObject, PodObject, ResourceQuotaObject } from '../kinds/objects.js';
import { watchKind } from '../kinds/source.js';
import { eventsByObject, warningEvent, warningEventScope, type WarningEvent } from '../kinds/warning-event.js';
import type { InformerHandle, WatchManager } from '../watch/manager.js';
import { Coalescer } from '../watch/coalescer.js';
import { objectKey, type InformerEvent, type InformerStatus } from '../watch/types.js';
import { aggregatePodIssues } from '../resources/pod-issues.js';
import { summariseQuota } from '../resources/quota.js';
import { isSettled, selectorString, toRow } from '../resources/rows.js';

export interface SubscriptionOptions {
  session: ContextSession;
  manager: WatchManager;
  /** A namespace, or '*' for all projects. */
  selection: string;
  /** Changes that follow a sent batch within this window wait for its end and leave together. */
  windowMs: number;
  /** A batch never holds more rows than this (a larger burst is sent in several). */
  maxBatch: number;
  emit(delta: DaemonSetDelta): void;
  /** Told about every informer failure and recovery, so the context's connection state follows reality. */
  onHealth?(error: AppError | undefined): void;
}

const MAX_POD_WATCHES = 100;

interface PodWatch {
  uid: string;
  selector: string;
  handle: InformerHandle<PodObject>;
  /** The namespace's Warning events (shared by its DaemonSets' watches): FailedCreate, FailedMount, Unhealthy. */
  events: InformerHandle<WarningEvent>;
  dispose(): void;
}

/**
 * The live DaemonSet list of a selection (the `daemonSets` stream, shared by the clients that watch it): the shared
 * DaemonSet informer, pod informers for the DaemonSets that are not settled (and only those), the project's quota;
 * all sent as batched deltas.
 */
export class DaemonSetSubscription implements Producer<DaemonSetDelta> {
  private readonly daemonSets = new Map<string, DaemonSetObject>();
  private readonly issues = new Map<string, PodIssue[]>();
  private readonly podWatches = new Map<string, PodWatch>();
  private readonly dirty = new Set<string>();
  // Rows whose pods or events spoke since the last flush: their issues are judged once per flush, not per event (a
  // rollout step on 5,000 nodes is 1,000 pod events, each a pass over the DaemonSet's 5,000 pods).
  private readonly staleIssues = new Set<string>();
  private readonly removed = new Set<string>();
  private readonly cleanups: (() => void)[] = [];
  private dsHandle: InformerHandle<DaemonSetObject> | undefined;
  private quotaHandle: InformerHandle<ResourceQuotaObject> | undefined;
  private status: InformerStatus = { synced: false };
  private sentReset = false;
  private statusChanged = false;
  private summaryChanged = false;
  private readonly coalescer: Coalescer;
  private disposed = false;

  constructor(private readonly options: SubscriptionOptions) {
    this.coalescer = new Coalescer(options.windowMs, () => this.flush());
  }

  start(): void {
    const { session, manager, selection } = this.options;
    const namespace = selection === '*' ? undefined : selection;
    // Not shared with the detail page's DaemonSet informer: this one holds projected objects (daemonset-row.ts).
    this.dsHandle = watchKind(manager, session, KINDS.daemonsets, { namespace }, daemonSetRow);
    const informer = this.dsHandle.informer;
    const listener = informer.addListener({
      onEvents: (events) => this.onDaemonSets(events),
      onStatus: (s) => this.onStatus(s),
    });
    this.cleanups.push(() => listener.dispose());
    this.onDaemonSets(informer.snapshot().map((object) => ({ type: 'upsert', key: objectKey(object), object })));
    this.status = informer.currentStatus();
    this.statusChanged = this.status.error !== undefined;
    if (this.status.synced || this.status.error) this.schedule();
    if (namespace !== undefined) {
      this.quotaHandle = watchKind(manager, session, KINDS.resourcequotas, { namespace });
      // Quota is extra information: a user who may not read it still gets the list, so its errors are not reported.
      const quota = this.quotaHandle.informer.addListener({
        onEvents: () => this.touchSummary(),
        onStatus: () => undefined,
      });
      this.cleanups.push(() => quota.dispose());
    }
  }

  /** A reset batch of every row, once the first complete list went out; a late joiner starts from it. */
  current(): DaemonSetDelta | undefined {
    if (!this.sentReset) return undefined;
    const error = this.status.error ? toErrorDTO(this.status.error) : undefined;
    return this.delta({
      reset: true,
      upserts: [...this.daemonSets.keys()].map((k) => this.row(k)),
      removals: [],
      error,
    });
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.coalescer.stop();
    for (const cleanup of this.cleanups) cleanup();
    for (const key of [...this.podWatches.keys()]) this.dropPodWatch(key);
    this.dsHandle?.dispose();
    this.quotaHandle?.dispose();
  }

  /** Pod watches currently held (tests check that only unsettled DaemonSets have one). */
  watchedPods(): string[] {
    return [...this.podWatches.keys()];
  }

  private onDaemonSets(events: InformerEvent<DaemonSetObject>[]): void {
    for (const event of events) {
      if (event.type === 'delete') {
        this.daemonSets.delete(event.key);
        this.issues.delete(event.key);
        this.dropPodWatch(event.key);
        this.dirty.delete(event.key);
        this.removed.add(event.key);
      } else {
        this.daemonSets.set(event.key, event.object);
        this.removed.delete(event.key);
        this.dirty.add(event.key);
        this.updatePodWatch(event.key, event.object);
      }
    }
    if (events.length > 0) this.touchSummary();
  }

  private onStatus(status: InformerStatus): void {
    this.status = status;
    this.statusChanged = true;
    // A recovery counts only once the informer really succeeded (its status changes only on real outcomes).
    if (status.error || status.synced) this.options.onHealth?.(status.error);
    this.schedule();
  }

  private updatePodWatch(key: string, ds: DaemonSetObject): void {
    const current = this.podWatches.get(key);
    const selector = selectorString(ds.spec?.selector);
    const uid = ds.metadata?.uid ?? '';
    if (isSettled(ds) || selector === '') {
      if (current) this.dropPodWatch(key);
      this.issues.delete(key);
      return;
    }
    // The status counts changed: a FailedCreate holds only while nodes lack a pod.
    if (current && current.selector === selector && current.uid === uid) return this.issuesChanged(key);
    if (current) this.dropPodWatch(key);
    // When very many DaemonSets are unsettled at once (a zone outage), one pod watch each would flood the API server:
    // past the cap, rows keep their status counts and get reasons once others settle and they change again.
    else if (this.podWatches.size >= MAX_POD_WATCHES) return;
    const { session, manager } = this.options;
    const namespace = ds.metadata?.namespace ?? '';
    const handle = watchKind(manager, session, KINDS.pods, { namespace, labelSelector: selector });
    const events = watchKind(manager, session, KINDS.events, warningEventScope(namespace), warningEvent);
    const refresh = (): void => this.issuesChanged(key);
    const listeners = [handle, events].map((h) =>
      h.informer.addListener({ onEvents: refresh, onStatus: () => undefined }),
    );
    this.podWatches.set(key, { uid, selector, handle, events, dispose: () => listeners.forEach((l) => l.dispose()) });
    refresh();
  }

  private dropPodWatch(key: string): void {
    const watch = this.podWatches.get(key);
    if (!watch) return;
    this.podWatches.delete(key);
    watch.dispose();
    watch.handle.dispose();
    watch.events.dispose();
  }

  private issuesChanged(key: string): void {
    this.staleIssues.add(key);
    this.schedule();
  }

  private refreshIssues(key: string): void {
    const watch = this.podWatches.get(key);
    if (!watch) return;
    const status = this.daemonSets.get(key)?.status;
    const pods = watch.handle.informer.snapshot();
    // Only the events about this DaemonSet and its pods, from the informer's index (not the whole namespace's).
    const about = [watch.uid, ...pods.map((p) => p.metadata?.uid ?? '')];
    const next = aggregatePodIssues(pods, watch.uid, {
      events: eventsByObject(about.flatMap((uid) => watch.events.informer.indexed(uid))),
      counts: { desired: status?.desiredNumberScheduled ?? 0, current: status?.currentNumberScheduled ?? 0 },
    });
    if (JSON.stringify(next) === JSON.stringify(this.issues.get(key) ?? [])) return;
    this.issues.set(key, next);
    this.dirty.add(key);
  }

  private touchSummary(): void {
    this.summaryChanged = true;
    this.schedule();
  }

  private schedule(): void {
    if (this.disposed) return;
    // Before the first complete list nothing partial can go out, so only later bursts are cut into batches.
    if (this.sentReset && this.dirty.size + this.removed.size >= this.options.maxBatch) this.coalescer.flushNow();
    else this.coalescer.request();
  }

  private summary(): ProjectSummary {
    let pods = 0;
    for (const ds of this.daemonSets.values()) pods += ds.status?.currentNumberScheduled ?? 0;
    const summary: ProjectSummary = { selection: this.options.selection, daemonSets: this.daemonSets.size, pods };
    const quota = this.quotaHandle ? summariseQuota(this.quotaHandle.informer.snapshot()) : undefined;
    if (quota) summary.quota = quota;
    return summary;
  }

  private flush(): void {
    if (this.disposed) return;
    for (const key of this.staleIssues) this.refreshIssues(key);
    this.staleIssues.clear();
    const error = this.status.error ? toErrorDTO(this.status.error) : undefined;
    if (!this.sentReset) {
      // The first batch carries the complete list; until it is complete only an error can go out.
      if (!this.status.synced) {
        if (error && this.statusChanged) this.send({ reset: false, upserts: [], removals: [], error });
        this.statusChanged = false;
        return;
      }
      this.sentReset = true;
      this.dirty.clear();
      this.removed.clear();
      this.statusChanged = this.summaryChanged = false;
      this.send({ reset: true, upserts: [...this.daemonSets.keys()].map((k) => this.row(k)), removals: [], error });
      return;
    }
    if (this.dirty.size === 0 && this.removed.size === 0 && !this.statusChanged && !this.summaryChanged) return;
    const upserts = [...this.dirty].filter((k) => this.daemonSets.has(k)).map((k) => this.row(k));
    const removals = [...this.removed];
    this.dirty.clear();
    this.removed.clear();
    this.statusChanged = this.summaryChanged = false;
    this.send({ reset: false, upserts, removals, error });
  }

  private row(key: string): ReturnType<typeof toRow> {
    const ds = this.daemonSets.get(key) as DaemonSetObject;
    return toRow(ds, this.podWatches.has(key) ? (this.issues.get(key) ?? []) : []);
  }

  private send(parts: DeltaParts): void {
    this.options.emit(this.delta(parts));
  }

  private delta(parts: DeltaParts): DaemonSetDelta {
    const delta: DaemonSetDelta = {
      reset: parts.reset,
      upserts: parts.upserts,
      removals: parts.removals,
      synced: this.status.synced,
      summary: this.summary(),
    };
    if (parts.error) delta.error = parts.error;
    return delta;
  }
}

type DeltaParts = Omit<DaemonSetDelta, 'synced' | 'summary' | 'error'> & { error?: DaemonSetDelta['error'] };
