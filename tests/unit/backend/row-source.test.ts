// The list page's projection: rows from projected DaemonSets equal rows from whole ones, and the heavy parts are gone.
import type { DaemonSetObject } from '../../../electron/backend/kinds/objects.js';
import { describe, expect, it } from 'vitest';
import { projectDaemonSet } from '../../../electron/backend/kinds/daemonset-row.js';
import { isSettled, selectorString, toRow } from '../../../electron/backend/resources/rows.js';

/** A DaemonSet as a real API server sends it (JSON), with what kubectl apply and server-side apply leave on it. */
function apiDaemonSet(strategy: Record<string, unknown>, status: Record<string, unknown>): Record<string, unknown> {
  return {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: {
      name: 'fluent-bit',
      namespace: 'logging',
      uid: 'u-1',
      resourceVersion: '4711',
      generation: 3,
      creationTimestamp: '2026-01-02T03:04:05Z',
      labels: { app: 'fluent-bit', tier: 'node' },
      annotations: {
        'kubesphere.io/alias-name': '日志采集',
        'kubesphere.io/description': 'Ships logs',
        'kubectl.kubernetes.io/last-applied-configuration': JSON.stringify({ spec: { x: 'y'.repeat(4000) } }),
        'deprecated.daemonset.template.generation': '3',
      },
      managedFields: [{ manager: 'kubectl', operation: 'Apply', fieldsV1: { 'f:spec': { 'f:x': {} } } }],
    },
    spec: {
      selector: {
        matchLabels: { app: 'fluent-bit' },
        matchExpressions: [{ key: 'tier', operator: 'In', values: ['node', 'edge'] }],
      },
      minReadySeconds: 10,
      revisionHistoryLimit: 10,
      updateStrategy: strategy,
      template: {
        metadata: { labels: { app: 'fluent-bit', tier: 'node' } },
        spec: {
          nodeSelector: { 'kubernetes.io/os': 'linux' },
          tolerations: [{ operator: 'Exists' }],
          volumes: [{ name: 'varlog', hostPath: { path: '/var/log' } }],
          containers: [
            { name: 'fluent-bit', image: 'fluent/fluent-bit:3.0', env: [{ name: 'A', value: 'b' }], args: ['-c'] },
            { name: 'sidecar', image: 'busybox:1.36', resources: { limits: { cpu: '100m' } } },
          ],
        },
      },
    },
    status,
  };
}

const cases = [
  apiDaemonSet(
    { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '10%', maxSurge: 0 } },
    {
      observedGeneration: 3,
      desiredNumberScheduled: 6,
      currentNumberScheduled: 6,
      numberReady: 5,
      numberAvailable: 5,
      updatedNumberScheduled: 4,
      numberMisscheduled: 0,
      numberUnavailable: 1,
    },
  ),
  apiDaemonSet(
    { type: 'OnDelete' },
    {
      observedGeneration: 3,
      desiredNumberScheduled: 2,
      currentNumberScheduled: 2,
      numberReady: 2,
      numberAvailable: 2,
      updatedNumberScheduled: 1,
      numberMisscheduled: 0,
    },
  ),
  apiDaemonSet({ type: 'RollingUpdate' }, {}),
];

describe('projectDaemonSet', () => {
  it.each(cases.map((c, i) => [i, c] as const))('gives the same row, settled state and selector (%i)', (_, raw) => {
    // The same object whole, as the watch delivers it to code that reads every field.
    const whole = structuredClone(raw) as DaemonSetObject;
    const projected = projectDaemonSet(raw);
    expect(projected).toBeDefined();
    if (!projected) return;
    expect(toRow(projected, [])).toEqual(toRow(whole, []));
    expect(isSettled(projected)).toBe(isSettled(whole));
    expect(selectorString(projected.spec?.selector)).toBe(selectorString(whole.spec?.selector));
    expect(selectorString(projected.spec?.selector)).toBe('app=fluent-bit,tier in (node,edge)');
    expect(projected.metadata?.resourceVersion).toBe('4711');
  });

  it('drops managedFields, last-applied-configuration and the pod template beyond images and node selector', () => {
    const raw = cases[0];
    const projected = projectDaemonSet(raw);
    const json = JSON.stringify(projected);
    expect(json).not.toContain('managedFields');
    expect(json).not.toContain('last-applied-configuration');
    expect(json).not.toContain('tolerations');
    expect(json).not.toContain('varlog');
    expect(json).not.toContain('"env"');
    expect(json.length).toBeLessThan(JSON.stringify(raw).length / 5);
  });

  it('refuses what is not an object with metadata', () => {
    expect(projectDaemonSet(null)).toBeUndefined();
    expect(projectDaemonSet('x')).toBeUndefined();
    expect(projectDaemonSet({ spec: {} })).toBeUndefined();
  });
});
