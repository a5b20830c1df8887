import { describe, expect, it } from 'vitest';
import type { Pod } from '../../../electron/sandbox-cluster/controllers/kinds.js';
import { formatBytes, formatDecimal, parseQuantity } from '../../../electron/sandbox-cluster/apimachinery/quantity.js';
import { podAdmission } from '../../../electron/sandbox-cluster/controllers/pod-admission.js';
import { quotaUsage } from '../../../electron/sandbox-cluster/controllers/quota.js';
import { FakeApi } from './fake-api.js';

function pod(
  name: string,
  requests: Record<string, string>,
  extra: Partial<Pod['metadata']> = {},
  phase = 'Running',
): Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: 'q', uid: name, resourceVersion: '1', creationTimestamp: '', ...extra },
    spec: {
      containers: [
        { name: 'a', image: 'i', resources: { requests } },
        { name: 'b', image: 'i', resources: { requests } },
      ],
    },
    status: { phase },
  };
}

describe('quota usage', () => {
  it('parses and formats quantities canonically', () => {
    expect(parseQuantity('100m')).toBeCloseTo(0.1);
    expect(parseQuantity('1.5')).toBe(1.5);
    expect(parseQuantity('128Mi')).toBe(128 * 2 ** 20);
    expect(parseQuantity('1G')).toBe(1e9);
    expect(parseQuantity('2e3')).toBe(2000);
    expect(parseQuantity('12 apples')).toBeUndefined();
    expect(formatDecimal(1.5)).toBe('1500m');
    expect(formatDecimal(2)).toBe('2');
    expect(formatBytes(192 * 2 ** 20)).toBe('192Mi');
    expect(formatBytes(1000)).toBe('1000');
  });

  it('counts pods that are neither finished nor terminating, and sums their requests', () => {
    const pods = [
      pod('a', { cpu: '100m', memory: '64Mi' }),
      pod('b', { cpu: '250m', memory: '128Mi' }),
      pod('done', { cpu: '1' }, {}, 'Succeeded'),
      pod('leaving', { cpu: '1' }, { deletionTimestamp: '2026-01-01T00:00:00Z' }),
    ];
    expect(quotaUsage({ pods: '10', 'requests.cpu': '4', 'requests.memory': '8Gi', 'limits.cpu': '8' }, pods)).toEqual({
      pods: '2',
      'requests.cpu': '700m',
      'requests.memory': '384Mi',
      'limits.cpu': '0',
    });
  });

  it('refuses the pod that would exceed the hard pods limit with the real message', () => {
    const api = new FakeApi();
    for (const plugin of podAdmission(api)) api.addAdmission(plugin);
    api.create('resourcequotas', {
      apiVersion: 'v1',
      kind: 'ResourceQuota',
      metadata: { name: 'q1', namespace: 'q' },
      spec: { hard: { pods: '1' } },
    });
    api.create('pods', {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'first', namespace: 'q' },
      spec: { containers: [] },
    });
    let caught: unknown;
    try {
      api.create('pods', {
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name: 'second', namespace: 'q' },
        spec: { containers: [] },
      });
    } catch (error) {
      caught = error;
    }
    expect(caught).toMatchObject({
      code: 403,
      reason: 'Forbidden',
      message: 'pods "second" is forbidden: exceeded quota: q1, requested: pods=1, used: pods=1, limited: pods=1',
    });
    expect(api.list('pods', 'q')).toHaveLength(1);
  });
});
