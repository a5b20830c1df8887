// A container's environment as the kubelet builds it (kubelet_pods.go makeEnvironmentVariables): the Service links of
// its namespace (and the `kubernetes` Service) unless enableServiceLinks is false, then envFrom, then env in order,
// with $(VAR) references expanded against what came before; then what the runtime adds (PATH, HOSTNAME, HOME, TERM).
import { parseQuantity } from '../apimachinery/quantity.js';
import type { KubeObject } from '../types.js';

type Json = Record<string, unknown>;

/** What the environment is read from: the stored objects. */
export interface ObjectSource {
  get(resource: string, namespace: string | undefined, name: string): KubeObject | undefined;
  list(resource: string, namespace?: string): KubeObject[];
}

const PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';
const str = (v: unknown): string => (typeof v === 'string' ? v : '');
const record = (v: unknown): Json => (typeof v === 'object' && v !== null ? (v as Json) : {});

/** data, binaryData and stringData of a ConfigMap or Secret, decoded. */
export function dataOf(object: KubeObject, secret: boolean): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(record(object.data)))
    out.set(k, secret ? Buffer.from(str(v), 'base64').toString('utf8') : str(v));
  for (const [k, v] of Object.entries(record(object.binaryData)))
    out.set(k, Buffer.from(str(v), 'base64').toString('utf8'));
  for (const [k, v] of Object.entries(record(object.stringData))) out.set(k, str(v));
  return out;
}

const envName = (service: string): string => service.toUpperCase().replaceAll('-', '_');

function serviceLinks(source: ObjectSource, namespace: string): [string, string][] {
  const services = source.list('services', namespace).filter((s) => s.metadata.name !== 'kubernetes');
  const master = source.get('services', 'default', 'kubernetes');
  const out: [string, string][] = [];
  for (const s of master ? [...services, master] : services) {
    const ip = str(s.spec?.clusterIP);
    if (ip === '' || ip === 'None') continue;
    const ports = (Array.isArray(s.spec?.ports) ? s.spec.ports : []) as Json[];
    const first = ports[0];
    if (!first) continue;
    const name = envName(s.metadata.name);
    out.push([`${name}_SERVICE_HOST`, ip], [`${name}_SERVICE_PORT`, String(first.port)]);
    for (const p of ports) if (str(p.name)) out.push([`${name}_SERVICE_PORT_${envName(str(p.name))}`, String(p.port)]);
    const proto = (p: Json) => str(p.protocol) || 'TCP';
    out.push([`${name}_PORT`, `${proto(first).toLowerCase()}://${ip}:${String(first.port)}`]);
    for (const p of ports) {
      const key = `${name}_PORT_${String(p.port)}_${proto(p)}`;
      out.push(
        [key, `${proto(p).toLowerCase()}://${ip}:${String(p.port)}`],
        [`${key}_PROTO`, proto(p).toLowerCase()],
        [`${key}_PORT`, String(p.port)],
        [`${key}_ADDR`, ip],
      );
    }
  }
  return out;
}

/** $(VAR) expands to a defined variable, $$(VAR) escapes it, anything else stays as written. */
export function expand(text: string, vars: Map<string, string>): string {
  return text.replace(/\$\$|\$\(([A-Za-z_][A-Za-z0-9_.-]*)\)/g, (m: string, name?: string) => {
    if (m === '$$') return '$';
    return name !== undefined && vars.has(name) ? (vars.get(name) ?? '') : m;
  });
}

function fieldValue(pod: KubeObject, path: string): string {
  const meta = pod.metadata;
  const keyed = /^metadata\.(labels|annotations)\['(.+)'\]$/.exec(path);
  if (keyed) return str(record(keyed[1] === 'labels' ? meta.labels : meta.annotations)[keyed[2] ?? '']);
  const values: Record<string, unknown> = {
    'metadata.name': meta.name,
    'metadata.namespace': meta.namespace,
    'metadata.uid': meta.uid,
    'spec.nodeName': pod.spec?.nodeName,
    'spec.serviceAccountName': pod.spec?.serviceAccountName,
    'status.hostIP': pod.status?.hostIP,
    'status.podIP': pod.status?.podIP,
    'status.hostIPs': (record(pod.status).hostIPs as Json[] | undefined)?.map((i) => str(i.ip)).join(','),
    'status.podIPs': (record(pod.status).podIPs as Json[] | undefined)?.map((i) => str(i.ip)).join(','),
  };
  return str(values[path]);
}

/** resourceFieldRef: the container's request or limit over the divisor, rounded up; a missing limit is the node's. */
function resourceValue(container: Json, ref: Json, node: KubeObject | undefined): string {
  const [kind, resource] = str(ref.resource).split('.') as [string, string];
  const resources = record(container.resources);
  const own = record(kind === 'limits' ? resources.limits : resources.requests)[resource];
  const fallback = kind === 'limits' ? record(node?.status?.allocatable)[resource] : undefined;
  const value = parseQuantity(own ?? fallback) ?? 0;
  const divisor = parseQuantity(ref.divisor ?? '1') || 1;
  return String(Math.ceil(value / divisor));
}

export interface EnvContext {
  pod: KubeObject;
  container: Json;
  hostname: string;
  tty: boolean;
}

/** The environment `env` prints in the container, in order. */
export function containerEnv(source: ObjectSource, c: EnvContext): [string, string][] {
  const namespace = c.pod.metadata.namespace ?? '';
  const vars = new Map<string, string>();
  const set = (k: string, v: string): void => {
    vars.delete(k);
    vars.set(k, v);
  };
  if (c.pod.spec?.enableServiceLinks !== false) for (const [k, v] of serviceLinks(source, namespace)) set(k, v);
  for (const from of (Array.isArray(c.container.envFrom) ? c.container.envFrom : []) as Json[]) {
    const secret = from.secretRef !== undefined;
    const ref = record(from.secretRef ?? from.configMapRef);
    const object = source.get(secret ? 'secrets' : 'configmaps', namespace, str(ref.name));
    if (!object) continue;
    for (const [k, v] of dataOf(object, secret)) set(str(from.prefix) + k, v);
  }
  const node = source.get('nodes', undefined, str(c.pod.spec?.nodeName));
  for (const e of (Array.isArray(c.container.env) ? c.container.env : []) as Json[]) {
    const from = record(e.valueFrom);
    let value: string | undefined = e.valueFrom === undefined ? expand(str(e.value), vars) : undefined;
    if (from.fieldRef) value = fieldValue(c.pod, str(record(from.fieldRef).fieldPath));
    if (from.resourceFieldRef) value = resourceValue(c.container, record(from.resourceFieldRef), node);
    const keyRef = record(from.secretKeyRef ?? from.configMapKeyRef);
    if (from.secretKeyRef || from.configMapKeyRef) {
      const secret = from.secretKeyRef !== undefined;
      const object = source.get(secret ? 'secrets' : 'configmaps', namespace, str(keyRef.name));
      value = object ? dataOf(object, secret).get(str(keyRef.key)) : undefined;
    }
    // An optional reference that is missing leaves the variable out, as the kubelet does.
    if (value !== undefined) set(str(e.name), value);
  }
  const out: [string, string][] = [
    ['PATH', PATH],
    ['HOSTNAME', c.hostname],
  ];
  if (c.tty) out.push(['TERM', 'xterm']);
  for (const [k, v] of vars) if (k !== 'PATH' && k !== 'HOSTNAME') out.push([k, v]);
  if (!vars.has('HOME')) out.push(['HOME', '/root']);
  if (vars.has('PATH')) out[0] = ['PATH', vars.get('PATH') ?? PATH];
  return out;
}
