import type { DaemonSetObject } from '../../../electron/backend/kinds/objects.js';
import { describe, expect, it } from 'vitest';
import { isSettled, selectorString, toRow } from '../../../electron/backend/resources/rows.js';

function daemonSet(
  overrides: {
    spec?: Partial<NonNullable<DaemonSetObject['spec']>>;
    status?: DaemonSetObject['status'];
    generation?: number;
  } = {},
): DaemonSetObject {
  return {
    metadata: {
      name: 'node-exporter',
      namespace: 'monitoring',
      uid: 'uid-1',
      generation: overrides.generation ?? 2,
      creationTimestamp: '2026-01-02T03:04:05Z',
      labels: { app: 'node-exporter' },
      annotations: { 'kubesphere.io/alias-name': '节点导出器', 'kubesphere.io/description': 'Host metrics' },
    },
    spec: {
      selector: { matchLabels: { app: 'node-exporter' } },
      minReadySeconds: 5,
      updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '10%' } },
      template: {
        metadata: { labels: { app: 'node-exporter' } },
        spec: {
          nodeSelector: { 'kubernetes.io/os': 'linux' },
          containers: [
            { name: 'a', image: 'prom/node-exporter:v1.8.0' },
            { name: 'b', image: 'busybox:1.36' },
            { name: 'c', image: 'busybox:1.36' },
          ],
        },
      },
      ...overrides.spec,
    },
    status: overrides.status ?? {
      observedGeneration: 2,
      desiredNumberScheduled: 3,
      currentNumberScheduled: 3,
      numberReady: 3,
      numberAvailable: 3,
      updatedNumberScheduled: 3,
      numberMisscheduled: 0,
    },
  };
}

describe('toRow', () => {
  it('maps identity, annotations, template and every status count', () => {
    const row = toRow(daemonSet(), [{ reason: 'ErrImagePull', nodes: ['n1'] }]);
    expect(row).toEqual({
      key: 'monitoring/node-exporter',
      namespace: 'monitoring',
      name: 'node-exporter',
      uid: 'uid-1',
      alias: '节点导出器',
      description: 'Host metrics',
      labels: { app: 'node-exporter' },
      createdAt: '2026-01-02T03:04:05Z',
      generation: 2,
      observedGeneration: 2,
      strategy: { type: 'RollingUpdate', maxUnavailable: '10%', maxSurge: 0 },
      minReadySeconds: 5,
      images: ['prom/node-exporter:v1.8.0', 'busybox:1.36'],
      nodeSelector: { 'kubernetes.io/os': 'linux' },
      selector: { app: 'node-exporter' },
      status: { desired: 3, current: 3, ready: 3, available: 3, updated: 3, misscheduled: 0, unavailable: 0 },
      podIssues: [{ reason: 'ErrImagePull', nodes: ['n1'] }],
    });
  });

  it('maps a brand-new DaemonSet with an empty status to zero counts and no observedGeneration', () => {
    const row = toRow(daemonSet({ status: {} as DaemonSetObject['status'], generation: 1 }));
    expect(row.status).toEqual({
      desired: 0,
      current: 0,
      ready: 0,
      available: 0,
      updated: 0,
      misscheduled: 0,
      unavailable: 0,
    });
    expect(row.observedGeneration).toBeUndefined();
  });

  it('counts pods on an old revision for OnDelete from the updated shortfall', () => {
    const row = toRow(
      daemonSet({
        spec: { updateStrategy: { type: 'OnDelete' } },
        status: {
          observedGeneration: 2,
          desiredNumberScheduled: 5,
          currentNumberScheduled: 5,
          numberReady: 5,
          numberAvailable: 5,
          updatedNumberScheduled: 2,
          numberMisscheduled: 0,
        },
      }),
    );
    expect(row.strategy).toEqual({ type: 'OnDelete' });
    expect(row.oldRevisionPods).toBe(3);
    expect(toRow(daemonSet()).oldRevisionPods).toBeUndefined();
  });
});

describe('isSettled', () => {
  const status = (s: Partial<NonNullable<DaemonSetObject['status']>>): DaemonSetObject['status'] => ({
    observedGeneration: 2,
    desiredNumberScheduled: 3,
    currentNumberScheduled: 3,
    numberReady: 3,
    numberAvailable: 3,
    updatedNumberScheduled: 3,
    numberMisscheduled: 0,
    ...s,
  });

  it('follows the status rules of product.md', () => {
    expect(isSettled(daemonSet())).toBe(true);
    expect(isSettled(daemonSet({ status: status({ observedGeneration: 1 }) }))).toBe(false);
    expect(isSettled(daemonSet({ status: {} as DaemonSetObject['status'] }))).toBe(false);
    expect(isSettled(daemonSet({ status: status({ desiredNumberScheduled: 0, numberAvailable: 0 }) }))).toBe(true);
    expect(isSettled(daemonSet({ status: status({ numberAvailable: 2 }) }))).toBe(false);
    expect(isSettled(daemonSet({ status: status({ numberMisscheduled: 1 }) }))).toBe(false);
    expect(isSettled(daemonSet({ status: status({ updatedNumberScheduled: 1 }) }))).toBe(false);
    // OnDelete: pods on an old revision do not make it Updating.
    expect(
      isSettled(
        daemonSet({ spec: { updateStrategy: { type: 'OnDelete' } }, status: status({ updatedNumberScheduled: 1 }) }),
      ),
    ).toBe(true);
  });
});

describe('selectorString', () => {
  it('writes matchLabels and every matchExpressions operator as kubectl does', () => {
    expect(
      selectorString({
        matchLabels: { app: 'x', tier: 'node' },
        matchExpressions: [
          { key: 'env', operator: 'In', values: ['a', 'b'] },
          { key: 'zone', operator: 'NotIn', values: ['z'] },
          { key: 'has', operator: 'Exists' },
          { key: 'not', operator: 'DoesNotExist' },
        ],
      }),
    ).toBe('app=x,tier=node,env in (a,b),zone notin (z),has,!not');
  });
});
