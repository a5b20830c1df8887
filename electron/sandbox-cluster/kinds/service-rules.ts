// Service defaulting, allocation and validation (pkg/apis/core/v1/defaults.go SetDefaults_Service, the registry's
// IP and node-port allocators, pkg/apis/core/validation ValidateService/ValidateServiceUpdate), so manifests that the
// real API server refuses are refused here with the same field paths and words.
import { isDeepStrictEqual } from 'node:util';
import type { FieldCause } from '../errors.js';
import { cause, validateLabels } from '../registry/validation.js';
import type { KubeObject } from '../types.js';
import type { KindStrategy, ValidationEnv } from './descriptor.js';

type Json = Record<string, unknown>;

/** The service CIDR (kube-apiserver --service-cluster-ip-range default) and the node-port range. */
export const SERVICE_CIDR = '10.96.0.0/12';
const CIDR_BASE = (10 << 24) | (96 << 16);
const CIDR_SIZE = 1 << 20;
export const NODE_PORT_MIN = 30000;
export const NODE_PORT_MAX = 32767;

const TYPES = ['ClusterIP', 'ExternalName', 'LoadBalancer', 'NodePort'];
const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const IANA_NAME = /^[-a-z0-9]+$/;

function ports(svc: KubeObject): Json[] {
  return Array.isArray(svc.spec?.ports) ? (svc.spec.ports as Json[]) : [];
}

function ipToNumber(ip: string): number | undefined {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(ip);
  if (!m) return undefined;
  const parts = m.slice(1).map(Number);
  if (parts.some((p) => p > 255)) return undefined;
  return (((parts[0] ?? 0) << 24) | ((parts[1] ?? 0) << 16) | ((parts[2] ?? 0) << 8) | (parts[3] ?? 0)) >>> 0;
}

function numberToIp(n: number): string {
  return [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');
}

function inCidr(n: number): boolean {
  return n >= CIDR_BASE && n < CIDR_BASE + CIDR_SIZE;
}

function usesNodePorts(svc: KubeObject): boolean {
  const type = svc.spec?.type;
  return type === 'NodePort' || (type === 'LoadBalancer' && svc.spec?.allocateLoadBalancerNodePorts !== false);
}

function takenIps(env: ValidationEnv, self: KubeObject): Set<string> {
  const out = new Set<string>();
  for (const s of env.list('services')) {
    if (s.metadata.uid === self.metadata.uid) continue;
    if (typeof s.spec?.clusterIP === 'string') out.add(s.spec.clusterIP);
  }
  return out;
}

function takenNodePorts(env: ValidationEnv, self: KubeObject): Set<number> {
  const out = new Set<number>();
  for (const s of env.list('services')) {
    if (s.metadata.uid === self.metadata.uid) continue;
    for (const p of ports(s)) if (typeof p.nodePort === 'number') out.add(p.nodePort);
  }
  return out;
}

export function defaultService(svc: KubeObject): void {
  const spec = (svc.spec ??= {}) as Json;
  spec.type ??= 'ClusterIP';
  if (spec.type === 'ExternalName') return;
  spec.sessionAffinity ??= 'None';
  spec.internalTrafficPolicy ??= 'Cluster';
  if (spec.type === 'NodePort' || spec.type === 'LoadBalancer') spec.externalTrafficPolicy ??= 'Cluster';
  if (spec.type === 'LoadBalancer') spec.allocateLoadBalancerNodePorts ??= true;
  for (const p of ports(svc)) {
    p.protocol ??= 'TCP';
    if (p.targetPort === undefined || p.targetPort === 0 || p.targetPort === '') p.targetPort = p.port;
  }
}

/** Allocates a clusterIP (and node ports) the way the registry's allocators do: the next free address in range. */
function allocate(svc: KubeObject, env: ValidationEnv): void {
  const spec = svc.spec as Json;
  if (spec.type === 'ExternalName') return;
  if (spec.clusterIP === undefined || spec.clusterIP === '') {
    const taken = takenIps(env, svc);
    // .0 is the network and .1 the `kubernetes` Service; start after the well-known addresses.
    for (let i = 11; i < CIDR_SIZE - 1; i++) {
      const ip = numberToIp(CIDR_BASE + i);
      if (!taken.has(ip)) {
        spec.clusterIP = ip;
        break;
      }
    }
  }
  spec.clusterIPs = [spec.clusterIP];
  spec.ipFamilies ??= ['IPv4'];
  spec.ipFamilyPolicy ??= 'SingleStack';
  if (usesNodePorts(svc)) {
    const taken = takenNodePorts(env, svc);
    let next = NODE_PORT_MIN;
    for (const p of ports(svc)) {
      if (p.nodePort !== undefined && p.nodePort !== 0) continue;
      while (taken.has(next) && next <= NODE_PORT_MAX) next++;
      p.nodePort = next;
      taken.add(next);
    }
  }
}

function validatePorts(svc: KubeObject): FieldCause[] {
  const out: FieldCause[] = [];
  const list = ports(svc);
  const type = svc.spec?.type;
  const headless = svc.spec?.clusterIP === 'None';
  if (list.length === 0 && type !== 'ExternalName' && !headless) out.push(cause.required('spec.ports'));
  const names = new Set<string>();
  const keys = new Set<string>();
  list.forEach((p, i) => {
    const path = `spec.ports[${i}]`;
    if (list.length > 1 && (p.name === undefined || p.name === '')) out.push(cause.required(`${path}.name`));
    else if (typeof p.name === 'string' && p.name !== '') {
      if (!DNS_LABEL.test(p.name) || p.name.length > 63) {
        out.push(
          cause.invalid(
            `${path}.name`,
            p.name,
            "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')",
          ),
        );
      }
      if (names.has(p.name)) out.push(cause.duplicate(`${path}.name`, p.name));
      names.add(p.name);
    }
    // An absent port is Go's zero value: invalid, not missing.
    if (typeof p.port !== 'number' || !Number.isInteger(p.port) || p.port < 1 || p.port > 65535) {
      out.push(cause.invalid(`${path}.port`, p.port ?? 0, 'must be between 1 and 65535, inclusive'));
    }
    if (!['TCP', 'UDP', 'SCTP'].includes(String(p.protocol))) {
      out.push(cause.notSupported(`${path}.protocol`, p.protocol, ['SCTP', 'TCP', 'UDP']));
    }
    const target = p.targetPort;
    if (typeof target === 'number' && (target < 1 || target > 65535)) {
      out.push(cause.invalid(`${path}.targetPort`, target, 'must be between 1 and 65535, inclusive'));
    } else if (typeof target === 'string' && (target.length > 15 || !IANA_NAME.test(target) || !/[a-z]/.test(target))) {
      out.push(
        cause.invalid(
          `${path}.targetPort`,
          target,
          target.length > 15
            ? 'must be no more than 15 characters'
            : 'must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)',
        ),
      );
    }
    const key = `${String(p.port)}/${String(p.protocol)}`;
    if (keys.has(key)) out.push(cause.duplicate(path, { port: p.port, protocol: p.protocol }));
    keys.add(key);
    if (p.nodePort !== undefined && p.nodePort !== 0 && !usesNodePorts(svc)) {
      out.push(cause.forbidden(`${path}.nodePort`, "may not be used when `type` is 'ClusterIP'"));
    }
  });
  return out;
}

/** Allocation errors: a given clusterIP or nodePort out of range or already taken. */
function validateAllocation(svc: KubeObject, env: ValidationEnv, old?: KubeObject): FieldCause[] {
  const out: FieldCause[] = [];
  const ip = svc.spec?.clusterIP;
  if (typeof ip === 'string' && ip !== '' && ip !== 'None' && ip !== old?.spec?.clusterIP) {
    const n = ipToNumber(ip);
    if (n === undefined) {
      out.push(
        cause.invalid('spec.clusterIPs[0]', ip, 'must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)'),
      );
    } else if (!inCidr(n)) {
      out.push(
        cause.invalid(
          'spec.clusterIPs',
          [ip],
          `failed to allocate IP ${ip}: the provided IP (${ip}) is not in the valid range. The range of valid IPs is ${SERVICE_CIDR}`,
        ),
      );
    } else if (takenIps(env, svc).has(ip)) {
      out.push(cause.invalid('spec.clusterIPs', [ip], `failed to allocate IP ${ip}: provided IP is already allocated`));
    }
  }
  const taken = takenNodePorts(env, svc);
  const oldPorts = new Set(old ? ports(old).map((p) => p.nodePort) : []);
  ports(svc).forEach((p, i) => {
    const np = p.nodePort;
    if (np === undefined || np === 0 || oldPorts.has(np) || !usesNodePorts(svc)) return;
    const field = `spec.ports[${i}].nodePort`;
    if (typeof np !== 'number' || np < NODE_PORT_MIN || np > NODE_PORT_MAX) {
      out.push(
        cause.invalid(
          field,
          np,
          `provided port is not in the valid range. The range of valid ports is ${NODE_PORT_MIN}-${NODE_PORT_MAX}`,
        ),
      );
    } else if (taken.has(np)) out.push(cause.invalid(field, np, 'provided port is already allocated'));
  });
  return out;
}

export function validateService(svc: KubeObject): FieldCause[] {
  const spec = (svc.spec ?? {}) as Json;
  const out: FieldCause[] = [];
  if (!TYPES.includes(String(spec.type))) out.push(cause.notSupported('spec.type', spec.type, TYPES));
  if (spec.type === 'ExternalName') {
    if (typeof spec.externalName !== 'string' || spec.externalName === '')
      out.push(cause.required('spec.externalName'));
  } else if (spec.sessionAffinity !== undefined && !['ClientIP', 'None'].includes(String(spec.sessionAffinity))) {
    out.push(cause.notSupported('spec.sessionAffinity', spec.sessionAffinity, ['ClientIP', 'None']));
  }
  out.push(...validatePorts(svc));
  if (spec.selector !== undefined) out.push(...validateLabels(spec.selector, 'spec.selector'));
  for (const policy of ['externalTrafficPolicy', 'internalTrafficPolicy']) {
    const v = spec[policy];
    if (v !== undefined && v !== 'Cluster' && v !== 'Local') {
      out.push(cause.notSupported(`spec.${policy}`, v, ['Cluster', 'Local']));
    }
  }
  if (spec.externalTrafficPolicy !== undefined && spec.type !== 'NodePort' && spec.type !== 'LoadBalancer') {
    out.push(
      cause.invalid(
        'spec.externalTrafficPolicy',
        spec.externalTrafficPolicy,
        'may only be set for externally-accessible services',
      ),
    );
  }
  return out;
}

/** patchAllocatedValues: a replace that leaves out what the server allocated keeps it. */
function keepAllocated(svc: KubeObject, old: KubeObject): void {
  const spec = (svc.spec ??= {}) as Json;
  if (spec.type === 'ExternalName' || old.spec?.type === 'ExternalName') return;
  if (spec.clusterIP === undefined || spec.clusterIP === '') {
    spec.clusterIP = old.spec?.clusterIP;
    if (spec.clusterIPs === undefined) spec.clusterIPs = old.spec?.clusterIPs;
  }
  spec.ipFamilies ??= old.spec?.ipFamilies;
  spec.ipFamilyPolicy ??= old.spec?.ipFamilyPolicy;
  if (usesNodePorts(svc)) {
    const previous = new Map(ports(old).map((p) => [`${String(p.port)}/${String(p.protocol)}`, p.nodePort]));
    for (const p of ports(svc)) {
      if (p.nodePort === undefined || p.nodePort === 0)
        p.nodePort = previous.get(`${String(p.port)}/${String(p.protocol)}`);
    }
  }
}

export const serviceStrategy: KindStrategy = {
  defaults: defaultService,
  prepareForCreate(svc, env) {
    delete svc.status;
    svc.status = { loadBalancer: {} };
    if (validateAllocation(svc, env).length === 0) allocate(svc, env);
  },
  prepareForUpdate(svc, old, env) {
    keepAllocated(svc, old);
    if (validateAllocation(svc, env, old).length === 0) allocate(svc, env);
  },
  validate: (svc, env) => [...validateService(svc), ...validateAllocation(svc, env)],
  validateUpdate(svc, old) {
    const was = old.spec?.clusterIP;
    const now = svc.spec?.clusterIP;
    const changesType = (old.spec?.type === 'ExternalName') !== (svc.spec?.type === 'ExternalName');
    if (!changesType && was !== undefined && was !== '' && !isDeepStrictEqual(now, was)) {
      return [cause.invalid('spec.clusterIPs[0]', svc.spec?.clusterIPs ?? [now], 'may not change once set')];
    }
    return [];
  },
};
