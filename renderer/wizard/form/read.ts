// Manifest -> form. Anything the form shows is copied into plain text fields; the objects themselves are kept in
// `raw`/`base` so writing the form back changes only what the form knows.
import type {
  Container,
  ContainerPort,
  EnvFromSource,
  EnvVar,
  PodTemplateSpec,
  Probe,
  Toleration,
  Volume,
  VolumeMount,
} from 'kubernetes-types/core/v1';
import { cloneJson, rowsOf } from './objects';
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

// A value of another type than the field's is shown as written (an object as JSON, never "[object Object]"); writing
// an unchanged field puts back the value itself (see `edit` in objects.ts).
export const shownText = (value: unknown): string =>
  value === undefined || value === null ? '' : typeof value === 'object' ? JSON.stringify(value) : String(value);
const text = shownText;
// An imported file may hold anything where the types promise a list or a map: the form reads only what fits, and a
// list it cannot read row by row (not a list of objects) is kept as written.
const list = <T>(value: T[] | undefined): T[] => (rowsOf(value) ?? []) as T[];
const strings = (value: string[] | undefined): string[] => (Array.isArray(value) ? value.map(text) : []);
const pairs = (map: Record<string, string> | undefined): KeyValue[] =>
  isRecord(map) ? Object.entries(map).map(([key, value]) => ({ key, value: text(value) })) : [];

export function readPort(port: ContainerPort): PortForm {
  const protocol = port.protocol === 'UDP' || port.protocol === 'SCTP' ? port.protocol : 'TCP';
  return {
    name: text(port.name),
    containerPort: text(port.containerPort),
    protocol,
    hostPort: text(port.hostPort),
    raw: port,
  };
}

export function readEnv(env: EnvVar): EnvForm {
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

export function readProbe(value: unknown): ProbeForm | null {
  if (!isRecord(value)) return null;
  const probe = value as Probe;
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

export function readContainer(container: Container, id: string): ContainerForm {
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
    envFrom: list(container.envFrom).map(readEnvFrom),
    readinessProbe: readProbe(container.readinessProbe),
    livenessProbe: readProbe(container.livenessProbe),
    privileged: security?.privileged === true,
    capabilitiesAdd: strings(security?.capabilities?.add),
    capabilitiesDrop: strings(security?.capabilities?.drop),
    raw: container,
  };
}

export function readSource(volume: Volume): VolumeSource {
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

/** The names of the volumes whose mounts the form reads: the first volume of each name. */
export function volumeNames(pod: { volumes?: unknown } | undefined): Set<string> {
  return new Set(list(pod?.volumes as Volume[] | undefined).map((v) => text(v.name)));
}

export function readEnvFrom(from: EnvFromSource): EnvFromForm {
  const prefix = text(from.prefix);
  if (from.configMapRef) return { kind: 'configMap', name: text(from.configMapRef.name), prefix, raw: from };
  if (from.secretRef) return { kind: 'secret', name: text(from.secretRef.name), prefix, raw: from };
  // A source the form does not edit: kept as it is.
  return { kind: 'other', name: '', prefix, raw: from };
}

/** The fields of a mount the form shows. */
export function readMount(mount: Record<string, unknown>): Pick<MountForm, 'mountPath' | 'readOnly' | 'subPath'> {
  return { mountPath: text(mount.mountPath), readOnly: mount.readOnly === true, subPath: text(mount.subPath) };
}

function readMounts(volumeName: string, containers: { id: string; raw: Container }[]): MountForm[] {
  return containers.flatMap(({ id, raw }) =>
    // Indexed in the list as written, so a mount the form does not read keeps its place (write-container.ts).
    (Array.isArray(raw.volumeMounts) ? (raw.volumeMounts as unknown[]) : []).flatMap((mount, index) =>
      isRecord(mount) && mount.name === volumeName
        ? [{ containerId: id, ...readMount(mount), origin: index, raw: mount as unknown as VolumeMount }]
        : [],
    ),
  );
}

export function readToleration(toleration: Toleration): TolerationForm {
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
  const seenVolumes = new Set<string>();
  const hasNamespace = typeof metadata.namespace === 'string';
  return {
    name: text(metadata.name),
    namespace: hasNamespace ? String(metadata.namespace) : fallbackNamespace,
    ...(hasNamespace ? {} : { readNamespace: fallbackNamespace }),
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
      // Two volumes of one name are invalid; the mounts go to the first, so none is written twice.
      mounts: seenVolumes.has(text(volume.name))
        ? []
        : (seenVolumes.add(text(volume.name)), readMounts(text(volume.name), all)),
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
