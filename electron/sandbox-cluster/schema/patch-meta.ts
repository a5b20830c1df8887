// How lists and maps of the served types merge: the `patchStrategy`/`patchMergeKey` struct tags and the
// `+listType`/`+listMapKey`/`+mapType` markers of the upstream Go types (k8s.io/api core/v1, apps/v1 and
// k8s.io/apimachinery meta/v1). The declaration files we read for structure and descriptions do not carry them,
// so they are listed here for the types the sandbox serves. Lists not named here are atomic (upstream's default).

export interface FieldMergeMeta {
  /** x-kubernetes-patch-strategy, e.g. ['merge'] or ['merge', 'retainKeys']. */
  patchStrategy?: string[];
  /** x-kubernetes-patch-merge-key. */
  patchMergeKey?: string;
  /** x-kubernetes-list-type. */
  listType?: 'atomic' | 'set' | 'map';
  /** x-kubernetes-list-map-keys. */
  listMapKeys?: string[];
  /** x-kubernetes-map-type. */
  mapType?: 'atomic' | 'granular';
}

const CORE = 'io.k8s.api.core.v1.';
const APPS = 'io.k8s.api.apps.v1.';
const META = 'io.k8s.apimachinery.pkg.apis.meta.v1.';

/** A list merged by key: strategic merge by `key`, server-side apply by `mapKeys` (default: [key]). */
function keyed(key: string, mapKeys: string[] = [key], retainKeys = false): FieldMergeMeta {
  return {
    patchStrategy: retainKeys ? ['merge', 'retainKeys'] : ['merge'],
    patchMergeKey: key,
    listType: 'map',
    listMapKeys: mapKeys,
  };
}

const ATOMIC: FieldMergeMeta = { listType: 'atomic' };

const containerLists: Record<string, FieldMergeMeta> = {
  command: ATOMIC,
  args: ATOMIC,
  ports: keyed('containerPort', ['containerPort', 'protocol']),
  envFrom: ATOMIC,
  env: keyed('name'),
  resizePolicy: ATOMIC,
  volumeMounts: keyed('mountPath'),
  volumeDevices: keyed('devicePath'),
};

const TABLE: Record<string, Record<string, FieldMergeMeta>> = {
  [META + 'ObjectMeta']: {
    finalizers: { patchStrategy: ['merge'], listType: 'set' },
    ownerReferences: keyed('uid'),
    managedFields: ATOMIC,
  },
  [META + 'LabelSelector']: { matchExpressions: ATOMIC },
  [META + 'LabelSelectorRequirement']: { values: ATOMIC },
  [CORE + 'PodSpec']: {
    volumes: keyed('name', ['name'], true),
    initContainers: keyed('name'),
    containers: keyed('name'),
    ephemeralContainers: keyed('name'),
    nodeSelector: { mapType: 'atomic' },
    imagePullSecrets: keyed('name'),
    tolerations: ATOMIC,
    hostAliases: keyed('ip'),
    readinessGates: ATOMIC,
    topologySpreadConstraints: keyed('topologyKey', ['topologyKey', 'whenUnsatisfiable']),
    schedulingGates: keyed('name'),
    resourceClaims: keyed('name', ['name'], true),
  },
  [CORE + 'Container']: containerLists,
  [CORE + 'EphemeralContainer']: containerLists,
  [CORE + 'PodStatus']: {
    conditions: keyed('type'),
    hostIPs: { patchStrategy: ['merge'], patchMergeKey: 'ip', listType: 'atomic' },
    podIPs: keyed('ip'),
    initContainerStatuses: ATOMIC,
    containerStatuses: ATOMIC,
    ephemeralContainerStatuses: ATOMIC,
    resourceClaimStatuses: keyed('name', ['name'], true),
  },
  [CORE + 'ContainerStatus']: { volumeMounts: keyed('mountPath'), allocatedResourcesStatus: keyed('name') },
  [CORE + 'ResourceRequirements']: { claims: { listType: 'map', listMapKeys: ['name'] } },
  [CORE + 'HTTPGetAction']: { httpHeaders: ATOMIC },
  [CORE + 'ExecAction']: { command: ATOMIC },
  [CORE + 'Capabilities']: { add: ATOMIC, drop: ATOMIC },
  [CORE + 'NodeSelector']: { nodeSelectorTerms: ATOMIC },
  [CORE + 'NodeSelectorTerm']: { matchExpressions: ATOMIC, matchFields: ATOMIC },
  [CORE + 'NodeSelectorRequirement']: { values: ATOMIC },
  [CORE + 'PodAffinity']: {
    requiredDuringSchedulingIgnoredDuringExecution: ATOMIC,
    preferredDuringSchedulingIgnoredDuringExecution: ATOMIC,
  },
  [CORE + 'PodAntiAffinity']: {
    requiredDuringSchedulingIgnoredDuringExecution: ATOMIC,
    preferredDuringSchedulingIgnoredDuringExecution: ATOMIC,
  },
  [CORE + 'NodeAffinity']: { preferredDuringSchedulingIgnoredDuringExecution: ATOMIC },
  [CORE + 'PodAffinityTerm']: { namespaces: ATOMIC, matchLabelKeys: ATOMIC, mismatchLabelKeys: ATOMIC },
  [CORE + 'TopologySpreadConstraint']: { matchLabelKeys: ATOMIC },
  [CORE + 'HostAlias']: { hostnames: ATOMIC },
  [CORE + 'PodSecurityContext']: { supplementalGroups: ATOMIC, sysctls: ATOMIC },
  [CORE + 'PodDNSConfig']: { nameservers: ATOMIC, searches: ATOMIC, options: ATOMIC },
  [CORE + 'SecretVolumeSource']: { items: ATOMIC },
  [CORE + 'SecretProjection']: { items: ATOMIC },
  [CORE + 'ConfigMapVolumeSource']: { items: ATOMIC },
  [CORE + 'ConfigMapProjection']: { items: ATOMIC },
  [CORE + 'DownwardAPIVolumeSource']: { items: ATOMIC },
  [CORE + 'DownwardAPIProjection']: { items: ATOMIC },
  [CORE + 'ProjectedVolumeSource']: { sources: ATOMIC },
  [CORE + 'PersistentVolumeClaimSpec']: { accessModes: ATOMIC },
  [CORE + 'PersistentVolumeClaimStatus']: {
    accessModes: ATOMIC,
    conditions: keyed('type'),
    allocatedResourceStatuses: { mapType: 'granular' },
  },
  [CORE + 'NodeSpec']: { podCIDRs: { patchStrategy: ['merge'], listType: 'set' }, taints: ATOMIC },
  [CORE + 'NodeStatus']: {
    conditions: keyed('type'),
    addresses: keyed('type'),
    images: ATOMIC,
    volumesInUse: ATOMIC,
    volumesAttached: ATOMIC,
    runtimeHandlers: ATOMIC,
  },
  [CORE + 'ContainerImage']: { names: ATOMIC },
  [CORE + 'NamespaceSpec']: { finalizers: ATOMIC },
  [CORE + 'NamespaceStatus']: { conditions: keyed('type') },
  [CORE + 'ResourceQuotaSpec']: { scopes: ATOMIC },
  [CORE + 'ScopeSelector']: { matchExpressions: ATOMIC },
  [CORE + 'ScopedResourceSelectorRequirement']: { values: ATOMIC },
  [APPS + 'DaemonSetStatus']: { conditions: keyed('type') },
  [APPS + 'DeploymentSpec']: { strategy: { patchStrategy: ['retainKeys'] } },
};

/** Structs marked `+structType=atomic` upstream: owned and replaced as a whole by server-side apply. */
const ATOMIC_STRUCTS = new Set([
  META + 'LabelSelector',
  META + 'OwnerReference',
  ...[
    'SecretReference',
    'FileKeySelector',
    'ObjectFieldSelector',
    'ResourceFieldSelector',
    'ConfigMapKeySelector',
    'SecretKeySelector',
    'NodeSelector',
    'NodeSelectorTerm',
    'TopologySelectorTerm',
    'ObjectReference',
    'LocalObjectReference',
    'TypedLocalObjectReference',
    'ScopeSelector',
  ].map((name) => CORE + name),
]);

export function isAtomicStruct(typeName: string): boolean {
  return ATOMIC_STRUCTS.has(typeName);
}

export function fieldMergeMeta(typeName: string, field: string): FieldMergeMeta | undefined {
  return TABLE[typeName]?.[field];
}
