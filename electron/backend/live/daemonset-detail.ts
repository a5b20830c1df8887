import type {
  DaemonSetDetail,
  DaemonSetDetailDelta,
  DetailEvent,
  DetailPod,
  DetailRevision,
  NodeSummary,
} from '../../contract/index.js';
import { byName, diffDetail, listsUnchanged, type KeyedChange } from '../../../common/detail-delta.js';
import { toErrorDTO } from '../errors.js';
import type { ContextSession } from '../session/session.js';
import type { InformerHandle, WatchManager } from '../watch/manager.js';
import type { InformerEvent } from '../watch/types.js';
import type { Producer } from './producer.js';
import { selectorString, toRow } from '../resources/rows.js';
import { aggregatePodIssues } from '../resources/pod-issues.js';
import { KINDS, type Kind } from '../kinds/kinds.js';
import { nodeSummary, type NodeSummaryObject } from '../kinds/node-summary.js';
import type {
  ControllerRevisionObject,
  DaemonSetObject,
  EventObject,
  KubeObject,
  PodObject,
} from '../kinds/objects.js';
import { watchKind, type Projection, type Scope } from '../kinds/source.js';
import { eventsByObject, toWarningEvent, type WarningEvent } from '../kinds/warning-event.js';
import { toDetailEvent, toDetailRevision } from '../resources/detail-convert.js';
import { DetailPodCache } from './detail-pod-cache.js';
import { controlledBy } from '../kinds/owner.js';
import { Coalescer } from '../watch/coalescer.js';

export interface DetailSubscriptionOptions {
  session: ContextSession;
  manager: WatchManager;
  namespace: string;
  name: string;
  flushMs: number;
  emit(delta: DaemonSetDetailDelta): void;
}

const MAX_EVENTS = 200;

/** The parts of a picture that go whole in every delta (the DaemonSet, events, history, state, error), compared. */
const wholeParts = (d: DaemonSetDetail): string => JSON.stringify({ ...d, pods: undefined, nodes: undefined });

interface Held<T extends KubeObject> {
  handle: InformerHandle<T>;
  /** Stops listening (the handle's own dispose() lets go of the informer). */
  dispose(): void;
}

/** What an informer said: its events, or nothing in particular (a status change: listed, failed, relisted). */
type Heard = (events?: InformerEvent<KubeObject>[]) => void;

const isWarning = (event: KubeObject | undefined): boolean => (event as EventObject | undefined)?.type === 'Warning';

/**
 * One DaemonSet's detail page (the `daemonSetDetail` stream, shared by the clients that show it): the namespace's
 * DaemonSet informer (whole objects, so not the list page's projected one), pods and ControllerRevisions by the
 * DaemonSet's own label selector, the namespace's events, and the nodes. Every change is debounced; the first picture
 * goes whole (a reset), then only what changed (common/detail-delta.ts): a rollout step on 5,000 nodes sends the pods
 * it changed, not 5,000 pods and 5,000 nodes.
 */
export class DetailSubscription implements Producer<DaemonSetDetailDelta> {
  private ds: Held<DaemonSetObject> | undefined;
  private nodes: Held<NodeSummaryObject> | undefined;
  private events: Held<EventObject> | undefined;
  private pods: (Held<PodObject> & { selector: string }) | undefined;
  private revisions: (Held<ControllerRevisionObject> & { selector: string }) | undefined;
  private seenUid: string | undefined;
  private nodesForbidden: string | undefined;
  private readonly coalescer: Coalescer;
  private soon: NodeJS.Immediate | undefined;
  private recheck: NodeJS.Timeout | undefined;
  private disposed = false;
  private last: DaemonSetDetail | undefined;
  private podCache = new DetailPodCache();
  /** The pods' informer keys reported since the last picture ('all': look at every pod, as after a relist). */
  private podKeys: Set<string> | 'all' = 'all';
  /** The last picture's pods change, and the pod list it applies to. */
  private podsMoved: { from: DetailPod[]; change: KeyedChange<DetailPod> } | undefined;
  // Judged again only after their informer spoke: a rollout step on 5,000 nodes changes pods, not events or nodes.
  private warnings: Map<string, WarningEvent[]> | undefined;
  private nodeValues: NodeSummary[] | undefined;
  private eventValues: DetailEvent[] | undefined;

  constructor(readonly options: DetailSubscriptionOptions) {
    this.coalescer = new Coalescer(options.flushMs, () => this.flush());
  }

  /** The last picture sent, whole: a late joiner starts from it. */
  current(): DaemonSetDetailDelta | undefined {
    return this.last ? diffDetail<DaemonSetDetail, DetailPod, NodeSummary>(undefined, this.last) : undefined;
  }

  start(): void {
    const { namespace, name } = this.options;
    // Its own object only: the namespace's other DaemonSets would slow the opening (the pods' informer waits for the
    // selector) and wake every flush with their status writes.
    this.ds = this.hold(
      KINDS.daemonsets,
      { namespace, fieldSelector: `metadata.name=${name}` },
      undefined,
      () => (this.eventValues = undefined),
    );
    this.watchNodes();
    // Normal events (a rollout's Pulled, Started...) explain nothing: only a Warning one is judged again.
    this.events = this.hold(KINDS.events, { namespace }, undefined, (events) => {
      if (!events || events.some((e) => isWarning(e.object) || isWarning(e.previous))) this.warnings = undefined;
      this.eventValues = undefined;
    });
    this.schedule();
  }

  // Asked first, so a user who may not list nodes (the developer) gets no node informer failing and retrying forever.
  private watchNodes(): void {
    const { session } = this.options;
    session
      .can({ verb: 'list', resource: 'nodes' })
      .catch(() => true)
      .then((allowed) => {
        if (this.disposed) return;
        if (!allowed) {
          this.nodesForbidden = `User "${session.userName}" may not list nodes.`;
          this.schedule();
          return;
        }
        this.nodes = this.hold(KINDS.nodes, {}, nodeSummary, () => (this.nodeValues = undefined));
        // A node informer another page already synced says nothing new: the picture may be ready now.
        this.schedule();
      })
      .catch(() => undefined);
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.coalescer.stop();
    if (this.soon !== undefined) clearImmediate(this.soon);
    clearTimeout(this.recheck);
    for (const held of [this.ds, this.nodes, this.events, this.pods, this.revisions]) this.drop(held);
  }

  /** `changed`: called on each of the informer's events and status changes, before the flush is scheduled. */
  private hold<T extends KubeObject>(kind: Kind<T>, scope: Scope, projection?: undefined, changed?: Heard): Held<T>;
  private hold<P extends KubeObject>(kind: Kind, scope: Scope, projection: Projection<P>, changed?: Heard): Held<P>;
  private hold(kind: Kind, scope: Scope, projection?: Projection<KubeObject>, changed?: Heard): Held<KubeObject> {
    const { manager, session } = this.options;
    const handle = projection
      ? watchKind(manager, session, kind, scope, projection)
      : watchKind(manager, session, kind, scope);
    const listener = handle.informer.addListener({
      onEvents: (events) => {
        changed?.(events);
        this.schedule();
      },
      onStatus: () => {
        changed?.();
        this.schedule();
      },
    });
    return { handle, dispose: () => listener.dispose() };
  }

  private drop(held: { handle: { dispose(): void }; dispose(): void } | undefined): void {
    held?.dispose();
    held?.handle.dispose();
  }

  private watched(): DaemonSetObject | undefined {
    return this.ds?.handle.informer.get(`${this.options.namespace}/${this.options.name}`);
  }

  // Pods and revisions are watched by the DaemonSet's own selector, re-acquired only when the selector changes.
  private follow(ds: DaemonSetObject | undefined): void {
    const selector = ds ? selectorString(ds.spec?.selector) : '';
    const { namespace } = this.options;
    const scope = { namespace, labelSelector: selector };
    if (this.pods?.selector !== selector) {
      this.drop(this.pods);
      this.pods = undefined;
      this.podCache = new DetailPodCache();
      this.podKeys = 'all';
      if (selector !== '') {
        this.pods = { ...this.hold(KINDS.pods, scope, undefined, (events) => this.heardPods(events)), selector };
      }
    }
    if (this.revisions?.selector !== selector) {
      this.drop(this.revisions);
      this.revisions = undefined;
      if (selector !== '') {
        this.revisions = { ...this.hold(KINDS.controllerrevisions, scope), selector };
      }
    }
  }

  // A lone change leaves at once, a burst (a rollout step) at most once a window. Until the first complete picture
  // (the page is waiting on it), every informer that speaks is looked at right away: a loading picture costs nothing
  // and each window would add its length to the page's opening (the pods' informer starts only once the DaemonSet is
  // known, so opening takes two turns). The turn's other events come first, so one network read still makes one flush.
  private schedule(): void {
    if (this.disposed) return;
    if (this.last?.state === 'ok') this.coalescer.request();
    else
      this.soon ??= setImmediate(() => {
        this.soon = undefined;
        this.flush();
      });
  }

  private heardPods(events: InformerEvent<KubeObject>[] | undefined): void {
    if (events === undefined || this.podKeys === 'all') this.podKeys = 'all';
    else for (const event of events) this.podKeys.add(event.key);
    this.eventValues = undefined;
  }

  private flush(): void {
    if (this.disposed) return;
    const ds = this.watched();
    this.follow(ds);
    const next = this.picture(ds);
    const moved = this.podsMoved;
    this.podsMoved = undefined;
    // The pod cache knows what changed: the delta is not found by comparing 5,000 pods with the last picture's.
    const known = moved !== undefined && this.last?.pods === moved.from ? moved.change : undefined;
    const delta = diffDetail<DaemonSetDetail, DetailPod, NodeSummary>(this.last, next, known);
    // Nothing the page shows changed (an informer event of another DaemonSet's pod, a resync): nothing to send.
    if (this.last && listsUnchanged(delta) && wholeParts(next) === wholeParts(this.last)) return;
    this.last = next;
    this.options.emit(delta);
  }

  private picture(ds: DaemonSetObject | undefined): DaemonSetDetail {
    const base: DaemonSetDetail = {
      state: 'loading',
      pods: [],
      nodes: { allowed: true, value: [] },
      events: [],
      revisions: [],
    };
    const status = this.ds?.handle.informer.currentStatus();
    if (status?.error) base.error = toErrorDTO(status.error);
    if (!ds) {
      if (status?.synced) base.state = this.seenUid === undefined ? 'not-found' : 'deleted';
      return base;
    }
    const uid = ds.metadata?.uid ?? '';
    this.seenUid = uid;
    // Until the pods and revisions of its selector are listed, a picture would show an empty grid as if it were true.
    const listed = [this.pods, this.revisions].every((h) => h?.handle.informer.currentStatus().synced === true);
    if (!listed || !this.nodesSettled()) return base;
    base.state = 'ok';
    const now = Date.now();
    const minReady = ds.spec?.minReadySeconds ?? 0;
    // The same reasons as the list's, from the same rules: the kubelet's Warning events explain what pods cannot.
    const warnings = (this.warnings ??= eventsByObject(
      (this.events?.handle.informer.snapshot() ?? []).flatMap((e): WarningEvent[] => {
        const w = toWarningEvent(e);
        return w ? [w] : [];
      }),
    ));
    const from = this.podCache.pods();
    const keys = this.podKeys;
    this.podKeys = new Set();
    const informer = this.pods?.handle.informer;
    const source = informer ?? { get: () => undefined, snapshot: () => [] };
    const change = this.podCache.update({ owner: uid, minReady, now, warnings }, keys, source);
    this.podsMoved = { from, change };
    base.pods = this.podCache.pods();
    // A pod Ready but not yet available becomes available by the clock alone: look again then.
    if (this.podCache.waitingOnClock()) {
      this.recheck ??= setTimeout(() => {
        this.recheck = undefined;
        this.schedule();
      }, 1000);
    }
    base.revisions = this.revisionList(uid);
    base.events = this.eventValues ??= this.eventList(ds);
    base.nodes = this.nodeList();
    const newest = base.revisions.at(-1);
    base.daemonSet = {
      row: toRow(
        ds,
        // Only the pods with a problem speak, unless the controller's FailedCreate needs the newest pod's age.
        aggregatePodIssues(this.podCache.objects(!warnings.get(uid)?.some((e) => e.reason === 'FailedCreate')), uid, {
          events: warnings,
          problemOf: (pod) => this.podCache.problemOf(pod.metadata?.uid ?? ''),
          counts: { desired: ds.status?.desiredNumberScheduled ?? 0, current: ds.status?.currentNumberScheduled ?? 0 },
        }),
      ),
      annotations: { ...(ds.metadata?.annotations ?? {}) },
      conditions: (ds.status?.conditions ?? []).map((c) => ({
        type: c.type,
        status: c.status,
        ...(c.reason ? { reason: c.reason } : {}),
        ...(c.message ? { message: c.message } : {}),
      })),
      template: JSON.parse(JSON.stringify(ds.spec?.template ?? {})) as Record<string, unknown>,
      ...(newest ? { updateRevisionHash: newest.hash } : {}),
    };
    return base;
  }

  private revisionList(uid: string): DetailRevision[] {
    return (this.revisions?.handle.informer.snapshot() ?? [])
      .filter((r) => controlledBy(r, uid))
      .map(toDetailRevision)
      .sort((a, b) => a.revision - b.revision);
  }

  private eventList(ds: DaemonSetObject): DetailEvent[] {
    const uid = ds.metadata?.uid ?? '';
    // Pods already gone keep their events: they are recognised by the DaemonSet's pod name prefix.
    const prefix = `${ds.metadata?.name ?? ''}-`;
    return (this.events?.handle.informer.snapshot() ?? [])
      .filter((e) => {
        const o = e.involvedObject ?? {};
        if (o.kind === 'DaemonSet') return o.uid === uid || (o.uid === undefined && o.name === ds.metadata?.name);
        return o.kind === 'Pod' && (this.podCache.owns(o.uid ?? '') || (o.name ?? '').startsWith(prefix));
      })
      .map(toDetailEvent)
      .sort((a, b) => b.lastSeen.localeCompare(a.lastSeen))
      .slice(0, MAX_EVENTS);
  }

  /**
   * Whether the node grid can be told: the user may not list nodes, or the node informer has listed them (or failed,
   * which nodeList reports). Until then an 'ok' picture would show a cluster without nodes; the node informer starts
   * only after the access review, so on a busy machine it comes in well after the pods.
   */
  private nodesSettled(): boolean {
    if (this.nodesForbidden !== undefined) return true;
    const status = this.nodes?.handle.informer.currentStatus();
    return status !== undefined && (status.synced || status.error !== undefined);
  }

  private nodeList(): DaemonSetDetail['nodes'] {
    if (this.nodesForbidden !== undefined) return { allowed: false, message: this.nodesForbidden };
    const informer = this.nodes?.handle.informer;
    const error = informer?.currentStatus().error;
    // A user who may not list nodes still gets the pods; the page says why the grid is missing.
    if (error && error.code === 'forbidden') return { allowed: false, message: error.message };
    // Eligibility is the renderer's: the wizard's preview and the grid share one rule (domain/detail/eligibility).
    this.nodeValues ??= (informer?.snapshot() ?? []).map((n) => n.summary).sort(byName);
    return { allowed: true, value: this.nodeValues };
  }
}
