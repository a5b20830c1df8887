// The fields whose value, as read, is one the form cannot show (a word for a port number, an object for an image, a
// protocol it does not offer, a string where a list belongs): the write keeps them exactly as written until the user
// types another value (write.ts), and the form says so at the field ("kept as written in YAML") and on the review.
import { isRecord } from '../../../common/guards';
import { formFromManifest, readContainer, readEnv, readPort, readProbe, readToleration, shownText } from './read';
import { templateOf } from './read';
import type { ContainerForm, WizardForm } from './types';

type Fits = (value: unknown) => boolean;
const absent = (v: unknown) => v === undefined || v === null;
const str: Fits = (v) => absent(v) || typeof v === 'string';
const int: Fits = (v) => absent(v) || Number.isInteger(v);
const intOrStr: Fits = (v) => absent(v) || Number.isInteger(v) || typeof v === 'string';
const bool: Fits = (v) => absent(v) || typeof v === 'boolean';
const oneOf =
  (...values: string[]): Fits =>
  (v) =>
    absent(v) || v === '' || values.includes(v as string);
const strList: Fits = (v) => absent(v) || (Array.isArray(v) && v.every((s) => typeof s === 'string'));
const strMap: Fits = (v) => absent(v) || (isRecord(v) && Object.values(v).every((s) => typeof s === 'string'));
const rows: Fits = (v) => absent(v) || (Array.isArray(v) && v.every(isRecord));
const object: Fits = (v) => absent(v) || isRecord(v);

const at = (value: unknown, ...keys: string[]): unknown =>
  keys.reduce<unknown>((node, key) => (isRecord(node) ? node[key] : undefined), value);

/** A kept value as the form shows it: JSON, so that a string reads as one ("eighty") and an object as written. */
export const keptText = (value: unknown): string => JSON.stringify(value);

type Check = [field: string, fits: Fits, value: unknown, now: unknown, read: unknown];

function collect(found: Record<string, string>, path: string, checks: Check[]): void {
  for (const [field, fits, value, now, read] of checks) {
    // Only while the field is as read: once the user typed a value, the form's value is what gets written.
    if (!fits(value) && JSON.stringify(now) === JSON.stringify(read)) found[`${path}${field}`] = keptText(value);
  }
}

function containerKept(found: Record<string, string>, c: ContainerForm, path: string): void {
  const raw: unknown = c.raw;
  const read = readContainer(c.raw, c.id);
  const res = (kind: string, name: string) => at(raw, 'resources', kind, name);
  collect(found, path, [
    ['.name', str, at(raw, 'name'), c.name, read.name],
    ['.image', str, at(raw, 'image'), c.image, read.image],
    [
      '.pullPolicy',
      oneOf('Always', 'IfNotPresent', 'Never'),
      at(raw, 'imagePullPolicy'),
      c.pullPolicy,
      read.pullPolicy,
    ],
    ['.cpuRequest', intOrStr, res('requests', 'cpu'), c.cpuRequest, read.cpuRequest],
    ['.cpuLimit', intOrStr, res('limits', 'cpu'), c.cpuLimit, read.cpuLimit],
    ['.memoryRequest', intOrStr, res('requests', 'memory'), c.memoryRequest, read.memoryRequest],
    ['.memoryLimit', intOrStr, res('limits', 'memory'), c.memoryLimit, read.memoryLimit],
    ['.command', strList, at(raw, 'command'), c.command, read.command],
    ['.args', strList, at(raw, 'args'), c.args, read.args],
    ['.ports', rows, at(raw, 'ports'), c.ports.length, 0],
    ['.env', rows, at(raw, 'env'), c.env.length, 0],
    ['.envFrom', rows, at(raw, 'envFrom'), c.envFrom.length, 0],
    ['.volumeMounts', rows, at(raw, 'volumeMounts'), 0, 0],
    ['.readinessProbe', object, at(raw, 'readinessProbe'), c.readinessProbe, null],
    ['.livenessProbe', object, at(raw, 'livenessProbe'), c.livenessProbe, null],
    ['.privileged', bool, at(raw, 'securityContext', 'privileged'), c.privileged, read.privileged],
    [
      '.capabilitiesAdd',
      strList,
      at(raw, 'securityContext', 'capabilities', 'add'),
      c.capabilitiesAdd,
      read.capabilitiesAdd,
    ],
    [
      '.capabilitiesDrop',
      strList,
      at(raw, 'securityContext', 'capabilities', 'drop'),
      c.capabilitiesDrop,
      read.capabilitiesDrop,
    ],
  ]);
  c.ports.forEach((port, i) => {
    if (!port.raw) return;
    const r = readPort(port.raw);
    const p: unknown = port.raw;
    collect(found, `${path}.ports.${i}`, [
      ['.containerPort', int, at(p, 'containerPort'), port.containerPort, r.containerPort],
      ['.hostPort', int, at(p, 'hostPort'), port.hostPort, r.hostPort],
      ['.name', str, at(p, 'name'), port.name, r.name],
      ['.protocol', oneOf('TCP', 'UDP', 'SCTP'), at(p, 'protocol'), port.protocol, r.protocol],
    ]);
  });
  c.env.forEach((env, i) => {
    if (!env.raw) return;
    const r = readEnv(env.raw);
    collect(found, `${path}.env.${i}`, [
      ['.name', str, at(env.raw, 'name'), env.name, r.name],
      ['.value', str, at(env.raw, 'value'), env.value, r.value],
    ]);
  });
  for (const key of ['readinessProbe', 'livenessProbe'] as const) {
    const probe = c[key];
    if (!probe?.raw) continue;
    const r = readProbe(probe.raw);
    const p: unknown = probe.raw;
    const handler = at(p, 'httpGet') ?? at(p, 'tcpSocket');
    collect(found, `${path}.${key}`, [
      ['.port', intOrStr, at(handler, 'port'), probe.port, r?.port],
      ['.path', str, at(p, 'httpGet', 'path'), probe.path, r?.path],
      ['.command', strList, at(p, 'exec', 'command'), probe.command, r?.command],
      ...(['initialDelaySeconds', 'periodSeconds', 'timeoutSeconds', 'failureThreshold'] as const).map((f): Check => [
        `.${f}`,
        int,
        at(p, f),
        probe[f],
        r?.[f],
      ]),
    ]);
  }
}

/** Form path -> the value kept as written, for every field the form cannot show as it was read. */
export function keptFields(form: WizardForm): Record<string, string> {
  const found: Record<string, string> = {};
  const base: unknown = form.base;
  const read = formFromManifest(form.base, form.readNamespace ?? form.namespace);
  const pod = at(templateOf(form.base), 'spec');
  const annotation = (key: string) => at(base, 'metadata', 'annotations', key);
  const rolling = (key: string) => at(base, 'spec', 'updateStrategy', 'rollingUpdate', key);
  collect(found, '', [
    ['name', str, at(base, 'metadata', 'name'), form.name, read.name],
    ['namespace', str, at(base, 'metadata', 'namespace'), form.namespace, read.namespace],
    ['alias', str, annotation('kubesphere.io/alias-name'), form.alias, read.alias],
    ['description', str, annotation('kubesphere.io/description'), form.description, read.description],
    [
      'strategy',
      oneOf('RollingUpdate', 'OnDelete'),
      at(base, 'spec', 'updateStrategy', 'type'),
      form.strategy,
      read.strategy,
    ],
    ['maxUnavailable', intOrStr, rolling('maxUnavailable'), form.maxUnavailable, read.maxUnavailable],
    ['maxSurge', intOrStr, rolling('maxSurge'), form.maxSurge, read.maxSurge],
    ['minReadySeconds', int, at(base, 'spec', 'minReadySeconds'), form.minReadySeconds, read.minReadySeconds],
    ['containers', rows, at(pod, 'containers'), form.containers.length, 0],
    ['initContainers', rows, at(pod, 'initContainers'), form.initContainers.length, 0],
    ['imagePullSecrets', rows, at(pod, 'imagePullSecrets'), form.imagePullSecrets, read.imagePullSecrets],
    ['hostNetwork', bool, at(pod, 'hostNetwork'), form.hostNetwork, read.hostNetwork],
    ['hostPID', bool, at(pod, 'hostPID'), form.hostPID, read.hostPID],
    ['serviceAccountName', str, at(pod, 'serviceAccountName'), form.serviceAccountName, read.serviceAccountName],
    ['priorityClassName', str, at(pod, 'priorityClassName'), form.priorityClassName, read.priorityClassName],
    ['volumes', rows, at(pod, 'volumes'), form.volumes.length, 0],
    ['tolerations', rows, at(pod, 'tolerations'), form.tolerations.length, 0],
    ['labels', strMap, at(templateOf(form.base), 'metadata', 'labels'), form.labels, read.labels],
    ['nodeSelector', strMap, at(pod, 'nodeSelector'), form.nodeSelector, read.nodeSelector],
  ]);
  form.containers.forEach((c, i) => containerKept(found, c, `containers.${i}`));
  form.initContainers.forEach((c, i) => containerKept(found, c, `initContainers.${i}`));
  form.volumes.forEach((v, i) => {
    if (v.raw) collect(found, `volumes.${i}`, [['.name', str, at(v.raw, 'name'), v.name, shownText(v.raw.name)]]);
  });
  form.tolerations.forEach((tol, i) => {
    if (!tol.raw) return;
    const r = readToleration(tol.raw);
    const raw: unknown = tol.raw;
    collect(found, `tolerations.${i}`, [
      ['.key', str, at(raw, 'key'), tol.key, r.key],
      ['.operator', oneOf('Equal', 'Exists'), at(raw, 'operator'), tol.operator, r.operator],
      ['.value', str, at(raw, 'value'), tol.value, r.value],
      ['.effect', oneOf('NoSchedule', 'PreferNoSchedule', 'NoExecute'), at(raw, 'effect'), tol.effect, r.effect],
      ['.tolerationSeconds', int, at(raw, 'tolerationSeconds'), tol.tolerationSeconds, r.tolerationSeconds],
    ]);
  });
  return found;
}
