// A form path in the form's own words ("containers.0.ports.1.containerPort" → "Container 1: agent › Ports 2 ›
// Container port") and the step that shows it, for lists that name fields away from the fields themselves (the
// review's kept values). A path this table does not know is shown as it is: never nothing.
import type { StepId, WizardForm } from './form';

type Translate = (key: string, params?: Record<string, unknown>) => string;

/** Catalogue keys of the leaves, by the list the leaf belongs to ('' = the form's top level). */
const LEAVES: Record<string, Partial<Record<string, string>>> = {
  '': {
    name: 'wizard.basic.name',
    namespace: 'wizard.basic.project',
    alias: 'wizard.basic.alias',
    description: 'wizard.basic.description',
    strategy: 'wizard.basic.strategy',
    maxUnavailable: 'wizard.basic.maxUnavailable',
    maxSurge: 'wizard.basic.maxSurge',
    minReadySeconds: 'wizard.basic.minReadySeconds',
    imagePullSecrets: 'wizard.pod.pullSecrets',
    hostNetwork: 'wizard.pod.hostNetwork',
    hostPID: 'wizard.pod.hostPID',
    serviceAccountName: 'wizard.pod.serviceAccount',
    priorityClassName: 'wizard.pod.priorityClass',
    volumes: 'wizard.step.volumes',
    tolerations: 'wizard.nodes.tolerations',
    labels: 'wizard.step.labels',
    nodeSelector: 'wizard.nodes.selector',
  },
  container: {
    name: 'wizard.pod.containerName',
    image: 'wizard.pod.image',
    pullPolicy: 'wizard.pod.pullPolicy',
    cpuRequest: 'wizard.pod.cpuRequest',
    cpuLimit: 'wizard.pod.cpuLimit',
    memoryRequest: 'wizard.pod.memoryRequest',
    memoryLimit: 'wizard.pod.memoryLimit',
    command: 'wizard.pod.command',
    args: 'wizard.pod.args',
    ports: 'wizard.pod.ports',
    env: 'wizard.pod.env',
    volumeMounts: 'wizard.volumes.mountPath',
    readinessProbe: 'wizard.pod.readiness',
    livenessProbe: 'wizard.pod.liveness',
    privileged: 'wizard.pod.privileged',
  },
  ports: {
    containerPort: 'wizard.pod.containerPort',
    hostPort: 'wizard.pod.hostPort',
    name: 'wizard.pod.portName',
    protocol: 'wizard.pod.protocol',
  },
  env: { name: 'wizard.pod.envName', value: 'wizard.pod.value' },
  probe: { port: 'wizard.pod.probePort', path: 'wizard.pod.probePath', command: 'wizard.pod.probeCommand' },
  volumes: { name: 'wizard.volumes.name' },
  tolerations: {
    key: 'wizard.nodes.tolKey',
    operator: 'wizard.nodes.tolOperator',
    value: 'wizard.nodes.tolValue',
    effect: 'wizard.nodes.tolEffect',
    tolerationSeconds: 'wizard.nodes.tolSeconds',
  },
};

const BASIC = new Set(['name', 'namespace', 'alias', 'description', 'strategy', 'maxUnavailable', 'maxSurge']);

function stepOf(first: string): StepId {
  if (BASIC.has(first) || first === 'minReadySeconds') return 'basic';
  if (first === 'volumes' || first === 'labels') return first;
  if (first === 'tolerations' || first === 'nodeSelector') return 'nodes';
  return 'pod';
}

export interface FieldLabel {
  step: StepId;
  /** The words, outermost first; the path itself when the table does not know it. */
  parts: string[];
}

export function fieldLabel(t: Translate, form: WizardForm, path: string): FieldLabel {
  const segments = path.split('.');
  const step = stepOf(segments[0] ?? '');
  const parts: string[] = [];
  let list = '';
  for (let i = 0; i < segments.length; i += 1) {
    const segment = segments[i] ?? '';
    const index = Number(segments[i + 1]);
    if ((segment === 'containers' || segment === 'initContainers') && Number.isInteger(index)) {
      const container = (segment === 'containers' ? form.containers : form.initContainers)[index];
      const key = segment === 'containers' ? 'wizard.pod.containerN' : 'wizard.pod.initN';
      parts.push(t(key, { n: index + 1, name: container?.name ?? '' }));
      list = 'container';
      i += 1;
    } else if ((segment === 'readinessProbe' || segment === 'livenessProbe') && i + 1 < segments.length) {
      parts.push(t(LEAVES.container?.[segment] ?? segment));
      list = 'probe';
    } else if (Number.isInteger(index) && LEAVES[segment] !== undefined) {
      const listKey = (list === 'container' ? LEAVES.container : LEAVES[''])?.[segment];
      parts.push(`${listKey ? t(listKey) : segment} ${index + 1}`);
      list = segment;
      i += 1;
    } else {
      const key = LEAVES[list]?.[segment];
      if (key === undefined) return { step, parts: [path] };
      parts.push(t(key));
    }
  }
  return { step, parts };
}
