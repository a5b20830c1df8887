import type { MetricsBase, MetricsRefusal } from '../../contract/index.js';
import { toErrorDTO } from '../errors.js';
import type { Producer } from '../live/producer.js';
import { watchKind, type Scope } from '../kinds/source.js';
import { KINDS } from '../kinds/kinds.js';
import type { ContextSession } from '../session/session.js';
import type { InformerHandle, WatchManager } from '../watch/manager.js';
import { metricsServed, refusal } from './api.js';
import { metricsPod, type MetricsPod } from './metrics-pod.js';
import type { Samplers, SampleTarget } from './sampler.js';
import type { UsageWindow } from './window.js';

export interface MetricsDeps {
  session: ContextSession;
  manager: WatchManager;
  samplers: Samplers;
  intervalMs: number;
  spanMs: number;
  flushMs: number;
}

/**
 * What every metrics view does: asks once whether the cluster serves the metrics API and whether the user may read
 * what the view shows (SelfSubjectAccessReviews), and only then watches its pods (a small projection) and joins its
 * context's sampler. Every delta is a complete picture, sent after each poll and when the pods change.
 */
export abstract class MetricsProducer<D extends MetricsBase> implements Producer<D>, SampleTarget {
  protected pods: InformerHandle<MetricsPod> | undefined;
  protected window: UsageWindow | undefined;
  private state: MetricsBase['state'] = 'loading';
  protected readonly emit: (picture: D) => void;
  private refused: MetricsRefusal | undefined;
  private error: unknown;
  private leave: (() => void) | undefined;
  private listener: { dispose(): void } | undefined;
  private timer: NodeJS.Timeout | undefined;
  private disposed = false;
  private last: D | undefined;

  constructor(
    protected readonly deps: MetricsDeps,
    emit: (picture: D) => void,
  ) {
    this.emit = emit;
  }

  /** The reviews this view needs, in the order a refusal is reported. */
  protected abstract questions(): MetricsRefusal[];
  /** Which pods it shows. */
  protected abstract scope(): Scope;
  abstract poll(window: UsageWindow): Promise<void>;
  /** The picture of what is sampled so far. */
  protected abstract picture(base: MetricsBase, window: UsageWindow, pods: MetricsPod[]): D;
  /** The picture with nothing sampled (loading, unavailable, forbidden). */
  protected abstract empty(base: MetricsBase): D;

  current(): D | undefined {
    return this.last;
  }

  async start(): Promise<void> {
    const { session } = this.deps;
    if (!(await metricsServed(session))) return this.settle('unavailable');
    const refused = await refusal(session, this.questions());
    if (this.disposed) return;
    if (refused) {
      this.refused = refused;
      return this.settle('forbidden');
    }
    this.state = 'ok';
    const pods = watchKind(this.deps.manager, session, KINDS.pods, this.scope(), metricsPod);
    this.pods = pods;
    const joined = this.deps.samplers.join(session, this);
    this.window = joined.window;
    this.leave = () => joined.leave();
    // A view that reads its pods' metrics by name (the node view) knows them only once their first list is in.
    let synced = pods.informer.currentStatus().synced;
    this.listener = pods.informer.addListener({
      onEvents: () => this.schedule(),
      onStatus: (status) => {
        if (status.synced && !synced) joined.pollNow();
        synced = status.synced;
        this.schedule();
      },
    });
  }

  sampled(error: unknown): void {
    this.error = error;
    this.schedule();
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    clearTimeout(this.timer);
    this.leave?.();
    this.listener?.dispose();
    this.pods?.dispose();
  }

  /** Pod names this view shows now, by namespace. */
  protected podsByNamespace(): Map<string, Set<string>> {
    const out = new Map<string, Set<string>>();
    for (const p of this.pods?.informer.snapshot() ?? []) {
      let names = out.get(p.namespace);
      if (!names) out.set(p.namespace, (names = new Set()));
      names.add(p.name);
    }
    return out;
  }

  private settle(state: MetricsBase['state']): void {
    if (this.disposed) return;
    this.state = state;
    this.emitNow();
  }

  private schedule(): void {
    if (this.disposed) return;
    this.timer ??= setTimeout(() => {
      this.timer = undefined;
      this.emitNow();
    }, this.deps.flushMs);
  }

  private emitNow(): void {
    if (this.disposed) return;
    const base: MetricsBase = {
      state: this.state,
      window: { spanMs: this.deps.spanMs, coveredMs: 0, intervalMs: this.deps.intervalMs, samples: 0 },
    };
    if (this.refused) base.refused = this.refused;
    if (this.error !== undefined) base.error = toErrorDTO(this.error);
    const window = this.window;
    this.last =
      this.state === 'ok' && window && this.pods
        ? this.picture(base, window, this.pods.informer.snapshot())
        : this.empty(base);
    this.emit(this.last);
  }
}
