// Objects a real API server creates for itself at every start (its post-start hooks), whatever the stored state:
// the system PriorityClasses (pkg/apis/scheduling SystemPriorityClasses, bootstrapped by the scheduling storage),
// the bootstrap RBAC policy, and the `kubernetes` Service with its Endpoints in `default`.

import type { ClusterApi, KubeObject, ObjectMeta } from '../types.js';
import { bootstrapRbac } from './bootstrap-rbac.js';

type NewObject = Omit<KubeObject, 'metadata'> & { metadata: Partial<ObjectMeta> };

export const SYSTEM_NODE_CRITICAL = 2_000_001_000;
export const SYSTEM_CLUSTER_CRITICAL = 2_000_000_000;

export function systemPriorityClasses(): NewObject[] {
  const pc = (name: string, value: number, description: string): NewObject => ({
    apiVersion: 'scheduling.k8s.io/v1',
    kind: 'PriorityClass',
    metadata: { name },
    value,
    globalDefault: false,
    description,
  });
  return [
    pc(
      'system-node-critical',
      SYSTEM_NODE_CRITICAL,
      'Used for system critical pods that must not be moved from their current node.',
    ),
    pc(
      'system-cluster-critical',
      SYSTEM_CLUSTER_CRITICAL,
      'Used for system critical pods that must run in the cluster, but can be moved to another node if necessary.',
    ),
  ];
}

const RESOURCE_OF: Record<string, string> = {
  ClusterRole: 'clusterroles',
  ClusterRoleBinding: 'clusterrolebindings',
  PriorityClass: 'priorityclasses',
};

/** The `kubernetes` Service (the first address of the service range) and its Endpoints: this API server. */
function kubernetesService(port: number): [NewObject, NewObject] {
  const labels = { component: 'apiserver', provider: 'kubernetes' };
  return [
    {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'kubernetes', namespace: 'default', labels },
      spec: {
        type: 'ClusterIP',
        clusterIP: '10.96.0.1',
        ports: [{ name: 'https', port: 443, protocol: 'TCP', targetPort: port }],
        sessionAffinity: 'None',
      },
    },
    {
      apiVersion: 'v1',
      kind: 'Endpoints',
      metadata: {
        name: 'kubernetes',
        namespace: 'default',
        labels: { 'endpointslice.kubernetes.io/skip-mirror': 'true' },
      },
      subsets: [{ addresses: [{ ip: '127.0.0.1' }], ports: [{ name: 'https', port, protocol: 'TCP' }] }],
    },
  ];
}

/** The namespaces the API server's bootstrap controller keeps. */
export const SYSTEM_NAMESPACES = ['default', 'kube-system', 'kube-public', 'kube-node-lease'];

/** Creates what is missing; existing objects (restored from --data) stay as they are. */
export function bootstrapCluster(api: ClusterApi, opts: { apiPort?: number } = {}): void {
  for (const name of SYSTEM_NAMESPACES) {
    if (!api.get('namespaces', undefined, name))
      api.create('namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name } });
  }
  for (const o of [...systemPriorityClasses(), ...bootstrapRbac()]) {
    const resource = RESOURCE_OF[o.kind] ?? '';
    if (!api.get(resource, undefined, o.metadata.name ?? '')) api.create(resource, o);
  }
  if (opts.apiPort !== undefined) {
    const [service, endpoints] = kubernetesService(opts.apiPort);
    if (!api.get('services', 'default', 'kubernetes')) api.create('services', service);
    if (!api.get('endpoints', 'default', 'kubernetes')) api.create('endpoints', endpoints);
  }
}
