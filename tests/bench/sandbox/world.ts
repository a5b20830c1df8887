// The bench's DaemonSets: plain, realistic objects in many namespaces, with a settled status block the bench writes
// itself (the sandbox's controllers are paused, so nothing else touches them). Names are unique across namespaces so
// a watch line or a table row identifies its DaemonSet by name alone.
import type { ClusterApi, KubeObject } from '../../../electron/sandbox-cluster/index.js';

export const BENCH_LABEL = 'bench.everynode.dev/set';

export function benchName(index: number): string {
  return `ds-${String(index).padStart(5, '0')}`;
}

export function benchNamespace(index: number, namespaces: number): string {
  return `bench-${String(index % namespaces).padStart(3, '0')}`;
}

export function benchKey(index: number, namespaces: number): string {
  return `${benchNamespace(index, namespaces)}/${benchName(index)}`;
}

export type NewObject = Parameters<ClusterApi['create']>[1];

export function daemonSet(name: string, namespace: string, setLabel = 'cold-list'): NewObject {
  const labels = { 'app.kubernetes.io/name': name, [BENCH_LABEL]: setLabel };
  return {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: {
      name,
      namespace,
      labels,
      annotations: { 'kubesphere.io/description': `Bench agent ${name}` },
    },
    spec: {
      selector: { matchLabels: { 'app.kubernetes.io/name': name } },
      updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1, maxSurge: 0 } },
      template: {
        metadata: { labels },
        spec: {
          tolerations: [{ operator: 'Exists' }],
          nodeSelector: { 'kubernetes.io/os': 'linux' },
          containers: [
            {
              name: 'agent',
              image: `registry.example.com/agents/${name}:1.0.0`,
              args: ['--metrics', '--log-level=info'],
              resources: { requests: { cpu: '20m', memory: '32Mi' }, limits: { memory: '64Mi' } },
            },
          ],
        },
      },
    },
  };
}

/** A settled status: every count equals `count`, as a DaemonSet on `count` nodes that finished its rollout. */
export function settledStatus(object: KubeObject, count: number): Record<string, unknown> {
  return {
    observedGeneration: object.metadata.generation ?? 1,
    desiredNumberScheduled: count,
    currentNumberScheduled: count,
    numberReady: count,
    numberAvailable: count,
    updatedNumberScheduled: count,
    numberMisscheduled: 0,
  };
}

export const INITIAL_COUNT = 3;

/** Creates `count` DaemonSets across `namespaces` namespaces and writes their status. */
export function seedDaemonSets(api: ClusterApi, count: number, namespaces: number): void {
  for (let n = 0; n < Math.min(namespaces, count); n++) {
    const name = benchNamespace(n, namespaces);
    if (!api.get('namespaces', undefined, name)) {
      api.create('namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name } });
    }
  }
  for (let i = 0; i < count; i++) {
    const created = api.create('daemonsets', daemonSet(benchName(i), benchNamespace(i, namespaces)));
    api.updateStatus('daemonsets', { ...created, status: settledStatus(created, INITIAL_COUNT) });
  }
}
