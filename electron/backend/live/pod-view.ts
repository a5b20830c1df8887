import type { ContainerTermination, DetailEvent, PodView, PodViewPod } from '../../contract/index.js';
import { toErrorDTO } from '../errors.js';
import type { ContextSession } from '../session/session.js';
import type { InformerHandle, WatchManager } from '../watch/manager.js';
import type { Producer } from './producer.js';
import { KINDS, type Kind } from '../kinds/kinds.js';
import type { EventObject, KubeObject, PodObject } from '../kinds/objects.js';
import { watchKind, type Scope } from '../kinds/source.js';
import { toWarningEvent, type WarningEvent } from '../kinds/warning-event.js';
import { podProblem } from '../resources/pod-problem.js';
import { toDetailEvent, toDetailPod } from '../resources/detail-convert.js';

export interface PodViewOptions {
  session: ContextSession;
  manager: WatchManager;
  namespace: string;
  pod: string;
  flushMs: number;
  emit(view: PodView): void;
}

const MAX_EVENTS = 100;

interface Held<T extends KubeObject> {
  handle: InformerHandle<T>;
  dispose(): void;
}

function lastTerminations(pod: PodObject): Record<string, ContainerTermination> {
  const out: Record<string, ContainerTermination> = {};
  const statuses = [...(pod.status?.initContainerStatuses ?? []), ...(pod.status?.containerStatuses ?? [])];
  for (const status of statuses) {
    const ended = status.lastState?.terminated;
    if (!ended) continue;
    out[status.name] = {
      reason: ended.reason ?? (ended.exitCode === 0 ? 'Completed' : 'Error'),
      exitCode: ended.exitCode,
      ...(ended.message ? { message: ended.message } : {}),
      ...(ended.finishedAt ? { finishedAt: ended.finishedAt } : {}),
    };
  }
  return out;
}

/**
 * One pod for the pod panel (the `podView` stream, shared): the pod by name (fieldSelector metadata.name) and the
 * events about it (fieldSelector involvedObject), both in its namespace, so nothing wider is watched than the panel
 * shows. Every change sends a complete, debounced picture; a pod that goes away keeps its last picture as 'deleted'.
 */
export class PodViewSubscription implements Producer<PodView> {
  private pod: Held<PodObject> | undefined;
  private events: Held<EventObject> | undefined;
  private seen: PodViewPod | undefined;
  private timer: NodeJS.Timeout | undefined;
  private disposed = false;
  private last: PodView | undefined;

  constructor(readonly options: PodViewOptions) {}

  current(): PodView | undefined {
    return this.last;
  }

  start(): void {
    const { namespace, pod } = this.options;
    this.pod = this.hold(KINDS.pods, { namespace, fieldSelector: `metadata.name=${pod}` });
    this.events = this.hold(KINDS.events, {
      namespace,
      fieldSelector: `involvedObject.kind=Pod,involvedObject.name=${pod}`,
    });
    this.schedule();
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    clearTimeout(this.timer);
    for (const held of [this.pod, this.events]) {
      held?.dispose();
      held?.handle.dispose();
    }
  }

  private hold<T extends KubeObject>(kind: Kind<T>, scope: Scope): Held<T> {
    const handle = watchKind(this.options.manager, this.options.session, kind, scope);
    const listener = handle.informer.addListener({ onEvents: () => this.schedule(), onStatus: () => this.schedule() });
    return { handle, dispose: () => listener.dispose() };
  }

  private schedule(): void {
    if (this.disposed) return;
    this.timer ??= setTimeout(() => {
      this.timer = undefined;
      if (this.disposed) return;
      this.last = this.picture();
      this.options.emit(this.last);
    }, this.options.flushMs);
  }

  private picture(): PodView {
    const view: PodView = { state: 'loading', events: [] };
    const status = this.pod?.handle.informer.currentStatus();
    const error = status?.error ?? this.events?.handle.informer.currentStatus().error;
    if (error) view.error = toErrorDTO(error);
    const raw = this.pod?.handle.informer.snapshot().find((p) => p.metadata?.name === this.options.pod);
    const events = this.events?.handle.informer.snapshot() ?? [];
    view.events = events
      .map(toDetailEvent)
      .sort((a: DetailEvent, b: DetailEvent) => b.lastSeen.localeCompare(a.lastSeen))
      .slice(0, MAX_EVENTS);
    if (!raw) {
      if (!status?.synced) return view;
      if (!this.seen) return { ...view, state: 'not-found' };
      return { ...view, state: 'deleted', pod: this.seen };
    }
    // The kubelet's Warning events say what the pod's status cannot (FailedMount, Unhealthy), as on the detail page.
    const uid = raw.metadata?.uid ?? '';
    const warnings = events.flatMap((e): WarningEvent[] => {
      const w = toWarningEvent(e);
      return w && w.involvedUid === uid ? [w] : [];
    });
    warnings.sort((a, b) => b.lastSeen.localeCompare(a.lastSeen));
    const owner = raw.metadata?.ownerReferences?.find((r) => r.controller === true);
    // minReadySeconds is the DaemonSet's, which the panel does not watch: a ready pod counts as available here.
    this.seen = {
      ...toDetailPod(raw, 0, Date.now(), podProblem(raw, warnings)),
      namespace: this.options.namespace,
      lastTerminations: lastTerminations(raw),
      ...(owner ? { owner: { kind: owner.kind, name: owner.name } } : {}),
    };
    return { ...view, state: 'ok', pod: this.seen };
  }
}
