// The simulated usage behind metrics.k8s.io: deterministic, within limits, following requests, slowly varying.
import { describe, expect, it } from 'vitest';
import { containerUsage, usageQuantities, windowStart } from '../../../electron/sandbox-cluster/metrics/usage.js';
import type { KubeObject } from '../../../electron/sandbox-cluster/types.js';

const pod = (name: string) => ({ metadata: { name, namespace: 'ns' } }) as KubeObject;
const MIB = 1024 * 1024;

describe('simulated container usage', () => {
  it('is the same for the same container and window, and differs between containers', () => {
    const c = { name: 'c', resources: { requests: { cpu: '100m', memory: '64Mi' } } };
    const t = windowStart(Date.parse('2026-01-01T00:00:07Z'));
    expect(t).toBe(Date.parse('2026-01-01T00:00:00Z'));
    expect(containerUsage(pod('a'), c, t)).toEqual(containerUsage(pod('a'), c, t));
    expect(containerUsage(pod('a'), c, t)).not.toEqual(containerUsage(pod('b'), c, t));
  });

  it('stays under limits, follows requests, and moves little from one window to the next', () => {
    const limited = {
      name: 'c',
      resources: { requests: { cpu: '1', memory: '1Gi' }, limits: { cpu: '1', memory: '1Gi' } },
    };
    const small = { name: 'c', resources: { requests: { cpu: '10m', memory: '16Mi' } } };
    const start = Date.parse('2026-01-01T00:00:00Z');
    let previous = containerUsage(pod('p'), limited, start);
    for (let i = 1; i < 240; i++) {
      const t = start + i * 15_000;
      const u = containerUsage(pod('p'), limited, t);
      expect(u.cpu).toBeLessThanOrEqual(0.97);
      expect(u.memory).toBeLessThanOrEqual(0.97 * 1024 * MIB);
      expect(Math.abs(u.memory - previous.memory) / previous.memory).toBeLessThan(0.05);
      expect(containerUsage(pod('p'), small, t).cpu).toBeLessThan(0.03);
      previous = u;
    }
    const bare = containerUsage(pod('q'), { name: 'c' }, start);
    expect(bare.memory).toBeGreaterThan(8 * MIB);
    expect(bare.memory).toBeLessThan(160 * MIB);
  });

  it("reports metrics-server's units", () => {
    expect(usageQuantities({ cpu: 0.0123, memory: 64 * MIB })).toEqual({ cpu: '12300000n', memory: '65536Ki' });
  });
});
