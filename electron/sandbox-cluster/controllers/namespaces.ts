// The namespace controller and the service-account controller of kube-controller-manager. A Terminating namespace has
// everything namespaced in it deleted (every served kind, custom resources included; pods gracefully), with the
// status conditions a real one reports, then its `kubernetes` finalizer removed so the API server lets it go. Every
// active namespace gets its `default` ServiceAccount, created as soon as the namespace is (so a pod created right
// after its namespace is admitted), and again if someone deletes it.
import type { ClusterApi, KubeObject, StoreEvent } from '../types.js';
import { QueuedLoop } from './control-loop.js';
import type { Subscribable } from './event-bus.js';
import { WorkQueue } from './work-queue.js';

const RETRY_MS = 500;

export interface NamespaceFinalizer {
  /** Writes spec.finalizers through the namespace's /finalize subresource. */
  finalize(namespace: KubeObject, finalizers: string[]): void;
}

function condition(type: string, status: 'True' | 'False', reason: string, message: string, now: string) {
  return { type, status, reason, message, lastTransitionTime: now };
}

export class NamespaceController extends QueuedLoop {
  protected readonly queue: WorkQueue;

  constructor(
    private readonly api: ClusterApi,
    private readonly finalizer: NamespaceFinalizer,
    events: Subscribable = api,
  ) {
    super();
    this.queue = new WorkQueue((name) => this.sync(name));
    this.onStop(events.subscribe((e) => this.onEvent(e)));
    for (const ns of api.list('namespaces')) {
      this.ensureDefaultAccount(ns);
      if (ns.metadata.deletionTimestamp) this.queue.add(ns.metadata.name);
    }
  }

  private onEvent(e: StoreEvent): void {
    if (e.resource === 'namespaces' && e.type !== 'DELETED') {
      this.ensureDefaultAccount(e.object);
      if (e.object.metadata.deletionTimestamp) this.queue.add(e.object.metadata.name);
      return;
    }
    if (e.resource === 'serviceaccounts' && e.type === 'DELETED' && e.object.metadata.name === 'default') {
      const ns = this.api.get('namespaces', undefined, e.object.metadata.namespace ?? '');
      if (ns) this.ensureDefaultAccount(ns);
    }
    if (e.type === 'DELETED' && e.object.metadata.namespace) {
      const ns = this.api.get('namespaces', undefined, e.object.metadata.namespace);
      if (ns?.metadata.deletionTimestamp) this.queue.add(ns.metadata.name);
    }
  }

  /** Synchronous on purpose: the ServiceAccount admission of a pod created next must find it. */
  private ensureDefaultAccount(ns: KubeObject): void {
    if (ns.metadata.deletionTimestamp || ns.status?.phase === 'Terminating') return;
    const name = ns.metadata.name;
    if (this.api.get('serviceaccounts', name, 'default')) return;
    try {
      this.api.create('serviceaccounts', {
        apiVersion: 'v1',
        kind: 'ServiceAccount',
        metadata: { name: 'default', namespace: name },
      });
    } catch {
      // Created meanwhile, or the namespace went: nothing to do.
    }
  }

  private sync(name: string): void {
    const ns = this.api.get('namespaces', undefined, name);
    if (!ns?.metadata.deletionTimestamp) return;
    const now = new Date(this.api.now()).toISOString().replace(/\.\d{3}Z$/, 'Z');
    const remaining: Record<string, number> = {};
    const finalizers = new Set<string>();
    for (const r of this.api.resources()) {
      if (!r.namespaced) continue;
      for (const o of this.api.list(r.resource, name)) {
        for (const f of o.metadata.finalizers ?? [])
          finalizers.add(`${f} in ${o.metadata.finalizers?.length ?? 0} resource instances`);
        remaining[r.group ? `${r.plural}.${r.group}` : r.plural] =
          (remaining[r.group ? `${r.plural}.${r.group}` : r.plural] ?? 0) + 1;
        if (o.metadata.deletionTimestamp) continue;
        try {
          this.api.delete(r.resource, name, o.metadata.name);
        } catch {
          // Gone already, or refused: counted as remaining until the next pass sees it gone.
        }
      }
    }
    // Deletes above may have finished at once; count again what is really left.
    const left = this.api
      .resources()
      .filter((r) => r.namespaced)
      .some((r) => this.api.list(r.resource, name).length > 0);
    if (!left) {
      this.finalizer.finalize(
        ns,
        (ns.spec?.finalizers ?? []).filter((f: string) => f !== 'kubernetes'),
      );
      return;
    }
    const summary = Object.entries(remaining)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([k, n]) => `${k} has ${n} resource instances`)
      .join(', ');
    const conditions = [
      condition(
        'NamespaceDeletionDiscoveryFailure',
        'False',
        'ResourcesDiscovered',
        'All resources successfully discovered',
        now,
      ),
      condition(
        'NamespaceDeletionGroupVersionParsingFailure',
        'False',
        'ParsedGroupVersions',
        'All legacy kube types successfully parsed',
        now,
      ),
      condition(
        'NamespaceDeletionContentFailure',
        'False',
        'ContentDeleted',
        'All content successfully deleted, may be waiting on finalization',
        now,
      ),
      condition(
        'NamespaceContentRemaining',
        'True',
        'SomeResourcesRemain',
        `Some resources are remaining: ${summary}`,
        now,
      ),
      finalizers.size > 0
        ? condition(
            'NamespaceFinalizersRemaining',
            'True',
            'SomeFinalizersRemain',
            `Some content in the namespace has finalizers remaining: ${[...finalizers].join(', ')}`,
            now,
          )
        : condition(
            'NamespaceFinalizersRemaining',
            'False',
            'ContentHasNoFinalizers',
            'All content-preserving finalizers finished',
            now,
          ),
    ];
    const previous = JSON.stringify(
      (ns.status?.conditions ?? []).map((c: Record<string, unknown>) => ({ ...c, lastTransitionTime: undefined })),
    );
    if (previous !== JSON.stringify(conditions.map((c) => ({ ...c, lastTransitionTime: undefined })))) {
      try {
        this.api.updateStatus('namespaces', { ...ns, status: { ...ns.status, conditions } });
      } catch {
        // Changed meanwhile: the retry below looks again.
      }
    }
    this.queue.addAfter(name, RETRY_MS);
  }
}
