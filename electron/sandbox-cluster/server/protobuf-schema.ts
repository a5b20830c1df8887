// Field numbers of the Kubernetes protobuf messages typed clients send to the sandbox (k8s.io/api generated.proto),
// as small specs a generic decoder walks: kubectl's `create <kind>` generators (ServiceAccount, PriorityClass, RBAC,
// PodDisruptionBudget, Service, Deployment), DeleteOptions (kubectl drain, pod deletes) and Eviction. Fields these
// clients never set are not listed, and a field not listed is not read.
import { ProtoMessage } from './protobuf-wire.js';

type Json = Record<string, unknown>;

/** A field's type: a scalar, a message spec, `[spec]` for repeated, `{ map: valueType }` for map<string, V>. */
type FieldType = 'string' | 'int' | 'bool' | 'quantity' | 'intstr' | Spec | [FieldType] | { map: FieldType };
type Spec = Record<number, [string, FieldType]>;

const LABEL_SELECTOR: Spec = {
  1: ['matchLabels', { map: 'string' }],
  2: ['matchExpressions', [{ 1: ['key', 'string'], 2: ['operator', 'string'], 3: ['values', ['string']] }]],
};
const OBJECT_REFERENCE: Spec = {
  1: ['kind', 'string'],
  2: ['namespace', 'string'],
  3: ['name', 'string'],
  4: ['uid', 'string'],
  5: ['apiVersion', 'string'],
  6: ['resourceVersion', 'string'],
  7: ['fieldPath', 'string'],
};
const LOCAL_REFERENCE: Spec = { 1: ['name', 'string'] };
const POLICY_RULE: Spec = {
  1: ['verbs', ['string']],
  2: ['apiGroups', ['string']],
  3: ['resources', ['string']],
  4: ['resourceNames', ['string']],
  5: ['nonResourceURLs', ['string']],
};
const SUBJECT: Spec = {
  1: ['kind', 'string'],
  2: ['apiGroup', 'string'],
  3: ['name', 'string'],
  4: ['namespace', 'string'],
};
const ROLE_REF: Spec = { 1: ['apiGroup', 'string'], 2: ['kind', 'string'], 3: ['name', 'string'] };
const CONTAINER: Spec = {
  1: ['name', 'string'],
  2: ['image', 'string'],
  3: ['command', ['string']],
  4: ['args', ['string']],
  6: [
    'ports',
    [{ 1: ['name', 'string'], 2: ['hostPort', 'int'], 3: ['containerPort', 'int'], 4: ['protocol', 'string'] }],
  ],
  7: ['env', [{ 1: ['name', 'string'], 2: ['value', 'string'] }]],
  8: ['resources', { 1: ['limits', { map: 'quantity' }], 2: ['requests', { map: 'quantity' }] }],
  14: ['imagePullPolicy', 'string'],
};
const POD_SPEC: Spec = {
  2: ['containers', [CONTAINER]],
  3: ['restartPolicy', 'string'],
  7: ['nodeSelector', { map: 'string' }],
  8: ['serviceAccountName', 'string'],
  20: ['initContainers', [CONTAINER]],
  24: ['priorityClassName', 'string'],
};
const OBJECT_META_LITE: Spec = {
  1: ['name', 'string'],
  11: ['labels', { map: 'string' }],
  12: ['annotations', { map: 'string' }],
};

/** Bodies of the kinds, keyed by resource; field 1 (metadata) is read by the caller. */
export const OBJECT_SPECS: Record<string, Spec> = {
  serviceaccounts: {
    2: ['secrets', [OBJECT_REFERENCE]],
    3: ['imagePullSecrets', [LOCAL_REFERENCE]],
    4: ['automountServiceAccountToken', 'bool'],
  },
  priorityclasses: {
    2: ['value', 'int'],
    3: ['globalDefault', 'bool'],
    4: ['description', 'string'],
    5: ['preemptionPolicy', 'string'],
  },
  roles: { 2: ['rules', [POLICY_RULE]] },
  clusterroles: {
    2: ['rules', [POLICY_RULE]],
    3: ['aggregationRule', { 1: ['clusterRoleSelectors', [LABEL_SELECTOR]] }],
  },
  rolebindings: { 2: ['subjects', [SUBJECT]], 3: ['roleRef', ROLE_REF] },
  clusterrolebindings: { 2: ['subjects', [SUBJECT]], 3: ['roleRef', ROLE_REF] },
  poddisruptionbudgets: {
    2: [
      'spec',
      {
        1: ['minAvailable', 'intstr'],
        2: ['selector', LABEL_SELECTOR],
        3: ['maxUnavailable', 'intstr'],
        4: ['unhealthyPodEvictionPolicy', 'string'],
      },
    ],
  },
  services: {
    2: [
      'spec',
      {
        1: [
          'ports',
          [
            {
              1: ['name', 'string'],
              2: ['protocol', 'string'],
              3: ['port', 'int'],
              4: ['targetPort', 'intstr'],
              5: ['nodePort', 'int'],
              6: ['appProtocol', 'string'],
            },
          ],
        ],
        2: ['selector', { map: 'string' }],
        3: ['clusterIP', 'string'],
        4: ['type', 'string'],
        10: ['externalName', 'string'],
      },
    ],
  },
  deployments: {
    2: [
      'spec',
      {
        1: ['replicas', 'int'],
        2: ['selector', LABEL_SELECTOR],
        3: ['template', { 1: ['metadata', OBJECT_META_LITE], 2: ['spec', POD_SPEC] }],
        4: ['strategy', { 1: ['type', 'string'] }],
      },
    ],
  },
};

const PRECONDITIONS: Spec = { 1: ['uid', 'string'], 2: ['resourceVersion', 'string'] };
export const DELETE_OPTIONS: Spec = {
  1: ['gracePeriodSeconds', 'int'],
  2: ['preconditions', PRECONDITIONS],
  3: ['orphanDependents', 'bool'],
  4: ['propagationPolicy', 'string'],
  5: ['dryRun', ['string']],
};

/** Go writes an int64 varint as its two's complement; small negatives come back as huge numbers. */
function signed(n: number): number {
  return n >= 2 ** 63 ? n - 2 ** 64 : n;
}

function scalar(m: ProtoMessage, n: number, type: FieldType): unknown {
  if (type === 'string') return m.str(n);
  if (type === 'int') {
    const v = m.varint(n);
    return v === undefined ? undefined : signed(v);
  }
  if (type === 'bool') return m.varint(n) === undefined ? undefined : m.varint(n) === 1;
  if (type === 'quantity') return m.sub(n)?.str(1);
  if (type === 'intstr') {
    const v = m.sub(n);
    if (!v) return undefined;
    return v.varint(1) === 1 ? (v.str(3) ?? '') : signed(v.varint(2) ?? 0);
  }
  return undefined;
}

function valueOf(entry: ProtoMessage, type: FieldType): unknown {
  // Map entries carry the value in field 2; messages are read from the same position.
  if (typeof type === 'string') return scalar(entry, 2, type);
  if (Array.isArray(type) || 'map' in type) return undefined;
  const sub = entry.sub(2);
  return sub ? decodeMessage(sub, type as Spec) : {};
}

/** Decodes a message by its spec into the JSON shape, leaving out what was not sent. */
export function decodeMessage(m: ProtoMessage, spec: Spec): Json {
  const out: Json = {};
  for (const [key, [name, type]] of Object.entries(spec)) {
    const n = Number(key);
    let value: unknown;
    if (typeof type === 'string') value = scalar(m, n, type);
    else if (Array.isArray(type)) {
      const item = type[0];
      value =
        typeof item === 'string' ? m.strings(n) : m.all(n).map((b) => decodeMessage(new ProtoMessage(b), item as Spec));
      if ((value as unknown[]).length === 0) value = undefined;
    } else if ('map' in type) value = m.map(n, (entry) => valueOf(entry, type.map as FieldType));
    else {
      const sub = m.sub(n);
      value = sub ? decodeMessage(sub, type as Spec) : undefined;
    }
    if (value !== undefined) out[name] = value;
  }
  return out;
}
