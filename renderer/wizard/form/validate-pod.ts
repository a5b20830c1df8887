// Pod Template: containers (names, images, resources, ports, env), init containers, pod-level names.
import { parseQuantity } from '../../../common/quantity';
import { add, error, warning, type Issues } from './issues';
import { imageLacksTag, isPort } from './rules';
import { isDnsLabel, isDnsSubdomain, isEnvVarName, isPortName } from '../../../common/names';
import type { ContainerForm, WizardForm } from './types';
import type { ValidationContext } from './validate-basic';

function validateResources(c: ContainerForm, at: string, issues: Issues): void {
  const pairs: [keyof ContainerForm & string, keyof ContainerForm & string][] = [
    ['cpuRequest', 'cpuLimit'],
    ['memoryRequest', 'memoryLimit'],
  ];
  for (const [requestField, limitField] of pairs) {
    const values: Record<string, number | undefined> = {};
    for (const field of [requestField, limitField]) {
      const text = (c[field] as string).trim();
      if (text === '') continue;
      const value = parseQuantity(text);
      if (value === undefined) add(issues, `${at}.${field}`, error('quantity'));
      else if (value < 0) add(issues, `${at}.${field}`, error('nonNegative'));
      else values[field] = value;
    }
    const request = values[requestField];
    const limit = values[limitField];
    if (request !== undefined && limit !== undefined && request > limit) {
      add(issues, `${at}.${requestField}`, error('requestOverLimit', { limit: (c[limitField] as string).trim() }));
    }
  }
}

function validatePorts(c: ContainerForm, at: string, ctx: ValidationContext, issues: Issues): void {
  const seen = new Set<string>();
  const names = new Set<string>();
  c.ports.forEach((port, i) => {
    const p = `${at}.ports.${i}`;
    const number = Number(port.containerPort.trim());
    if (port.containerPort.trim() === '') add(issues, `${p}.containerPort`, error('required'));
    else if (!/^\d+$/.test(port.containerPort.trim()) || !isPort(number))
      add(issues, `${p}.containerPort`, error('port'));
    const key = `${port.containerPort.trim()}/${port.protocol}`;
    if (seen.has(key)) add(issues, `${p}.containerPort`, error('duplicatePort'));
    seen.add(key);
    // A port needs no name (none is made up for it); the names given are unique.
    const name = port.name.trim();
    if (name !== '' && !isPortName(name)) add(issues, `${p}.name`, error('portName'));
    else if (name !== '' && names.has(name)) add(issues, `${p}.name`, error('duplicate'));
    names.add(name);
    const host = port.hostPort.trim();
    if (host === '') return;
    if (!/^\d+$/.test(host) || !isPort(Number(host))) return add(issues, `${p}.hostPort`, error('port'));
    add(issues, `${p}.hostPort`, warning('hostPortEveryNode'));
    const holder = ctx.hostPortsInUse?.find((u) => u.port === Number(host) && u.protocol === port.protocol);
    if (holder) add(issues, `${p}.hostPort`, warning('hostPortTaken', { owner: holder.owner }));
  });
}

function validateEnv(c: ContainerForm, at: string, issues: Issues): void {
  c.env.forEach((env, i) => {
    const p = `${at}.env.${i}`;
    if (env.name.trim() === '') {
      // An untouched empty row is ignored when writing; one with a value but no name is a mistake.
      if (env.value !== '' || env.source !== '' || env.key !== '') add(issues, `${p}.name`, error('required'));
      return;
    }
    if (!isEnvVarName(env.name.trim())) add(issues, `${p}.name`, error('envName'));
    if (env.kind === 'configMapKey' || env.kind === 'secretKey') {
      if (env.source.trim() === '') add(issues, `${p}.source`, error('required'));
      if (env.key.trim() === '') add(issues, `${p}.key`, error('required'));
    }
  });
  c.envFrom.forEach((from, i) => {
    if (from.kind !== 'other' && from.name.trim() === '') add(issues, `${at}.envFrom.${i}.name`, error('required'));
  });
}

function validateProbes(c: ContainerForm, at: string, issues: Issues): void {
  for (const which of ['readinessProbe', 'livenessProbe'] as const) {
    const probe = c[which];
    if (!probe) continue;
    const p = `${at}.${which}`;
    if (probe.kind !== 'exec') {
      const port = probe.port.trim();
      if (port === '') add(issues, `${p}.port`, error('required'));
      else if (/^\d+$/.test(port) ? !isPort(Number(port)) : !isPortName(port)) add(issues, `${p}.port`, error('port'));
    } else if (probe.command.filter((s) => s !== '').length === 0) {
      add(issues, `${p}.command`, error('required'));
    }
    for (const field of ['initialDelaySeconds', 'periodSeconds', 'timeoutSeconds', 'failureThreshold'] as const) {
      const text = probe[field].trim();
      if (text !== '' && !/^\d+$/.test(text)) add(issues, `${p}.${field}`, error('nonNegativeInt'));
    }
  }
}

function validateContainer(c: ContainerForm, at: string, ctx: ValidationContext, issues: Issues): void {
  if (c.name.trim() === '') add(issues, `${at}.name`, error('required'));
  else if (!isDnsLabel(c.name.trim())) add(issues, `${at}.name`, error('dnsLabel'));
  if (c.image.trim() === '') add(issues, `${at}.image`, error('required'));
  else if (/\s/.test(c.image.trim())) add(issues, `${at}.image`, error('imageSpaces'));
  else if (imageLacksTag(c.image)) add(issues, `${at}.image`, warning('imageTag'));
  validateResources(c, at, issues);
  validatePorts(c, at, ctx, issues);
  validateEnv(c, at, issues);
  validateProbes(c, at, issues);
}

export function validatePod(form: WizardForm, ctx: ValidationContext, issues: Issues): void {
  if (form.containers.length === 0) add(issues, 'containers', error('oneContainer'));
  // Container names are unique across containers and init containers of the pod.
  const names = new Map<string, number>();
  for (const c of [...form.containers, ...form.initContainers]) {
    names.set(c.name.trim(), (names.get(c.name.trim()) ?? 0) + 1);
  }
  const each = (list: ContainerForm[], prefix: string): void =>
    list.forEach((c, i) => {
      validateContainer(c, `${prefix}.${i}`, ctx, issues);
      if (c.name.trim() !== '' && (names.get(c.name.trim()) ?? 0) > 1) {
        add(issues, `${prefix}.${i}.name`, error('duplicate'));
      }
    });
  each(form.containers, 'containers');
  each(form.initContainers, 'initContainers');
  for (const field of ['serviceAccountName', 'priorityClassName'] as const) {
    const value = form[field].trim();
    if (value !== '' && !isDnsSubdomain(value)) add(issues, field, error('dnsName'));
  }
  form.imagePullSecrets.forEach((name, i) => {
    if (name.trim() !== '' && !isDnsSubdomain(name.trim())) add(issues, `imagePullSecrets.${i}`, error('dnsName'));
  });
}
