// policy (PodDisruptionBudget, with pods/eviction consulting it) and networking.k8s.io (NetworkPolicy, Ingress,
// IngressClass), after pkg/apis/policy/validation and pkg/apis/networking/validation.
import { isDeepStrictEqual } from 'node:util';
import type { FieldCause } from '../errors.js';
import { validateIntOrPercent, validateSelector } from '../registry/daemonsets.js';
import { cause, validateLabels } from '../registry/validation.js';
import * as columns from './columns.js';
import { builtin, type KindDescriptor, type KindStrategy } from './descriptor.js';

type Json = Record<string, unknown>;
const POLICY = { group: 'policy', version: 'v1', prefix: 'io.k8s.api.policy.v1' };
const NETWORKING = { group: 'networking.k8s.io', version: 'v1', prefix: 'io.k8s.api.networking.v1' };
const arr = (v: unknown): Json[] => (Array.isArray(v) ? (v as Json[]) : []);

/** How Go prints a pointer field inside `%#v` of a struct (the address is the process's; any stable one reads alike). */
function goPointer(type: string, value: unknown, n: number): string {
  return value === undefined || value === null
    ? `(*${type})(nil)`
    : `(*${type})(0xc000${(0x10000 + n * 0x20).toString(16)})`;
}

function percentAtMost100(value: unknown, field: string): FieldCause[] {
  if (typeof value !== 'string') return [];
  const m = /^(\d+)%$/.exec(value);
  return m && Number(m[1]) > 100 ? [cause.invalid(field, value, 'must not be greater than 100%')] : [];
}

export function validatePdbSpec(spec: Json): FieldCause[] {
  const out: FieldCause[] = [];
  if (spec.minAvailable !== undefined && spec.maxUnavailable !== undefined) {
    const rendered = `policy.PodDisruptionBudgetSpec{MinAvailable:${goPointer('intstr.IntOrString', spec.minAvailable, 0)}, Selector:${goPointer('v1.LabelSelector', spec.selector, 1)}, MaxUnavailable:${goPointer('intstr.IntOrString', spec.maxUnavailable, 2)}, UnhealthyPodEvictionPolicy:${goPointer('policy.UnhealthyPodEvictionPolicyType', spec.unhealthyPodEvictionPolicy, 3)}}`;
    out.push(cause.invalidRendered('spec', rendered, 'minAvailable and maxUnavailable cannot be both set'));
  }
  for (const f of ['minAvailable', 'maxUnavailable']) {
    if (spec[f] === undefined) continue;
    out.push(...validateIntOrPercent(spec[f], `spec.${f}`));
    if (out.length === 0) out.push(...percentAtMost100(spec[f], `spec.${f}`));
  }
  if (spec.selector !== undefined && spec.selector !== null) {
    out.push(
      ...validateSelector(spec.selector, 'poddisruptionbudget').filter((c) => !c.message.includes('empty selector')),
    );
  }
  const policy = spec.unhealthyPodEvictionPolicy;
  if (policy !== undefined && policy !== 'AlwaysAllow' && policy !== 'IfHealthyBudget') {
    out.push(cause.notSupported('spec.unhealthyPodEvictionPolicy', policy, ['AlwaysAllow', 'IfHealthyBudget']));
  }
  return out;
}

const pdbStrategy: KindStrategy = {
  prepareForCreate(pdb) {
    pdb.status = { currentHealthy: 0, desiredHealthy: 0, disruptionsAllowed: 0, expectedPods: 0 };
  },
  validate: (pdb) => validatePdbSpec((pdb.spec ?? {}) as Json),
};

function validatePeers(peers: Json[], path: string): FieldCause[] {
  const out: FieldCause[] = [];
  peers.forEach((peer, i) => {
    const p = `${path}[${i}]`;
    const set = ['podSelector', 'namespaceSelector', 'ipBlock'].filter((k) => peer[k] !== undefined);
    if (set.length === 0) out.push(cause.required(p, 'must specify a peer'));
    if (peer.ipBlock !== undefined && set.length > 1)
      out.push(cause.forbidden(p, 'may not specify more than 1 peer type'));
    const block = peer.ipBlock as Json | undefined;
    if (block) {
      if (typeof block.cidr !== 'string' || block.cidr === '') out.push(cause.required(`${p}.ipBlock.cidr`));
      else if (!/^\d{1,3}(\.\d{1,3}){3}\/\d{1,2}$/.test(block.cidr) && !block.cidr.includes(':'))
        out.push(
          cause.invalid(
            `${p}.ipBlock.cidr`,
            block.cidr,
            'must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)',
          ),
        );
    }
    for (const sel of ['podSelector', 'namespaceSelector']) {
      const s = peer[sel] as Json | undefined;
      if (s) out.push(...validateLabels(s.matchLabels, `${p}.${sel}.matchLabels`));
    }
  });
  return out;
}

function validatePolicyPorts(ports: Json[], path: string): FieldCause[] {
  const out: FieldCause[] = [];
  ports.forEach((port, i) => {
    const p = `${path}[${i}]`;
    if (port.protocol !== undefined && !['TCP', 'UDP', 'SCTP'].includes(String(port.protocol)))
      out.push(cause.notSupported(`${p}.protocol`, port.protocol, ['SCTP', 'TCP', 'UDP']));
    if (typeof port.port === 'number' && (port.port < 1 || port.port > 65535))
      out.push(cause.invalid(`${p}.port`, port.port, 'must be between 1 and 65535, inclusive'));
    if (port.endPort !== undefined) {
      if (typeof port.port !== 'number')
        out.push(cause.required(`${p}.port`, 'must be specified when endPort is specified'));
      else if (typeof port.endPort === 'number' && port.endPort < port.port)
        out.push(cause.invalid(`${p}.endPort`, port.endPort, 'must be greater than or equal to `port`'));
    }
  });
  return out;
}

const networkPolicyStrategy: KindStrategy = {
  defaults(np) {
    const spec = (np.spec ??= {}) as Json;
    spec.podSelector ??= {};
    if (spec.policyTypes === undefined) {
      spec.policyTypes = spec.egress !== undefined ? ['Ingress', 'Egress'] : ['Ingress'];
    }
    for (const rule of [...arr(spec.ingress), ...arr(spec.egress)])
      for (const port of arr(rule.ports)) port.protocol ??= 'TCP';
  },
  validate(np) {
    const spec = (np.spec ?? {}) as Json;
    const out = validateLabels((spec.podSelector as Json | undefined)?.matchLabels, 'spec.podSelector.matchLabels');
    arr(spec.ingress).forEach((r, i) => {
      out.push(...validatePolicyPorts(arr(r.ports), `spec.ingress[${i}].ports`));
      out.push(...validatePeers(arr(r.from), `spec.ingress[${i}].from`));
    });
    arr(spec.egress).forEach((r, i) => {
      out.push(...validatePolicyPorts(arr(r.ports), `spec.egress[${i}].ports`));
      out.push(...validatePeers(arr(r.to), `spec.egress[${i}].to`));
    });
    const types = Array.isArray(spec.policyTypes) ? (spec.policyTypes as unknown[]) : [];
    types.forEach((t, i) => {
      if (t !== 'Ingress' && t !== 'Egress')
        out.push(cause.notSupported(`spec.policyTypes[${i}]`, t, ['Egress', 'Ingress']));
    });
    return out;
  },
};

const PATH_TYPES = ['Exact', 'ImplementationSpecific', 'Prefix'];

function validateBackend(b: Json | undefined, path: string): FieldCause[] {
  if (!b) return [cause.required(path)];
  const out: FieldCause[] = [];
  const svc = b.service as Json | undefined;
  if (svc && b.resource) out.push(cause.invalid(path, '', 'cannot set both resource and service backends'));
  else if (!svc && !b.resource) out.push(cause.invalid(path, '', 'resource or service backend is required'));
  if (svc) {
    if (typeof svc.name !== 'string' || svc.name === '') out.push(cause.required(`${path}.service.name`));
    const port = (svc.port ?? {}) as Json;
    const hasName = typeof port.name === 'string' && port.name !== '';
    const hasNumber = typeof port.number === 'number' && port.number !== 0;
    if (hasName && hasNumber)
      out.push(cause.invalid(`${path}.service.port`, port.name, 'cannot set both port name & port number'));
    else if (!hasName && !hasNumber)
      out.push(cause.invalid(`${path}.service.port`, '', 'port name or number is required'));
    else if (hasNumber && ((port.number as number) < 1 || (port.number as number) > 65535))
      out.push(cause.invalid(`${path}.service.port.number`, port.number, 'must be between 1 and 65535, inclusive'));
  }
  return out;
}

const ingressStrategy: KindStrategy = {
  prepareForCreate(ing) {
    ing.status = { loadBalancer: {} };
  },
  validate(ing) {
    const spec = (ing.spec ?? {}) as Json;
    const out: FieldCause[] = [];
    const rules = arr(spec.rules);
    if (!spec.defaultBackend && rules.length === 0) {
      out.push(cause.invalid('spec', '', 'either `defaultBackend` or `rules` must be specified'));
    }
    if (spec.defaultBackend) out.push(...validateBackend(spec.defaultBackend as Json, 'spec.defaultBackend'));
    rules.forEach((rule, i) => {
      const base = `spec.rules[${i}]`;
      const host = rule.host;
      if (
        typeof host === 'string' &&
        host !== '' &&
        !/^(\*\.)?[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/.test(host)
      ) {
        out.push(
          cause.invalid(
            `${base}.host`,
            host,
            "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
          ),
        );
      }
      const http = rule.http as Json | undefined;
      if (!http) return;
      const paths = arr(http.paths);
      if (paths.length === 0) out.push(cause.required(`${base}.http.paths`));
      paths.forEach((p, j) => {
        const pp = `${base}.http.paths[${j}]`;
        if (p.pathType === undefined || p.pathType === '')
          out.push(cause.required(`${pp}.pathType`, 'pathType must be specified'));
        else if (!PATH_TYPES.includes(String(p.pathType)))
          out.push(cause.notSupported(`${pp}.pathType`, p.pathType, PATH_TYPES));
        else if (p.pathType !== 'ImplementationSpecific' && (typeof p.path !== 'string' || !p.path.startsWith('/')))
          out.push(cause.invalid(`${pp}.path`, p.path ?? '', 'must be an absolute path'));
        out.push(...validateBackend(p.backend as Json | undefined, `${pp}.backend`));
      });
    });
    return out;
  },
};

const ingressClassStrategy: KindStrategy = {
  validate(ic) {
    const controller = ic.spec?.controller;
    return typeof controller === 'string' && controller !== '' ? [] : [cause.required('spec.controller')];
  },
  validateUpdate(ic, old) {
    return isDeepStrictEqual(ic.spec?.controller, old.spec?.controller)
      ? []
      : [cause.invalid('spec.controller', ic.spec?.controller, 'field is immutable')];
  },
};

export const POLICY_NETWORKING_KINDS: KindDescriptor[] = [
  builtin(POLICY, 'PodDisruptionBudget', 'poddisruptionbudgets', {
    shortNames: ['pdb'],
    subresources: ['status'],
    generation: true,
    strategy: pdbStrategy,
    columns: columns.PDB_COLUMNS,
  }),
  builtin(NETWORKING, 'NetworkPolicy', 'networkpolicies', {
    shortNames: ['netpol'],
    generation: true,
    strategy: networkPolicyStrategy,
    columns: columns.NETWORK_POLICY_COLUMNS,
  }),
  builtin(NETWORKING, 'Ingress', 'ingresses', {
    shortNames: ['ing'],
    subresources: ['status'],
    generation: true,
    strategy: ingressStrategy,
    columns: columns.INGRESS_COLUMNS,
  }),
  builtin(NETWORKING, 'IngressClass', 'ingressclasses', {
    namespaced: false,
    strategy: ingressClassStrategy,
    columns: columns.INGRESS_CLASS_COLUMNS,
  }),
];
