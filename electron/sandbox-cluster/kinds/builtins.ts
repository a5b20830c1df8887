// Every built-in kind the sandbox serves, groups in the order a real API server lists them in discovery.
import { APPS_KINDS } from './apps.js';
import { CLUSTER_KINDS } from './cluster-kinds.js';
import { CORE_KINDS } from './core.js';
import type { KindDescriptor } from './descriptor.js';
import { EVENTS_KIND, REVIEW_KINDS } from './events-reviews.js';
import { POLICY_NETWORKING_KINDS } from './policy-networking.js';
import { RBAC_KINDS } from './rbac.js';
import { CRD_KIND } from './crd.js';
import { METRICS_KINDS } from '../metrics/api.js';

const ORDER = [
  '',
  'apps',
  'events.k8s.io',
  'authentication.k8s.io',
  'authorization.k8s.io',
  'networking.k8s.io',
  'policy',
  'rbac.authorization.k8s.io',
  'storage.k8s.io',
  'admissionregistration.k8s.io',
  'apiextensions.k8s.io',
  'scheduling.k8s.io',
  'coordination.k8s.io',
  'discovery.k8s.io',
  // Aggregated APIs come last, as kube-aggregator lists them.
  'metrics.k8s.io',
];

export function builtinKinds(): KindDescriptor[] {
  const all = [
    ...CORE_KINDS,
    ...APPS_KINDS,
    EVENTS_KIND,
    ...REVIEW_KINDS,
    ...POLICY_NETWORKING_KINDS,
    ...RBAC_KINDS,
    ...CLUSTER_KINDS,
    CRD_KIND,
    ...METRICS_KINDS,
  ];
  return [...all].sort((a, b) => ORDER.indexOf(a.group) - ORDER.indexOf(b.group));
}
