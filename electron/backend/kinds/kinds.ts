import type {
  ConfigMapObject,
  ControllerRevisionObject,
  DaemonSetObject,
  EventObject,
  KubeObject,
  NodeObject,
  PersistentVolumeClaimObject,
  PodObject,
  ResourceQuotaObject,
  SecretObject,
} from './objects.js';

/**
 * A kind the backend lists, watches or writes: where its collection lives (group, version, plural, scope). `T` is the
 * object as the API sends it (objects.ts), what a source without a projection hands out. Adding a kind is one entry.
 */
export interface Kind<T extends KubeObject = KubeObject> {
  group: string;
  version: string;
  plural: string;
  kind: string;
  namespaced: boolean;
  /** Never read: it carries T, so a source of this kind is typed by it. */
  readonly sample?: T;
}

const kind = <T extends KubeObject>(
  group: string,
  version: string,
  plural: string,
  name: string,
  namespaced = true,
): Kind<T> => ({ group, version, plural, kind: name, namespaced });

/**
 * Every kind the backend touches. A new one is an entry here (with an interface in objects.ts of what is read of it)
 * and, when a consumer keeps only part of each object, a Projection beside the others (daemonset-row.ts,
 * node-summary.ts); then watchKind(manager, session, KINDS.x, scope, projection) or listObjects(...) serve it.
 */
export const KINDS = {
  daemonsets: kind<DaemonSetObject>('apps', 'v1', 'daemonsets', 'DaemonSet'),
  controllerrevisions: kind<ControllerRevisionObject>('apps', 'v1', 'controllerrevisions', 'ControllerRevision'),
  pods: kind<PodObject>('', 'v1', 'pods', 'Pod'),
  events: kind<EventObject>('', 'v1', 'events', 'Event'),
  nodes: kind<NodeObject>('', 'v1', 'nodes', 'Node', false),
  namespaces: kind('', 'v1', 'namespaces', 'Namespace', false),
  configmaps: kind<ConfigMapObject>('', 'v1', 'configmaps', 'ConfigMap'),
  secrets: kind<SecretObject>('', 'v1', 'secrets', 'Secret'),
  persistentvolumeclaims: kind<PersistentVolumeClaimObject>(
    '',
    'v1',
    'persistentvolumeclaims',
    'PersistentVolumeClaim',
  ),
  resourcequotas: kind<ResourceQuotaObject>('', 'v1', 'resourcequotas', 'ResourceQuota'),
  serviceaccounts: kind('', 'v1', 'serviceaccounts', 'ServiceAccount'),
  priorityclasses: kind('scheduling.k8s.io', 'v1', 'priorityclasses', 'PriorityClass', false),
};

export const apiVersionOf = (k: Kind): string => (k.group === '' ? k.version : `${k.group}/${k.version}`);

/** The descriptor of an apiVersion and kind, when the table has it (else the raw client asks discovery). */
export function knownKind(apiVersion: string, kindName: string): Kind | undefined {
  return Object.values(KINDS).find((k) => k.kind === kindName && apiVersionOf(k) === apiVersion);
}

/** The collection's path: all namespaces when `namespace` is undefined (or the kind is cluster-scoped). */
export function collectionPath(k: Kind, namespace?: string): string {
  const base = k.group === '' ? `/api/${k.version}` : `/apis/${k.group}/${k.version}`;
  const scope = k.namespaced && namespace !== undefined ? `/namespaces/${encodeURIComponent(namespace)}` : '';
  return `${base}${scope}/${k.plural}`;
}

export const objectPath = (k: Kind, namespace: string | undefined, name: string): string =>
  `${collectionPath(k, namespace)}/${encodeURIComponent(name)}`;
