import type { DaemonSetRow } from '../../../electron/contract/dto';

type RowOverrides = Omit<Partial<DaemonSetRow>, 'status'> & { status?: Partial<DaemonSetRow['status']> };

/** A settled, healthy RollingUpdate DaemonSet on 3 nodes; tests change what they are about. */
export function row(name: string, overrides: RowOverrides = {}): DaemonSetRow {
  const namespace = overrides.namespace ?? 'default';
  const { status, ...rest } = overrides;
  return {
    key: `${namespace}/${name}`,
    namespace,
    name,
    uid: `uid-${name}`,
    labels: { app: name },
    createdAt: '2026-01-01T00:00:00Z',
    generation: 2,
    observedGeneration: 2,
    strategy: { type: 'RollingUpdate', maxUnavailable: 1 },
    minReadySeconds: 0,
    images: [`registry.example/${name}:1.0`],
    nodeSelector: {},
    selector: { app: name },
    podIssues: [],
    ...rest,
    status: { desired: 3, current: 3, ready: 3, available: 3, updated: 3, misscheduled: 0, unavailable: 0, ...status },
  };
}
