// Narrow views of the object kinds the controllers, kubelets and seed world read. Stored objects are schemaless
// (KubeObject); these interfaces name only the fields this code relies on.

import type { KubeObject, OwnerReference } from '../types.js';

export interface Taint {
  key: string;
  value?: string;
  effect: 'NoSchedule' | 'PreferNoSchedule' | 'NoExecute' | string;
}

export interface Toleration {
  key?: string;
  operator?: 'Exists' | 'Equal' | string;
  value?: string;
  effect?: string;
  tolerationSeconds?: number;
}

export interface NodeSelectorRequirement {
  key: string;
  operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist' | 'Gt' | 'Lt' | string;
  values?: string[];
}

export interface NodeSelectorTerm {
  matchExpressions?: NodeSelectorRequirement[];
  matchFields?: NodeSelectorRequirement[];
}

export interface Affinity {
  nodeAffinity?: {
    requiredDuringSchedulingIgnoredDuringExecution?: { nodeSelectorTerms: NodeSelectorTerm[] };
    preferredDuringSchedulingIgnoredDuringExecution?: unknown[];
  };
  [other: string]: unknown;
}

export interface Probe {
  initialDelaySeconds?: number;
  periodSeconds?: number;
  [other: string]: unknown;
}

export interface Container {
  name: string;
  image: string;
  imagePullPolicy?: string;
  readinessProbe?: Probe;
  resources?: { requests?: Record<string, string>; limits?: Record<string, string> };
  [other: string]: unknown;
}

export interface PodSpec {
  nodeName?: string;
  nodeSelector?: Record<string, string>;
  affinity?: Affinity;
  tolerations?: Toleration[];
  hostNetwork?: boolean;
  containers: Container[];
  initContainers?: Container[];
  terminationGracePeriodSeconds?: number;
  [other: string]: unknown;
}

export interface PodCondition {
  type: string;
  status: 'True' | 'False' | 'Unknown';
  reason?: string;
  message?: string;
  lastProbeTime?: string | null;
  lastTransitionTime?: string;
}

export interface PodTemplate {
  metadata?: { labels?: Record<string, string>; annotations?: Record<string, string>; [other: string]: unknown };
  spec: PodSpec;
}

export interface Pod extends KubeObject {
  spec: PodSpec;
  status?: { phase?: string; conditions?: PodCondition[]; [other: string]: unknown };
}

export interface DaemonSet extends KubeObject {
  spec: {
    selector?: { matchLabels?: Record<string, string>; matchExpressions?: NodeSelectorRequirement[] };
    template: PodTemplate;
    updateStrategy?: {
      type?: 'RollingUpdate' | 'OnDelete' | string;
      rollingUpdate?: { maxUnavailable?: number | string; maxSurge?: number | string };
    };
    minReadySeconds?: number;
    revisionHistoryLimit?: number;
  };
  status?: DaemonSetStatus;
}

export interface DaemonSetStatus {
  currentNumberScheduled: number;
  numberMisscheduled: number;
  desiredNumberScheduled: number;
  numberReady: number;
  observedGeneration?: number;
  updatedNumberScheduled?: number;
  numberAvailable?: number;
  numberUnavailable?: number;
  collisionCount?: number;
  conditions?: unknown[];
}

export interface Node extends KubeObject {
  spec?: { taints?: Taint[]; unschedulable?: boolean; podCIDR?: string; [other: string]: unknown };
  status?: { conditions?: { type: string; status: string }[]; [other: string]: unknown };
}

export interface ControllerRevision extends KubeObject {
  data: unknown;
  revision: number;
}

/** `ns/name`, the key controllers queue objects by. */
export function keyOf(obj: KubeObject): string {
  return `${obj.metadata.namespace ?? ''}/${obj.metadata.name}`;
}

export function splitKey(key: string): { namespace: string; name: string } {
  const slash = key.indexOf('/');
  return { namespace: key.slice(0, slash), name: key.slice(slash + 1) };
}

/** The owner reference marked `controller: true`, if any. */
export function controllerRef(obj: KubeObject): { uid: string; name: string; kind: string } | undefined {
  return obj.metadata.ownerReferences?.find((ref) => ref.controller === true);
}

/** The controller reference a DaemonSet puts on the pods and revisions it creates or adopts. */
export function ownerRefTo(ds: DaemonSet): OwnerReference {
  return {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    name: ds.metadata.name,
    uid: ds.metadata.uid,
    controller: true,
    blockOwnerDeletion: true,
  };
}
