import type { ContainerTermination, DetailEvent, PodView, PodViewPod } from '../../contract/index.js';
import { toErrorDTO } from '../errors.js';
import { PictureProducer, type Held, type PictureOptions } from './picture.js';
import { KINDS } from '../kinds/kinds.js';
import type { EventObject, PodObject } from '../kinds/objects.js';
import { toWarningEvent, type WarningEvent } from '../kinds/warning-event.js';
import { podProblem } from '../resources/pod-problem.js';
import { toDetailEvent, toDetailPod } from '../resources/detail-convert.js';

export interface PodViewOptions extends PictureOptions<PodView> {
  namespace: string;
  pod: string;
}

const MAX_EVENTS = 100;

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
export class PodViewSubscription extends PictureProducer<PodView> {
  private pod: Held<PodObject> | undefined;
  private events: Held<EventObject> | undefined;
  private seen: PodViewPod | undefined;

  constructor(readonly options: PodViewOptions) {
    super(options);
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

  protected picture(): PodView {
    const view: PodView = { state: 'loading', events: [] };
    const status = this.pod?.handle.informer.currentStatus();
    const listed = this.events?.handle.informer.currentStatus();
    const error = status?.error ?? listed?.error;
    if (error) view.error = toErrorDTO(error);
    // Until the events are listed, "no events" would be said as if it were true.
    if (listed?.synced !== true && listed?.error === undefined) return view;
    const raw = this.pod?.handle.informer.snapshot().find((p) => p.metadata?.name === this.options.pod);
    const about = this.events?.handle.informer.snapshot() ?? [];
    view.events = about
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
    const warnings = about.flatMap((e): WarningEvent[] => {
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
