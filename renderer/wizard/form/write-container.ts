// Container form -> container object, applied onto the container it was read from.
import type { Container, EnvFromSource, EnvVar, Probe } from 'kubernetes-types/core/v1';
import { copy, intOf, intOrString, put, type Obj } from './objects';
import type { ContainerForm, EnvForm, MountForm, PortForm, ProbeForm } from './types';

/** IANA service names are at most 15 characters: lowercase letters, digits and single hyphens, with a letter. */
export function generatedPortName(port: PortForm): string {
  return `${port.protocol.toLowerCase()}-${port.containerPort.trim()}`.slice(0, 15);
}

function writePort(port: PortForm): Obj {
  const out = copy(port.raw);
  // New ports get a generated name; a port read without one stays unnamed.
  put(out, 'name', port.name.trim() || (port.raw ? undefined : generatedPortName(port)));
  put(out, 'containerPort', intOf(port.containerPort));
  put(out, 'protocol', port.protocol);
  put(out, 'hostPort', intOf(port.hostPort));
  return out;
}

function writeEnv(env: EnvForm): EnvVar {
  if (env.kind === 'other' && env.raw) return { ...env.raw, name: env.name };
  const out: Obj = { name: env.name.trim() };
  if (env.kind === 'value') put(out, 'value', env.value);
  else if (env.kind === 'configMapKey') out.valueFrom = { configMapKeyRef: { name: env.source, key: env.key } };
  else if (env.kind === 'secretKey') out.valueFrom = { secretKeyRef: { name: env.source, key: env.key } };
  // A row read from the manifest keeps what the form does not show (e.g. `optional` on a key reference).
  if (env.raw?.valueFrom && out.valueFrom) {
    const before = env.raw.valueFrom.configMapKeyRef ?? env.raw.valueFrom.secretKeyRef;
    const after = (out.valueFrom as { configMapKeyRef?: Obj; secretKeyRef?: Obj }) ?? {};
    const ref = after.configMapKeyRef ?? after.secretKeyRef;
    if (before?.optional !== undefined && ref) ref.optional = before.optional;
  }
  return out as unknown as EnvVar;
}

function writeProbe(probe: ProbeForm | null): Probe | undefined {
  if (!probe) return undefined;
  const out = copy(probe.raw);
  delete out.httpGet;
  delete out.tcpSocket;
  delete out.exec;
  const port = intOrString(probe.port);
  if (probe.kind === 'httpGet') {
    const before = copy(probe.raw?.httpGet);
    put(before, 'path', probe.path);
    put(before, 'port', port);
    out.httpGet = before;
  } else if (probe.kind === 'tcpSocket') {
    const before = copy(probe.raw?.tcpSocket);
    put(before, 'port', port);
    out.tcpSocket = before;
  } else {
    out.exec = { command: [...probe.command] };
  }
  put(out, 'initialDelaySeconds', intOf(probe.initialDelaySeconds));
  put(out, 'periodSeconds', intOf(probe.periodSeconds));
  put(out, 'timeoutSeconds', intOf(probe.timeoutSeconds));
  put(out, 'failureThreshold', intOf(probe.failureThreshold));
  return out as Probe;
}

function writeResources(form: ContainerForm, out: Obj): void {
  const resources = copy(form.raw.resources);
  const requests = copy(form.raw.resources?.requests);
  const limits = copy(form.raw.resources?.limits);
  put(requests, 'cpu', form.cpuRequest.trim());
  put(requests, 'memory', form.memoryRequest.trim());
  put(limits, 'cpu', form.cpuLimit.trim());
  put(limits, 'memory', form.memoryLimit.trim());
  put(resources, 'requests', requests);
  put(resources, 'limits', limits);
  // API servers store `resources: {}` on every container: an empty object read stays, so an update changes nothing.
  if (Object.keys(resources).length === 0 && form.raw.resources !== undefined) out.resources = resources;
  else put(out, 'resources', resources);
}

function writeSecurity(form: ContainerForm, out: Obj): void {
  const security = copy(form.raw.securityContext);
  // `privileged: false` is written only when it was there before: absent already means unprivileged.
  if (form.privileged) security.privileged = true;
  else if (security.privileged !== undefined) security.privileged = false;
  const capabilities = copy(form.raw.securityContext?.capabilities);
  put(
    capabilities,
    'add',
    form.capabilitiesAdd.filter((c) => c.trim() !== ''),
  );
  put(
    capabilities,
    'drop',
    form.capabilitiesDrop.filter((c) => c.trim() !== ''),
  );
  put(security, 'capabilities', capabilities);
  put(out, 'securityContext', security);
}

function writeMounts(mounts: { volume: string; mount: MountForm }[], out: Obj): void {
  // Mounts read from this container keep their original order; new ones follow in volume order.
  const ordered = [...mounts].sort(
    (a, b) => (a.mount.origin ?? Number.MAX_SAFE_INTEGER) - (b.mount.origin ?? Number.MAX_SAFE_INTEGER),
  );
  const list = ordered.map(({ volume, mount }) => {
    const m = copy(mount.raw);
    m.name = volume;
    m.mountPath = mount.mountPath.trim();
    if (mount.readOnly) m.readOnly = true;
    else delete m.readOnly;
    put(m, 'subPath', mount.subPath.trim());
    return m;
  });
  put(out, 'volumeMounts', list);
}

/** Applies a container form onto its original container; `mounts` are this container's mounts from the volumes. */
export function writeContainer(form: ContainerForm, mounts: { volume: string; mount: MountForm }[]): Container {
  const out = copy(form.raw);
  out.name = form.name.trim();
  put(out, 'image', form.image.trim());
  put(out, 'imagePullPolicy', form.pullPolicy);
  put(
    out,
    'command',
    form.command.filter((c) => c !== ''),
  );
  put(
    out,
    'args',
    form.args.filter((a) => a !== ''),
  );
  put(out, 'ports', form.ports.map(writePort));
  put(out, 'env', form.env.filter((e) => e.name.trim() !== '').map(writeEnv));
  put(
    out,
    'envFrom',
    form.envFrom.map((from): EnvFromSource => {
      const o = copy(from.raw);
      delete o.configMapRef;
      delete o.secretRef;
      if (from.kind === 'configMap') o.configMapRef = { ...copy(from.raw?.configMapRef), name: from.name };
      else o.secretRef = { ...copy(from.raw?.secretRef), name: from.name };
      put(o, 'prefix', from.prefix);
      return o as EnvFromSource;
    }),
  );
  writeResources(form, out);
  put(out, 'readinessProbe', writeProbe(form.readinessProbe));
  put(out, 'livenessProbe', writeProbe(form.livenessProbe));
  writeSecurity(form, out);
  writeMounts(mounts, out);
  return out as unknown as Container;
}
