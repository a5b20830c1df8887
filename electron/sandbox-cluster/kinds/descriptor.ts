// A kind descriptor says everything the generic registry needs to serve a resource, in the shape of kube-apiserver's
// generic registry (a REST storage plus its strategy): names for URLs and discovery, scope, subresources, the
// strategy hooks (defaulting, create/update preparation, validation), Table columns, field selectors and the schema.
// One store, one set of verb handlers, discovery, Table output and OpenAPI are all driven by these.
import type { FieldCause } from '../errors.js';
import type { NameRule } from '../registry/validation.js';
import type { Shape } from '../schema/shape.js';
import type { Column } from '../server/table-column.js';
import type { KubeObject } from '../types.js';

/** What validation may look at besides the object: other stored objects (Service clusterIP collisions...). */
export interface ValidationEnv {
  get(resource: string, namespace: string | undefined, name: string): KubeObject | undefined;
  list(resource: string, namespace?: string): KubeObject[];
}

export interface KindStrategy {
  /** Defaulting, as decoding applies it: before admission and validation, on create and update alike. */
  defaults?(object: KubeObject): void;
  /** Create only (after admission's mutations): reset status, set generation, allocate (clusterIP...). */
  prepareForCreate?(object: KubeObject, env: ValidationEnv): void;
  /** Update of the main resource (status already copied from the old object when there is a status subresource). */
  prepareForUpdate?(object: KubeObject, old: KubeObject, env: ValidationEnv): void;
  /** 400-level decode problems found only once the object is read (malformed quantities). */
  decodeCheck?(object: KubeObject): void;
  validate?(object: KubeObject, env: ValidationEnv): FieldCause[];
  /** Update rules (immutable fields); validate() runs on updates too unless this says otherwise. */
  validateUpdate?(object: KubeObject, old: KubeObject, env: ValidationEnv): FieldCause[];
  /** Checks a write to /status (throws a 422 itself; custom resources validate their status schema). */
  validateStatus?(object: KubeObject, old: KubeObject): void;
  /** Refuses a delete by throwing (system PriorityClasses cannot be deleted). */
  beforeDelete?(object: KubeObject): void;
}

export interface KindDescriptor {
  /** The storage key: the plural for built-in kinds, `<plural>.<group>` for custom resources. */
  resource: string;
  group: string;
  version: string;
  kind: string;
  /** URL segment and RBAC resource name. */
  plural: string;
  singular: string;
  namespaced: boolean;
  listKind?: string;
  shortNames?: string[];
  categories?: string[];
  /** Subresources served besides the main resource (status, log, eviction, finalize, exec...). */
  subresources?: string[];
  /** Verbs of the main resource; default all eight. */
  verbs?: string[];
  /** Upstream OpenAPI name of the kind's schema (built-in kinds), e.g. io.k8s.api.apps.v1.DaemonSet. */
  definition?: string;
  /** The schema as the patch engines and unknown-field checks walk it. */
  shape?: () => Shape;
  /** `metadata.generation` is kept: 1 on create, +1 when anything but metadata and status changes. */
  generation?: boolean;
  /** Status given on create is kept (nodes register with theirs); other kinds with a status subresource drop it. */
  statusOnCreate?: boolean;
  nameRule?: NameRule;
  strategy?: KindStrategy;
  columns?: Column[];
  /** Field selector getters besides metadata.name and metadata.namespace. */
  fields?: Record<string, (o: KubeObject) => unknown>;
  /** Served from another version's storage: how objects convert (events.k8s.io/v1 over core/v1 Events). */
  conversion?: { fromStorage(o: KubeObject): KubeObject; toStorage(o: KubeObject): KubeObject };
  /** Not stored: POST answers computed from the request (access reviews, SelfSubjectReview). */
  virtual?: boolean;
  /** Served, but not the storage version of its resource (a custom resource's other versions). */
  servedOnly?: boolean;
  /** Served by a CustomResourceDefinition (name of the CRD). */
  crd?: string;
  /** A custom resource version's structural schema (its CRD's openAPIV3Schema), published at /openapi/v3. */
  customSchema?: Record<string, unknown>;
}

export const ALL_VERBS = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'];

export function apiVersionOf(d: Pick<KindDescriptor, 'group' | 'version'>): string {
  return d.group ? `${d.group}/${d.version}` : d.version;
}

/** `daemonsets.apps`, `pods`: how error messages name a resource. */
export function qualifiedName(d: Pick<KindDescriptor, 'group' | 'plural'>): string {
  return d.group ? `${d.plural}.${d.group}` : d.plural;
}

/** A built-in kind's descriptor with the usual defaults filled in. */
export function builtin(
  groupVersion: { group: string; version: string; prefix: string },
  kind: string,
  plural: string,
  rest: Partial<KindDescriptor> = {},
): KindDescriptor {
  return {
    resource: plural,
    group: groupVersion.group,
    version: groupVersion.version,
    kind,
    plural,
    singular: kind.toLowerCase(),
    namespaced: true,
    definition: `${groupVersion.prefix}.${kind}`,
    ...rest,
  };
}
