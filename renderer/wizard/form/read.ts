// Manifest -> form. Anything the form shows is copied into plain text fields; the objects themselves are kept in
// `raw`/`base` so writing the form back changes only what the form knows.
import type {
  Container,
  ContainerPort,
  EnvVar,
  PodTemplateSpec,
  Probe,
  Toleration,
  Volume,
} from 'kubernetes-types/core/v1';
import { cloneJson } from './objects';
import { ALIAS_ANNOTATION, DESCRIPTION_ANNOTATION } from '../../../common/annotations';
import { HOSTNAME_LABEL } from './types';
import type {
  ContainerForm,
  DaemonSet,
  EnvForm,
  EnvFromForm,
  KeyValue,
  MountForm,
  PlacementMode,
  PortForm,
  ProbeForm,
  PullPolicy,
  TolerationForm,
  VolumeForm,
  VolumeSource,
  WizardForm,
} from './types';
import { isRecord } from '../../../common/guards';

const text = (value: unknown): string => (value === undefined || value === null ? '' : String(value));
// An imported file may hold anything where the types promise a list or a map: the form reads only what fits.
const list = <T>(value: T[] | undefined): T[] => (Array.isArray(value) ? value.filter(isRecord) : []);
const strings = (value: string[] | undefined): string[] => (Array.isArray(value) ? value.map(text) : []);
const pairs = (map: Record<string, string> | undefined): KeyValue[] =>
  isRecord(map) ? Object.entries(map).map(([key, value]) => ({ key, value: text(value) })) : [];

function readPort(port: ContainerPort): PortForm {
  const protocol = port.protocol === 'UDP' || port.protocol === 'SCTP' ? port.protocol : 'TCP';
  return {
    name: text(port.name),
    containerPort: text(port.containerPort),
    protocol,
    hostPort: text(port.hostPort),
    raw: port,
  };
}

function readEnv(env: EnvVar): EnvForm {
  const base: EnvForm = { kind: 'value', name: text(env.name), value: text(env.value), source: '', key: '', raw: env };
  const from = env.valueFrom;
  if (!from) return base;
  if (from.configMapKeyRef) {
    return {
      ...base,
      kind: 'configMapKey',
      source: text(from.configMapKeyRef.name),
      key: text(from.configMapKeyRef.key),
    };
  }
  if (from.secretKeyRef) {
    return { ...base, kind: 'secretKey', source: text(from.secretKeyRef.name), key: text(from.secretKeyRef.key) };
  }
  return { ...base, kind: 'other' };
}

function readProbe(probe: Probe | undefined): ProbeForm | null {
  if (typeof probe !== 'object' || probe === null) return null;
  const common = {
    path: '',
    port: '',
    command: [] as string[],
    initialDelaySeconds: text(probe.initialDelaySeconds),
    periodSeconds: text(probe.periodSeconds),
    timeoutSeconds: text(probe.timeoutSeconds),
    failureThreshold: text(probe.failureThreshold),
    raw: probe,
  };
  if (probe.httpGet)
    return { ...common, kind: 'httpGet', path: text(probe.httpGet.path), port: text(probe.httpGet.port) };
  if (probe.tcpSocket) return { ...common, kind: 'tcpSocket', port: text(probe.tcpSocket.port) };
  return { ...common, kind: 'exec', command: strings(probe.exec?.command) };
}

function pullPolicy(value: string | undefined): PullPolicy {
  return value === 'Always' || value === 'IfNotPresent' || value === 'Never' ? value : '';
}

function readContainer(container: Container, id: string): ContainerForm {
  const requests = container.resources?.requests ?? {};
  const limits = container.resources?.limits ?? {};
  const security = container.securityContext;
  return {
    id,
    name: text(container.name),
    image: text(container.image),
    pullPolicy: pullPolicy(container.imagePullPolicy),
    cpuRequest: text(requests.cpu),
    cpuLimit: text(limits.cpu),
    memoryRequest: text(requests.memory),
    memoryLimit: text(limits.memory),
    command: strings(container.command),
    args: strings(container.args),
    ports: list(container.ports).map(readPort),
    env: list(container.env).map(readEnv),
    envFrom: list(container.envFrom).flatMap((from): EnvFromForm[] => {
      if (from.configMapRef) {
        return [
          { kind: 'configMap' as const, name: text(from.configMapRef.name), prefix: text(from.prefix), raw: from },
        ];
      }
      if (from.secretRef) {
        return [{ kind: 'secret' as const, name: text(from.secretRef.name), prefix: text(from.prefix), raw: from }];
      }
      return [];
    }),
    readinessProbe: readProbe(container.readinessProbe),
    livenessProbe: readProbe(container.livenessProbe),
    privileged: security?.privileged === true,
    capabilitiesAdd: strings(security?.capabilities?.add),
    capabilitiesDrop: strings(security?.capabilities?.drop),
    raw: container,
  };
}

function readSource(volume: Volume): VolumeSource {
  if (volume.persistentVolumeClaim) {
    const claim = volume.persistentVolumeClaim;
    return { kind: 'pvc', claimName: text(claim.claimName), readOnly: claim.readOnly === true };
  }
  if (volume.hostPath) return { kind: 'hostPath', path: text(volume.hostPath.path), type: text(volume.hostPath.type) };
  if (volume.configMap) return { kind: 'configMap', name: text(volume.configMap.name) };
  if (volume.secret) return { kind: 'secret', name: text(volume.secret.secretName) };
  if (volume.emptyDir) return { kind: 'emptyDir', medium: volume.emptyDir.medium === 'Memory' ? 'Memory' : '' };
  return { kind: 'other' };
}

function readMounts(volumeName: string, containers: { id: string; raw: Container }[]): MountForm[] {
  return containers.flatMap(({ id, raw }) =>
    list(raw.volumeMounts).flatMap((mount, index) =>
      mount.name === volumeName
        ? [
            {
              containerId: id,
              mountPath: text(mount.mountPath),
              readOnly: mount.readOnly === true,
              subPath: text(mount.subPath),
              origin: index,
              raw: mount,
            },
          ]
        : [],
    ),
  );
}

function readToleration(toleration: Toleration): TolerationForm {
  const effect = toleration.effect;
  return {
    key: text(toleration.key),
    operator: toleration.operator === 'Exists' ? 'Exists' : 'Equal',
    value: text(toleration.value),
    effect: effect === 'NoSchedule' || effect === 'PreferNoSchedule' || effect === 'NoExecute' ? effect : '',
    tolerationSeconds: text(toleration.tolerationSeconds),
    raw: toleration,
  };
}

/** The pod template; imported manifests may lack one although the type says it is required. */
export const templateOf = (m: DaemonSet): PodTemplateSpec | undefined =>
  m.spec?.template as PodTemplateSpec | undefined;

/** The picked node names when required node affinity is exactly "kubernetes.io/hostname In [...]", else null. */
export function pickedNodes(manifest: DaemonSet): string[] | null {
  const terms =
    templateOf(manifest)?.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution
      ?.nodeSelectorTerms;
  if (terms?.length !== 1) return null;
  const term = terms[0];
  const expressions = term?.matchExpressions ?? [];
  if ((term?.matchFields ?? []).length > 0 || expressions.length !== 1) return null;
  const only = expressions[0];
  if (only?.key !== HOSTNAME_LABEL || only.operator !== 'In') return null;
  return strings(only.values);
}

/** Reads a DaemonSet manifest (created, imported or new) into the wizard's form. */
export function formFromManifest(manifest: DaemonSet, fallbackNamespace = 'default'): WizardForm {
  const base = cloneJson(manifest);
  const metadata = base.metadata ?? {};
  const spec = base.spec;
  const pod = templateOf(base)?.spec;
  const annotations = metadata.annotations ?? {};
  const strategy = spec?.updateStrategy?.type === 'OnDelete' ? 'OnDelete' : 'RollingUpdate';
  const rolling = spec?.updateStrategy?.rollingUpdate;
  const containers = list(pod?.containers).map((c, i) => readContainer(c, `c${i}`));
  const initContainers = list(pod?.initContainers).map((c, i) => readContainer(c, `i${i}`));
  const all = [...containers, ...initContainers];
  const nodes = pickedNodes(base);
  const nodeSelector = pairs(pod?.nodeSelector);
  const placement: PlacementMode = nodes ? 'nodes' : nodeSelector.length > 0 ? 'selector' : 'all';
  return {
    name: text(metadata.name),
    namespace: typeof metadata.namespace === 'string' ? metadata.namespace : fallbackNamespace,
    alias: text(annotations[ALIAS_ANNOTATION]),
    description: text(annotations[DESCRIPTION_ANNOTATION]),
    strategy,
    // An absent maxUnavailable is defaulted to 1 by the API server; the form shows what will apply.
    maxUnavailable: strategy === 'RollingUpdate' ? text(rolling?.maxUnavailable ?? 1) : '1',
    maxSurge: text(rolling?.maxSurge),
    minReadySeconds: text(spec?.minReadySeconds ?? 0),
    containers,
    initContainers,
    imagePullSecrets: list(pod?.imagePullSecrets).map((s) => text(s.name)),
    hostNetwork: pod?.hostNetwork === true,
    hostPID: pod?.hostPID === true,
    serviceAccountName: text(pod?.serviceAccountName),
    priorityClassName: text(pod?.priorityClassName),
    volumes: list(pod?.volumes).map((volume, i): VolumeForm => ({
      id: `v${i}`,
      name: text(volume.name),
      source: readSource(volume),
      mounts: readMounts(text(volume.name), all),
      raw: volume,
    })),
    labels: pairs(templateOf(base)?.metadata?.labels ?? metadata.labels),
    placement,
    nodes: nodes ?? [],
    nodeSelector,
    tolerations: list(pod?.tolerations).map(readToleration),
    base,
  };
}
