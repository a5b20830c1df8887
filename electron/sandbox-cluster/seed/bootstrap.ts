// Objects a real API server creates for itself at every start (its post-start hooks), whatever the stored state:
// the system PriorityClasses (pkg/apis/scheduling SystemPriorityClasses, bootstrapped by the scheduling storage).

import type { ClusterApi, KubeObject, ObjectMeta } from '../types.js';

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

/** Creates what is missing; existing objects (restored from --data) stay as they are. */
export function bootstrapCluster(api: ClusterApi): void {
  for (const pc of systemPriorityClasses()) {
    if (!api.get('priorityclasses', undefined, pc.metadata.name ?? '')) api.create('priorityclasses', pc);
  }
}
