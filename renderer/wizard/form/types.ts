// The wizard's form: a view of one DaemonSet manifest. Every text field holds what the user typed (so an invalid
// entry is never lost); `raw` members keep the object each row was read from, so fields the form does not show
// survive a manifest -> form -> manifest round trip.
import type { DaemonSet } from 'kubernetes-types/apps/v1';
import type {
  Container,
  ContainerPort,
  EnvFromSource,
  EnvVar,
  Probe,
  Toleration,
  Volume,
  VolumeMount,
} from 'kubernetes-types/core/v1';

export type { DaemonSet };

export interface KeyValue {
  key: string;
  value: string;
}

export type Protocol = 'TCP' | 'UDP' | 'SCTP';

export interface PortForm {
  name: string;
  containerPort: string;
  protocol: Protocol;
  hostPort: string;
  raw: ContainerPort | null;
}

export type EnvKind = 'value' | 'configMapKey' | 'secretKey' | 'other';

export interface EnvForm {
  kind: EnvKind;
  name: string;
  /** The literal value (kind `value`). */
  value: string;
  /** ConfigMap or Secret name (kinds `configMapKey`, `secretKey`). */
  source: string;
  key: string;
  raw: EnvVar | null;
}

export interface EnvFromForm {
  /** `other`: a source the form does not edit, kept exactly as read. */
  kind: 'configMap' | 'secret' | 'other';
  name: string;
  prefix: string;
  raw: EnvFromSource | null;
}

export type ProbeKind = 'httpGet' | 'tcpSocket' | 'exec';

export interface ProbeForm {
  kind: ProbeKind;
  path: string;
  port: string;
  command: string[];
  initialDelaySeconds: string;
  periodSeconds: string;
  timeoutSeconds: string;
  failureThreshold: string;
  raw: Probe | null;
}

export type PullPolicy = '' | 'Always' | 'IfNotPresent' | 'Never';

export interface ContainerForm {
  /** Stable identity while the user reorders and renames containers (mounts refer to it). */
  id: string;
  name: string;
  image: string;
  pullPolicy: PullPolicy;
  cpuRequest: string;
  cpuLimit: string;
  memoryRequest: string;
  memoryLimit: string;
  command: string[];
  args: string[];
  ports: PortForm[];
  env: EnvForm[];
  envFrom: EnvFromForm[];
  readinessProbe: ProbeForm | null;
  livenessProbe: ProbeForm | null;
  privileged: boolean;
  capabilitiesAdd: string[];
  capabilitiesDrop: string[];
  raw: Container;
}

export type VolumeSource =
  | { kind: 'pvc'; claimName: string; readOnly: boolean }
  | { kind: 'hostPath'; path: string; type: string }
  | { kind: 'configMap'; name: string }
  | { kind: 'secret'; name: string }
  | { kind: 'emptyDir'; medium: '' | 'Memory' }
  /** A source the form does not edit (nfs, csi, projected...): kept exactly as read. */
  | { kind: 'other' };

export interface MountForm {
  /** The id of the container (or init container) this mount belongs to. */
  containerId: string;
  mountPath: string;
  readOnly: boolean;
  subPath: string;
  /** Position in that container's original volumeMounts, so a round trip keeps their order. */
  origin: number | null;
  raw: VolumeMount | null;
}

export interface VolumeForm {
  id: string;
  name: string;
  source: VolumeSource;
  mounts: MountForm[];
  raw: Volume | null;
}

export interface TolerationForm {
  key: string;
  operator: 'Equal' | 'Exists';
  value: string;
  effect: '' | 'NoSchedule' | 'PreferNoSchedule' | 'NoExecute';
  tolerationSeconds: string;
  raw: Toleration | null;
}

export type PlacementMode = 'all' | 'nodes' | 'selector';

export interface WizardForm {
  name: string;
  namespace: string;
  alias: string;
  description: string;
  strategy: 'RollingUpdate' | 'OnDelete';
  maxUnavailable: string;
  maxSurge: string;
  minReadySeconds: string;
  containers: ContainerForm[];
  initContainers: ContainerForm[];
  imagePullSecrets: string[];
  hostNetwork: boolean;
  hostPID: boolean;
  serviceAccountName: string;
  priorityClassName: string;
  volumes: VolumeForm[];
  labels: KeyValue[];
  placement: PlacementMode;
  /** Picked node names (placement `nodes`): required node affinity on kubernetes.io/hostname. */
  nodes: string[];
  /** nodeSelector pairs (placement `selector`). */
  nodeSelector: KeyValue[];
  tolerations: TolerationForm[];
  /** The manifest the form was read from: whatever the form does not show is taken from here. */
  base: DaemonSet;
  /**
   * The project the form showed for a manifest without a namespace (the wizard's own): the manifest gains a namespace
   * only when the user picks another one. Absent for a new form, whose base names its namespace.
   */
  readNamespace?: string;
}

export const HOSTNAME_LABEL = 'kubernetes.io/hostname';
