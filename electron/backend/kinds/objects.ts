// What the backend reads of each kind, as the API sends it (parsed JSON: timestamps are RFC 3339 strings, quantities
// strings or numbers); a field the API schema requires is required here too. Plain interfaces rather than
// client-node's model classes: the caches hold the wire's own shape, and a field these do not name is still there,
// untouched, for anyone who writes the object back.

export interface OwnerReference {
  apiVersion: string;
  uid: string;
  kind: string;
  name: string;
  controller?: boolean;
}

export interface ObjectMeta {
  name?: string;
  namespace?: string;
  uid?: string;
  resourceVersion?: string;
  generation?: number;
  creationTimestamp?: string;
  deletionTimestamp?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  ownerReferences?: OwnerReference[];
}

/** Any object with the usual metadata: what the informers, the caches and the raw client handle. */
export interface KubeObject {
  apiVersion?: string;
  kind?: string;
  metadata?: ObjectMeta;
}

export interface Condition {
  type: string;
  status: string;
  reason?: string;
  message?: string;
  lastTransitionTime?: string;
}

export interface LabelSelector {
  matchLabels?: Record<string, string>;
  matchExpressions?: { key: string; operator: string; values?: string[] }[];
}

export interface ContainerPort {
  name?: string;
  containerPort?: number;
  hostPort?: number;
  protocol?: string;
}

export interface Container {
  name: string;
  image?: string;
  ports?: ContainerPort[];
  restartPolicy?: string;
}

export interface PodSpec {
  containers?: Container[];
  initContainers?: Container[];
  nodeName?: string;
  nodeSelector?: Record<string, string>;
  affinity?: {
    nodeAffinity?: {
      requiredDuringSchedulingIgnoredDuringExecution?: {
        nodeSelectorTerms?: { matchFields?: { key: string; operator: string; values?: string[] }[] }[];
      };
    };
  };
}

export interface DaemonSetStatus {
  currentNumberScheduled?: number;
  desiredNumberScheduled?: number;
  numberAvailable?: number;
  numberMisscheduled?: number;
  numberReady?: number;
  numberUnavailable?: number;
  updatedNumberScheduled?: number;
  observedGeneration?: number;
  conditions?: Condition[];
}

export interface DaemonSetObject extends KubeObject {
  spec?: {
    selector?: LabelSelector;
    minReadySeconds?: number;
    updateStrategy?: {
      type?: string;
      rollingUpdate?: { maxUnavailable?: number | string; maxSurge?: number | string };
    };
    template?: { metadata?: ObjectMeta; spec?: PodSpec };
  };
  status?: DaemonSetStatus;
}

export interface ContainerState {
  waiting?: { reason?: string; message?: string };
  running?: { startedAt?: string };
  terminated?: { exitCode: number; reason?: string; message?: string; startedAt?: string; finishedAt?: string };
}

export interface ContainerStatus {
  name: string;
  image?: string;
  imageID?: string;
  ready: boolean;
  started?: boolean;
  restartCount: number;
  state?: ContainerState;
  lastState?: ContainerState;
}

export interface PodObject extends KubeObject {
  spec?: PodSpec;
  status?: {
    phase?: string;
    reason?: string;
    message?: string;
    conditions?: Condition[];
    containerStatuses?: ContainerStatus[];
    initContainerStatuses?: ContainerStatus[];
  };
}

export interface EventObject extends KubeObject {
  type?: string;
  reason?: string;
  message?: string;
  involvedObject?: { kind?: string; name?: string; uid?: string };
  count?: number;
  series?: { count?: number; lastObservedTime?: string };
  lastTimestamp?: string;
  eventTime?: string;
  firstTimestamp?: string;
}

export interface ControllerRevisionObject extends KubeObject {
  revision?: number;
  data?: unknown;
}

export interface NodeObject extends KubeObject {
  spec?: { taints?: { key: string; value?: string; effect: string }[]; unschedulable?: boolean };
  status?: { conditions?: Condition[]; allocatable?: Record<string, string | number> };
}

export interface ResourceQuotaObject extends KubeObject {
  spec?: { hard?: Record<string, string | number> };
  status?: { hard?: Record<string, string | number>; used?: Record<string, string | number> };
}

export interface SecretObject extends KubeObject {
  type?: string;
  data?: Record<string, string>;
}

export interface ConfigMapObject extends KubeObject {
  data?: Record<string, string>;
  binaryData?: Record<string, string>;
}

export interface PersistentVolumeClaimObject extends KubeObject {
  spec?: { accessModes?: string[]; storageClassName?: string; resources?: { requests?: Record<string, string> } };
  status?: { phase?: string; accessModes?: string[]; capacity?: Record<string, string> };
}
