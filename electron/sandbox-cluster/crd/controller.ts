// The apiextensions controllers: a CustomResourceDefinition's names are checked against the other CRDs of its group,
// and once accepted its versions are served (catalog, discovery, OpenAPI) at once and it reports Established. Deleting
// one first deletes its custom resources (the customresourcecleanup finalizer), then the CRD and what it served.
import type { KindCatalog } from '../kinds/catalog.js';
import type { ClusterApi, KubeObject, StoreEvent } from '../types.js';
import { QueuedLoop } from '../controllers/control-loop.js';
import type { Subscribable } from '../controllers/event-bus.js';
import { WorkQueue } from '../controllers/work-queue.js';
import { customDescriptors } from './descriptors.js';

export const CLEANUP_FINALIZER = 'customresourcecleanup.apiextensions.k8s.io';
type Json = Record<string, unknown>;

function timestamp(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export class CrdController extends QueuedLoop {
  protected readonly queue: WorkQueue;

  constructor(
    private readonly api: ClusterApi,
    private readonly kinds: KindCatalog,
    events: Subscribable = api,
  ) {
    super();
    this.queue = new WorkQueue((name) => this.sync(name));
    this.onStop(events.subscribe((e) => this.onEvent(e)));
    // Restored state: serve what the stored CRDs define before anything asks for it.
    for (const crd of api.list('customresourcedefinitions')) {
      this.serve(crd);
      this.queue.add(crd.metadata.name);
    }
  }

  private onEvent(e: StoreEvent): void {
    if (e.resource !== 'customresourcedefinitions') {
      if (e.type === 'DELETED' && this.kinds.find(e.resource)?.crd) {
        const crd = this.kinds.find(e.resource)?.crd ?? '';
        if (this.api.get('customresourcedefinitions', undefined, crd)?.metadata.deletionTimestamp) this.queue.add(crd);
      }
      return;
    }
    if (e.type === 'DELETED') {
      this.kinds.removeCustom(e.object.metadata.name);
      return;
    }
    // Served right away (the real server does within moments), so a client's next request finds the new resource.
    if (!e.object.metadata.deletionTimestamp) this.serve(e.object);
    this.queue.add(e.object.metadata.name);
  }

  /** Another CRD of the group already serving this plural, kind, or a short name. */
  private conflict(crd: KubeObject): string | undefined {
    const names = (crd.spec?.names ?? {}) as Json;
    for (const other of this.api.list('customresourcedefinitions')) {
      if (other.metadata.name === crd.metadata.name || other.spec?.group !== crd.spec?.group) continue;
      const accepted = (other.status?.acceptedNames ?? {}) as Json;
      if (accepted.kind === names.kind) return `"${String(names.kind)}" is already in use`;
      if (accepted.listKind === names.listKind) return `"${String(names.listKind)}" is already in use`;
    }
    return undefined;
  }

  private serve(crd: KubeObject): void {
    if (this.conflict(crd)) return;
    this.kinds.setCustom(crd.metadata.name, customDescriptors(crd));
  }

  private sync(name: string): void {
    const crd = this.api.get('customresourcedefinitions', undefined, name);
    if (!crd) return;
    if (crd.metadata.deletionTimestamp) {
      this.cleanUp(crd);
      return;
    }
    const now = timestamp(this.api.now());
    const conflict = this.conflict(crd);
    const names = crd.spec?.names ?? {};
    const storage = ((crd.spec?.versions ?? []) as Json[]).find((v) => v.storage === true)?.name;
    const stored = new Set<string>([
      ...((crd.status?.storedVersions ?? []) as string[]),
      ...(storage ? [String(storage)] : []),
    ]);
    const keep = (type: string, status: string, reason: string, message: string) => {
      const previous = ((crd.status?.conditions ?? []) as Json[]).find((c) => c.type === type);
      const same = previous?.status === status;
      return { type, status, lastTransitionTime: same ? previous.lastTransitionTime : now, reason, message };
    };
    const status = {
      ...crd.status,
      acceptedNames: conflict ? (crd.status?.acceptedNames ?? { kind: '', plural: '' }) : names,
      storedVersions: [...stored],
      conditions: conflict
        ? [
            keep('NamesAccepted', 'False', 'KindConflict', conflict),
            keep('Established', 'False', 'NotAccepted', 'not all names are accepted'),
          ]
        : [
            keep('NamesAccepted', 'True', 'NoConflicts', 'no conflicts found'),
            keep('Established', 'True', 'InitialNamesAccepted', 'the initial names have been accepted'),
          ],
    };
    if (JSON.stringify(status) === JSON.stringify(crd.status)) return;
    this.api.updateStatus('customresourcedefinitions', { ...crd, status });
  }

  /** The customresourcecleanup finalizer: every custom resource goes, then the finalizer, then the CRD. */
  private cleanUp(crd: KubeObject): void {
    const resource = `${String(crd.spec?.names?.plural ?? '')}.${String(crd.spec?.group ?? '')}`;
    const left = this.kinds.find(resource) ? this.api.list(resource) : [];
    for (const o of left) {
      if (o.metadata.deletionTimestamp) continue;
      try {
        this.api.delete(resource, o.metadata.namespace, o.metadata.name);
      } catch {
        // Gone meanwhile.
      }
    }
    if (this.kinds.find(resource) && this.api.list(resource).length > 0) {
      this.queue.addAfter(crd.metadata.name, 200);
      return;
    }
    const finalizers = (crd.metadata.finalizers ?? []).filter((f) => f !== CLEANUP_FINALIZER);
    this.api.update('customresourcedefinitions', { ...crd, metadata: { ...crd.metadata, finalizers } });
  }
}
