// The admission plug-ins a real API server runs on pods, in its order (mutating first, then validating):
// LimitRanger (defaults from LimitRanges, then their min/max), ServiceAccount (default to `default`, refuse a missing
// one), Priority (resolve priorityClassName into spec.priority) and ResourceQuota (pods, cpu and memory). Messages are
// the plug-ins' own, so a DaemonSet's FailedCreate event reads as on a real cluster.
import { forbidden } from '../errors.js';
import { formatFor, parseQuantity } from '../apimachinery/quantity.js';
import type { AdmissionPlugin, AdmissionRequest, ClusterApi, KubeObject } from '../types.js';
import type { Container, Pod } from './kinds.js';
import { countsAgainstQuota, quotaUsage } from './quota.js';

type Json = Record<string, unknown>;
type Quantities = Record<string, string>;

const nameOf = (o: KubeObject): string => o.metadata.name || o.metadata.generateName || '';
const podForbidden = (pod: KubeObject, why: string) =>
  forbidden(`pods "${nameOf(pod)}" is forbidden: ${why}`, { name: nameOf(pod), kind: 'pods' });
const isMirror = (pod: KubeObject): boolean => pod.metadata.annotations?.['kubernetes.io/config.mirror'] !== undefined;

function podCreate(r: AdmissionRequest): boolean {
  return r.operation === 'CREATE' && r.resource === 'pods' && r.subresource === undefined;
}

function containersOf(pod: KubeObject): Container[] {
  return [...((pod.spec?.containers ?? []) as Container[]), ...((pod.spec?.initContainers ?? []) as Container[])];
}

function containerItems(api: ClusterApi, namespace: string | undefined): Json[] {
  return api
    .list('limitranges', namespace)
    .flatMap((lr) => (Array.isArray(lr.spec?.limits) ? (lr.spec.limits as Json[]) : []))
    .filter((item) => item.type === 'Container');
}

/** LimitRanger's mutation: containers without requests or limits get the LimitRange's defaults. */
function limitRangeDefaults(api: ClusterApi, pod: KubeObject): void {
  const items = containerItems(api, pod.metadata.namespace);
  if (items.length === 0) return;
  const notes: string[] = [];
  for (const c of containersOf(pod)) {
    const resources = (c.resources ??= {});
    for (const item of items) {
      for (const [field, key] of [
        ['requests', 'defaultRequest'],
        ['limits', 'default'],
      ] as const) {
        const defaults = (item[key] ?? {}) as Quantities;
        const set = Object.keys(defaults).filter((k) => resources[field]?.[k] === undefined);
        if (set.length === 0) continue;
        resources[field] = { ...resources[field], ...Object.fromEntries(set.map((k) => [k, defaults[k] ?? ''])) };
        notes.push(`${set.join(', ')} ${field === 'requests' ? 'request' : 'limit'} for container ${c.name}`);
      }
    }
  }
  if (notes.length > 0) {
    pod.metadata.annotations = {
      ...pod.metadata.annotations,
      'kubernetes.io/limit-ranger': `LimitRanger plugin set: ${notes.join('; ')}`,
    };
  }
}

/** LimitRanger's validation: each container's requests and limits within the LimitRange's min and max. */
function limitRangeBounds(api: ClusterApi, pod: KubeObject): void {
  const problems: string[] = [];
  for (const item of containerItems(api, pod.metadata.namespace)) {
    for (const c of containersOf(pod)) {
      for (const [res, min] of Object.entries((item.min ?? {}) as Quantities)) {
        const req = c.resources?.requests?.[res];
        if (req !== undefined && (parseQuantity(req) ?? 0) < (parseQuantity(min) ?? 0))
          problems.push(`minimum ${res} usage per Container is ${min}, but request is ${req}`);
      }
      for (const [res, max] of Object.entries((item.max ?? {}) as Quantities)) {
        const lim = c.resources?.limits?.[res];
        if (lim === undefined) problems.push(`maximum ${res} usage per Container is ${max}.  No limit is specified`);
        else if ((parseQuantity(lim) ?? 0) > (parseQuantity(max) ?? 0))
          problems.push(`maximum ${res} usage per Container is ${max}, but limit is ${lim}`);
      }
    }
  }
  if (problems.length === 1) throw podForbidden(pod, problems[0] ?? '');
  if (problems.length > 1) throw podForbidden(pod, `[${problems.join(', ')}]`);
}

/** ServiceAccount: a pod runs as `default` unless it names one, and the one it names must exist. */
function serviceAccount(api: ClusterApi, pod: KubeObject): void {
  if (isMirror(pod)) return;
  const spec = pod.spec as Json;
  const name =
    typeof spec.serviceAccountName === 'string' && spec.serviceAccountName !== '' ? spec.serviceAccountName : 'default';
  spec.serviceAccountName = name;
  spec.serviceAccount = name;
  const ns = pod.metadata.namespace ?? 'default';
  if (!api.get('serviceaccounts', ns, name)) {
    throw podForbidden(pod, `error looking up service account ${ns}/${name}: serviceaccount "${name}" not found`);
  }
}

/** Priority: spec.priority comes from the named PriorityClass (or the global default, or 0). */
function priority(api: ClusterApi, pod: KubeObject): void {
  const spec = pod.spec as Json;
  const className = typeof spec.priorityClassName === 'string' ? spec.priorityClassName : '';
  let value = 0;
  let policy: unknown;
  if (className !== '') {
    const pc = api.get('priorityclasses', undefined, className);
    if (!pc) throw podForbidden(pod, `no PriorityClass with name ${className} was found`);
    value = typeof pc.value === 'number' ? pc.value : 0;
    policy = pc.preemptionPolicy;
  } else {
    const global = api.list('priorityclasses').find((pc) => pc.globalDefault === true);
    if (global) {
      spec.priorityClassName = global.metadata.name;
      value = typeof global.value === 'number' ? global.value : 0;
      policy = global.preemptionPolicy;
    }
  }
  if (typeof spec.priority === 'number' && spec.priority !== value) {
    throw podForbidden(
      pod,
      `the integer value of priority (${spec.priority}) must not be provided in pod spec; priority admission controller computed ${value} from the given PriorityClass name`,
    );
  }
  spec.priority = value;
  if (policy !== undefined) spec.preemptionPolicy = policy;
}

const COMPUTE = /^(requests|limits)\.(cpu|memory)$|^(cpu|memory)$/;

/** ResourceQuota: pods, and cpu/memory requests and limits, against every quota of the namespace. */
function quota(api: ClusterApi, pod: KubeObject): void {
  const ns = pod.metadata.namespace;
  const quotas = [...api.list('resourcequotas', ns)].sort((a, b) => a.metadata.name.localeCompare(b.metadata.name));
  if (quotas.length === 0 || !countsAgainstQuota(pod as Pod)) return;
  const existing = (api.list('pods', ns) as Pod[]).filter(countsAgainstQuota);
  for (const q of quotas) {
    const hard = (q.spec?.hard ?? {}) as Quantities;
    const tracked = Object.keys(hard).filter((k) => k === 'pods' || k === 'count/pods' || COMPUTE.test(k));
    if (tracked.length === 0) continue;
    const missing = tracked
      .filter((k) => COMPUTE.test(k))
      .filter((k) => {
        const [kind, res] = k.includes('.')
          ? (k.split('.') as ['requests' | 'limits', string])
          : (['requests', k] as const);
        return (pod.spec?.containers as Container[] | undefined)?.some((c) => c.resources?.[kind]?.[res] === undefined);
      });
    if (missing.length > 0) {
      const names = ((pod.spec?.containers ?? []) as Container[]).map((c) => c.name).join(',');
      throw podForbidden(
        pod,
        `failed quota: ${q.metadata.name}: must specify ${missing.sort().join(',')} for: ${names}`,
      );
    }
    const before = quotaUsage(Object.fromEntries(tracked.map((k) => [k, hard[k] ?? ''])), existing);
    const mine = quotaUsage(Object.fromEntries(tracked.map((k) => [k, hard[k] ?? ''])), [pod as Pod]);
    const over = tracked.filter(
      (k) => (parseQuantity(before[k]) ?? 0) + (parseQuantity(mine[k]) ?? 0) > (parseQuantity(hard[k]) ?? 0),
    );
    if (over.length === 0) continue;
    const keys = over.sort();
    const list = (f: (k: string) => string): string => keys.map((k) => `${k}=${f(k)}`).join(',');
    throw podForbidden(
      pod,
      `exceeded quota: ${q.metadata.name}, requested: ${list((k) => mine[k] ?? '0')}, used: ${list((k) => before[k] ?? '0')}, limited: ${list((k) => formatFor(k, parseQuantity(hard[k]) ?? 0))}`,
    );
  }
}

export function podAdmission(api: ClusterApi): AdmissionPlugin[] {
  return [
    {
      name: 'LimitRanger',
      mutate: (r) => podCreate(r) && limitRangeDefaults(api, r.object),
      validate: (r) => podCreate(r) && limitRangeBounds(api, r.object),
    },
    { name: 'ServiceAccount', mutate: (r) => podCreate(r) && serviceAccount(api, r.object) },
    { name: 'Priority', mutate: (r) => podCreate(r) && priority(api, r.object) },
    { name: 'ResourceQuota', validate: (r) => podCreate(r) && quota(api, r.object) },
  ];
}
