// New, empty parts of the form with the defaults the wizard starts from.
import type { ContainerForm, EnvForm, PortForm, ProbeForm, TolerationForm, VolumeForm, WizardForm } from './types';

let counter = 0;
/** A fresh id for a row the user adds (rows read from a manifest get positional ids). */
function newId(prefix: string): string {
  counter += 1;
  return `${prefix}-new-${counter}`;
}

export function emptyContainer(id = newId('c')): ContainerForm {
  return {
    id,
    name: '',
    image: '',
    pullPolicy: '',
    cpuRequest: '',
    cpuLimit: '',
    memoryRequest: '',
    memoryLimit: '',
    command: [],
    args: [],
    ports: [],
    env: [],
    envFrom: [],
    readinessProbe: null,
    livenessProbe: null,
    privileged: false,
    capabilitiesAdd: [],
    capabilitiesDrop: [],
    raw: { name: '' },
  };
}

export function emptyPort(): PortForm {
  return { name: '', containerPort: '', protocol: 'TCP', hostPort: '', raw: null };
}

export function emptyEnv(kind: EnvForm['kind'] = 'value'): EnvForm {
  return { kind, name: '', value: '', source: '', key: '', raw: null };
}

export function emptyProbe(): ProbeForm {
  return {
    kind: 'httpGet',
    path: '/',
    port: '',
    command: [],
    initialDelaySeconds: '',
    periodSeconds: '',
    timeoutSeconds: '',
    failureThreshold: '',
    raw: null,
  };
}

export function emptyVolume(source: VolumeForm['source']): VolumeForm {
  return { id: newId('v'), name: '', source, mounts: [], raw: null };
}

export function emptyToleration(): TolerationForm {
  return { key: '', operator: 'Equal', value: '', effect: '', tolerationSeconds: '', raw: null };
}

/** "Tolerate every taint": one toleration with operator Exists and no key, as node agents use. */
export function tolerateEverything(): TolerationForm {
  return { key: '', operator: 'Exists', value: '', effect: '', tolerationSeconds: '', raw: null };
}

/** The form a new DaemonSet starts from: RollingUpdate with maxUnavailable 1, minReadySeconds 0, one container. */
export function emptyForm(namespace: string): WizardForm {
  return {
    name: '',
    namespace,
    alias: '',
    description: '',
    strategy: 'RollingUpdate',
    maxUnavailable: '1',
    maxSurge: '',
    minReadySeconds: '0',
    containers: [emptyContainer()],
    initContainers: [],
    imagePullSecrets: [],
    hostNetwork: false,
    hostPID: false,
    serviceAccountName: '',
    priorityClassName: '',
    volumes: [],
    labels: [{ key: 'app', value: '' }],
    placement: 'all',
    nodes: [],
    nodeSelector: [],
    tolerations: [],
    base: { apiVersion: 'apps/v1', kind: 'DaemonSet', metadata: { namespace } },
  };
}

/**
 * Renames the DaemonSet; the `app` label follows the name while it still equals the old name (or is empty), so the
 * default `app: <name>` stays in step without overwriting a value the user chose.
 */
export function renameForm(form: WizardForm, name: string): void {
  const previous = form.name;
  form.name = name;
  for (const label of form.labels) {
    if (label.key === 'app' && (label.value === previous || label.value === '')) label.value = name;
  }
}
