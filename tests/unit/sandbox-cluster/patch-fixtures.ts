// Objects the patch tests start from: a stored DaemonSet as the sandbox keeps it.
import type { KubeObject } from '../../../electron/sandbox-cluster/types.js';

export const NOW = '2026-01-02T03:04:05Z';

export function daemonSet(containers: Record<string, unknown>[], extra: Record<string, unknown> = {}): KubeObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: {
      name: 'agent',
      namespace: 'team-a',
      uid: 'u-1',
      resourceVersion: '7',
      creationTimestamp: '2026-01-01T00:00:00Z',
      labels: { app: 'agent' },
      finalizers: ['a', 'b', 'c'],
    },
    spec: {
      selector: { matchLabels: { app: 'agent' } },
      template: {
        metadata: { labels: { app: 'agent' } },
        spec: { containers, ...extra },
      },
    },
    status: { currentNumberScheduled: 0, desiredNumberScheduled: 0, numberMisscheduled: 0, numberReady: 0 },
  };
}

export function containersOf(object: KubeObject): Record<string, unknown>[] {
  return object.spec.template.spec.containers as Record<string, unknown>[];
}
