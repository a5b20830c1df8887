// Shared shapes inside the sandbox cluster: the API server, its controllers and its kubelets all speak these.
// The sandbox shares nothing with the app (backend/renderer) on purpose: it is the independent oracle.

export interface ObjectMeta {
  name: string;
  generateName?: string;
  namespace?: string;
  uid: string;
  resourceVersion: string;
  generation?: number;
  creationTimestamp: string;
  deletionTimestamp?: string;
  deletionGracePeriodSeconds?: number;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  ownerReferences?: OwnerReference[];
  finalizers?: string[];
  managedFields?: unknown[];
}

export interface OwnerReference {
  apiVersion: string;
  kind: string;
  name: string;
  uid: string;
  controller?: boolean;
  blockOwnerDeletion?: boolean;
}

/** Any stored Kubernetes object. Specific code narrows `spec`/`status` itself. */
export interface KubeObject {
  apiVersion: string;
  kind: string;
  metadata: ObjectMeta;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- objects are schemaless at this layer
  [field: string]: any;
}

/**
 * The store key of a served resource: the plural for built-in kinds (`pods`, `daemonsets`, `priorityclasses`), and
 * `<plural>.<group>` for custom resources (`crontabs.stable.example.com`), whose groups always contain a dot.
 */
export type ResourceName = string;

export type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED';

export interface StoreEvent {
  type: WatchEventType;
  resource: ResourceName;
  object: KubeObject;
  /** The object before the change (MODIFIED and DELETED). */
  old?: KubeObject;
}

/** Who performs a request: a user of the API, or a built-in component (controllers, kubelets, GC). */
export interface Actor {
  user: string;
  groups: string[];
}

export const SYSTEM_ACTOR: Actor = { user: 'system:sandbox', groups: ['system:masters'] };

/**
 * What a controller or kubelet uses to read and write the cluster. Writes go through the same registry logic as the
 * HTTP API (validation, generation, admission such as quota), so controllers see the same rules as kubectl does.
 * Every object it hands out (reads, write results, events) is the stored object, shared and read-only: copy it before
 * changing anything (outside production it is frozen, so a mutation throws).
 */
export interface ClusterApi {
  get(resource: ResourceName, namespace: string | undefined, name: string): KubeObject | undefined;
  list(resource: ResourceName, namespace?: string, labelSelector?: Record<string, string>): KubeObject[];
  create(resource: ResourceName, object: Omit<KubeObject, 'metadata'> & { metadata: Partial<ObjectMeta> }): KubeObject;
  /** Replaces the object; fails with a 409 StatusError when resourceVersion is set and stale. */
  update(resource: ResourceName, object: KubeObject): KubeObject;
  /** Writes only `.status` (spec and metadata come from the stored object), as `PUT .../status` does. */
  updateStatus(resource: ResourceName, object: KubeObject): KubeObject;
  /** Deletes as the API does: graceful for pods (sets deletionTimestamp), propagation via ownerReferences. */
  delete(
    resource: ResourceName,
    namespace: string | undefined,
    name: string,
    options?: { propagationPolicy?: 'Background' | 'Foreground' | 'Orphan'; gracePeriodSeconds?: number },
  ): void;
  /** Synchronous notification of every committed change, in commit order. */
  subscribe(listener: (event: StoreEvent) => void): () => void;
  /** Admission hook run before a create/update is committed; throw a StatusError to refuse it. */
  addAdmission(hook: AdmissionHook | AdmissionPlugin): void;
  /** Records a core/v1 Event (reason, message, type) about an object, aggregating repeats as the API server does. */
  recordEvent(
    involved: KubeObject,
    type: 'Normal' | 'Warning',
    reason: string,
    message: string,
    source: EventSource,
  ): void;
  /** Current time of the sandbox (ms); kubelets and controllers use it so tests can reason about time. */
  now(): number;
  /** Every stored resource this cluster serves now (custom resources included), for controllers that sweep them all. */
  resources(): StoredResource[];
}

export interface StoredResource {
  resource: ResourceName;
  group: string;
  version: string;
  kind: string;
  plural: string;
  namespaced: boolean;
}

export interface EventSource {
  component: string;
  host?: string;
  fieldPath?: string;
}

export interface AdmissionRequest {
  operation: 'CREATE' | 'UPDATE';
  resource: ResourceName;
  /** Status writes and the like; undefined for the main resource. */
  subresource?: string;
  object: KubeObject;
  old?: KubeObject;
  dryRun: boolean;
  /** Who asked (the system actor for controllers and kubelets). */
  actor?: Actor;
}

/** A validating admission check: throw a StatusError to refuse the write. */
export type AdmissionHook = (request: AdmissionRequest) => void;

/**
 * An admission plug-in in the real server's two phases: `mutate` runs before the kind's strategy (defaults that
 * depend on other objects, such as a pod's ServiceAccount or priority), `validate` after it, just before storage.
 */
export interface AdmissionPlugin {
  name: string;
  mutate?: AdmissionHook;
  validate?: AdmissionHook;
}
