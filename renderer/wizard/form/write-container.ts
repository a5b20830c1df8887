// Container form -> container: each field written onto a copy of the container it was read from, and only where the
// user changed it (see `edit`), so a value the form cannot show — a wrong type, an unknown field — stays as written.
import type { Container, EnvFromSource, Probe } from 'kubernetes-types/core/v1';
import { copy, edit, intOf, intOrString, intOrText, put, putRows, same, type Obj } from './objects';
import { readContainer, readEnv, readEnvFrom, readMount, readPort, readProbe, shownText } from './read';
import { isRecord } from '../../../common/guards';
import type { ContainerForm, EnvForm, EnvFromForm, MountForm, PortForm, ProbeForm, VolumeForm } from './types';

/** A row the user added and typed nothing into: it writes nothing (never a synthesized `name: tcp-`). */
const blankPort = (port: PortForm): boolean =>
  !port.raw && [port.containerPort, port.name, port.hostPort].every((v) => v.trim() === '');
const blankEnv = (env: EnvForm): boolean =>
  !env.raw && [env.name, env.value, env.source, env.key].every((v) => v.trim() === '');

function writePort(port: PortForm): Obj {
  const out = copy(port.raw);
  const read = port.raw ? readPort(port.raw) : undefined;
  edit(out, 'name', port.name, read?.name, () => port.name.trim());
  edit(out, 'containerPort', port.containerPort, read?.containerPort, () => intOrText(port.containerPort));
  edit(out, 'protocol', port.protocol, read?.protocol, () => port.protocol);
  edit(out, 'hostPort', port.hostPort, read?.hostPort, () => intOrText(port.hostPort));
  return out;
}

function writeEnv(env: EnvForm): Obj {
  const out = copy(env.raw);
  const read = env.raw ? readEnv(env.raw) : undefined;
  edit(out, 'name', env.name, read?.name, () => env.name.trim());
  const source = (e: EnvForm) => [e.kind, e.value, e.source, e.key];
  if (env.kind === 'other' || (read && same(source(env), source(read)))) return out;
  if (env.kind === 'value') {
    delete out.valueFrom;
    put(out, 'value', env.value);
    return out;
  }
  delete out.value;
  const refKey = env.kind === 'configMapKey' ? 'configMapKeyRef' : 'secretKeyRef';
  const from = env.raw?.valueFrom;
  const before = from?.configMapKeyRef ?? from?.secretKeyRef;
  // The same kind of reference keeps what the form does not show; another kind keeps only `optional`.
  const ref: Obj = read?.kind === env.kind ? copy(before) : {};
  if (read?.kind !== env.kind && before?.optional !== undefined) ref.optional = before.optional;
  ref.name = env.source;
  ref.key = env.key;
  out.valueFrom = { ...(read?.kind === env.kind ? copy(from) : {}), [refKey]: ref };
  return out;
}

function writeEnvFrom(from: EnvFromForm): EnvFromSource {
  const out = copy(from.raw);
  if (from.kind === 'other') return out as EnvFromSource;
  const raw = from.raw;
  const read = raw ? readEnvFrom(raw) : undefined;
  if (!read || read.kind !== from.kind || read.name !== from.name) {
    delete out.configMapRef;
    delete out.secretRef;
    if (from.kind === 'configMap') out.configMapRef = { ...copy(raw?.configMapRef), name: from.name };
    else out.secretRef = { ...copy(raw?.secretRef), name: from.name };
  }
  edit(out, 'prefix', from.prefix, read?.prefix, () => from.prefix);
  return out as EnvFromSource;
}

function writeProbe(probe: ProbeForm): Probe {
  const out = copy(probe.raw);
  const read = probe.raw ? readProbe(probe.raw) : null;
  const handler = (p: ProbeForm) => [p.kind, p.path, p.port, p.command];
  if (!read || !same(handler(probe), handler(read))) {
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
  }
  for (const field of ['initialDelaySeconds', 'periodSeconds', 'timeoutSeconds', 'failureThreshold'] as const)
    edit(out, field, probe[field], read?.[field], () => intOf(probe[field]));
  return out as Probe;
}

/** A probe as the form holds it, onto the container: removed only when the user removed it. */
function writeProbeAt(out: Obj, key: 'readinessProbe' | 'livenessProbe', probe: ProbeForm | null): void {
  if (probe) out[key] = writeProbe(probe);
  // No probe read (absent, or not an object: kept as written) and none added: nothing changes.
  else if (readProbe(out[key]) !== null) Reflect.deleteProperty(out, key);
}

function writeResources(form: ContainerForm, read: ContainerForm, out: Obj): void {
  const fields = ['cpuRequest', 'cpuLimit', 'memoryRequest', 'memoryLimit'] as const;
  if (fields.every((f) => form[f] === read[f])) return;
  const resources = copy(form.raw.resources);
  const requests = copy(form.raw.resources?.requests);
  const limits = copy(form.raw.resources?.limits);
  edit(requests, 'cpu', form.cpuRequest, read.cpuRequest, () => form.cpuRequest.trim());
  edit(requests, 'memory', form.memoryRequest, read.memoryRequest, () => form.memoryRequest.trim());
  edit(limits, 'cpu', form.cpuLimit, read.cpuLimit, () => form.cpuLimit.trim());
  edit(limits, 'memory', form.memoryLimit, read.memoryLimit, () => form.memoryLimit.trim());
  put(resources, 'requests', requests);
  put(resources, 'limits', limits);
  // API servers store `resources: {}` on every container: an empty object read stays, so an update changes nothing.
  if (Object.keys(resources).length === 0 && form.raw.resources !== undefined) out.resources = resources;
  else put(out, 'resources', resources);
}

function writeSecurity(form: ContainerForm, read: ContainerForm, out: Obj): void {
  const fields = ['privileged', 'capabilitiesAdd', 'capabilitiesDrop'] as const;
  if (fields.every((f) => same(form[f], read[f]))) return;
  const security = copy(form.raw.securityContext);
  // `privileged: false` is written only when it was there before: absent already means unprivileged.
  if (form.privileged) security.privileged = true;
  else if (security.privileged !== undefined) security.privileged = false;
  const capabilities = copy(form.raw.securityContext?.capabilities);
  edit(capabilities, 'add', form.capabilitiesAdd, read.capabilitiesAdd, () =>
    form.capabilitiesAdd.filter((c) => c.trim() !== ''),
  );
  edit(capabilities, 'drop', form.capabilitiesDrop, read.capabilitiesDrop, () =>
    form.capabilitiesDrop.filter((c) => c.trim() !== ''),
  );
  put(security, 'capabilities', capabilities);
  put(out, 'securityContext', security);
}

function writeMount(volume: VolumeForm, mount: MountForm): Obj {
  const m = copy(mount.raw);
  const read = mount.raw ? readMount(m) : undefined;
  // A mount follows its volume's name only when the user renamed the volume.
  if (!mount.raw || !volume.raw || volume.name !== shownText(volume.raw.name)) m.name = volume.name.trim();
  edit(m, 'mountPath', mount.mountPath, read?.mountPath, () => mount.mountPath.trim());
  edit(m, 'readOnly', mount.readOnly, read?.readOnly, () => mount.readOnly || undefined);
  edit(m, 'subPath', mount.subPath, read?.subPath, () => mount.subPath.trim());
  return m;
}

/**
 * The container's mounts: those of the form's volumes, and, in their places, those the form did not read (of a volume
 * the pod does not have): they are the user's, not the form's to drop. `read` names the volumes the form read mounts of.
 */
function writeMounts(
  form: ContainerForm,
  mounts: { volume: VolumeForm; mount: MountForm }[],
  read: Set<string>,
  out: Obj,
) {
  const written = Array.isArray(form.raw.volumeMounts) ? (form.raw.volumeMounts as unknown[]) : [];
  const kept = written.flatMap((m, origin) =>
    isRecord(m) && typeof m.name === 'string' && read.has(m.name) ? [] : [{ origin, value: m }],
  );
  const entries = [...mounts.map(({ volume, mount }) => ({ origin: mount.origin, value: writeMount(volume, mount) }))];
  // Mounts read from this container keep their original order; new ones follow in volume order.
  const ordered = [...entries, ...kept].sort(
    (a, b) => (a.origin ?? Number.MAX_SAFE_INTEGER) - (b.origin ?? Number.MAX_SAFE_INTEGER),
  );
  putRows(
    out,
    'volumeMounts',
    ordered.map((e) => e.value),
  );
}

/**
 * Applies a container form onto its original container; `mounts` are this container's mounts from the volumes,
 * `volumes` the names of the volumes whose mounts the form read.
 */
export function writeContainer(
  form: ContainerForm,
  mounts: { volume: VolumeForm; mount: MountForm }[],
  volumes: Set<string>,
): Container {
  const out = copy(form.raw);
  const read = readContainer(form.raw, form.id);
  edit(out, 'name', form.name, read.name, () => form.name.trim());
  edit(out, 'image', form.image, read.image, () => form.image.trim());
  edit(out, 'imagePullPolicy', form.pullPolicy, read.pullPolicy, () => form.pullPolicy);
  edit(out, 'command', form.command, read.command, () => form.command.filter((c) => c !== ''));
  edit(out, 'args', form.args, read.args, () => form.args.filter((a) => a !== ''));
  putRows(out, 'ports', form.ports.filter((p) => !blankPort(p)).map(writePort));
  putRows(out, 'env', form.env.filter((e) => !blankEnv(e)).map(writeEnv));
  putRows(out, 'envFrom', form.envFrom.map(writeEnvFrom));
  writeResources(form, read, out);
  writeProbeAt(out, 'readinessProbe', form.readinessProbe);
  writeProbeAt(out, 'livenessProbe', form.livenessProbe);
  writeSecurity(form, read, out);
  writeMounts(form, mounts, volumes, out);
  return out as unknown as Container;
}
