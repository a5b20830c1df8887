import { describe, expect, it } from 'vitest';
import type { DaemonSet, Node, Pod } from '../../../electron/sandbox-cluster/controllers/kinds.js';
import {
  computeStatus,
  planManage,
  planRollingUpdate,
  resolveIntOrPercent,
  rolloutBudget,
  type Snapshot,
} from '../../../electron/sandbox-cluster/controllers/plan.js';

const NOW = Date.parse('2026-01-01T00:10:00Z');

function node(name: string, taint = false): Node {
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name, uid: name, resourceVersion: '1', creationTimestamp: '' },
    spec: taint ? { taints: [{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }] } : {},
  };
}

function ds(
  rollingUpdate: { maxUnavailable?: number | string; maxSurge?: number | string } = {},
  minReadySeconds = 0,
): DaemonSet {
  return {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: { name: 'd', namespace: 'n', uid: 'u', resourceVersion: '1', creationTimestamp: '', generation: 2 },
    spec: {
      selector: { matchLabels: { app: 'd' } },
      template: { metadata: { labels: { app: 'd' } }, spec: { containers: [{ name: 'c', image: 'i' }] } },
      updateStrategy: { type: 'RollingUpdate', rollingUpdate },
      minReadySeconds,
    },
  };
}

let seq = 0;
function pod(
  nodeName: string,
  hash: string,
  opts: { ready?: boolean; readySince?: number; terminating?: boolean; created?: number } = {},
): Pod {
  const conditions = opts.ready
    ? [
        {
          type: 'Ready',
          status: 'True' as const,
          lastTransitionTime: new Date(opts.readySince ?? NOW - 60_000).toISOString(),
        },
      ]
    : [{ type: 'Ready', status: 'False' as const }];
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: `p${++seq}`,
      namespace: 'n',
      uid: `uid${seq}`,
      resourceVersion: '1',
      creationTimestamp: new Date(opts.created ?? NOW - 120_000 + seq * 1000).toISOString(),
      labels: { app: 'd', 'controller-revision-hash': hash },
      ...(opts.terminating ? { deletionTimestamp: new Date(NOW).toISOString() } : {}),
    },
    spec: { nodeName, containers: [] },
    status: { phase: 'Running', conditions },
  };
}

function snapshot(d: DaemonSet, nodes: Node[], pods: Pod[], hash = 'new', now = NOW): Snapshot {
  const podsByNode = new Map<string, Pod[]>();
  for (const p of pods) podsByNode.set(p.spec.nodeName ?? '', [...(podsByNode.get(p.spec.nodeName ?? '') ?? []), p]);
  return { ds: d, nodes, podsByNode, hash, now, minReadyMs: (d.spec.minReadySeconds ?? 0) * 1000 };
}

describe('rollout budget', () => {
  it('rounds percentages up and falls back to maxUnavailable 1 when both are zero', () => {
    expect(resolveIntOrPercent('10%', 6, 1)).toBe(1);
    expect(resolveIntOrPercent('34%', 6, 1)).toBe(3);
    expect(resolveIntOrPercent('0%', 6, 1)).toBe(0);
    expect(resolveIntOrPercent(undefined, 6, 1)).toBe(1);
    expect(rolloutBudget(ds({ maxUnavailable: '25%' }), 7)).toEqual({ maxSurge: 0, maxUnavailable: 2 });
    expect(rolloutBudget(ds({ maxUnavailable: 0, maxSurge: '0%' }), 5)).toEqual({ maxSurge: 0, maxUnavailable: 1 });
    expect(rolloutBudget(ds({ maxUnavailable: 0, maxSurge: '20%' }), 6)).toEqual({ maxSurge: 2, maxUnavailable: 0 });
  });
});

describe('manage', () => {
  it('creates on eligible nodes without pods, skips tainted ones, deletes extras but the oldest', () => {
    const nodes = [node('cp', true), node('a'), node('b'), node('c')];
    const older = pod('b', 'new', { created: NOW - 100_000 });
    const newer = pod('b', 'new', { created: NOW - 50_000 });
    const actions = planManage(snapshot(ds(), nodes, [older, newer, pod('c', 'new', { terminating: true })]));
    expect(actions.create).toEqual(['a']);
    expect(actions.delete).toEqual([newer.metadata.name]);
  });

  it('deletes a failed daemon pod and reports it', () => {
    const failed = pod('a', 'new', { ready: false });
    failed.status = { phase: 'Failed' };
    const actions = planManage(snapshot(ds(), [node('a')], [failed]));
    expect(actions.delete).toEqual([failed.metadata.name]);
    expect(actions.failed).toEqual([{ pod: failed.metadata.name, node: 'a' }]);
  });

  it('deletes pods on nodes that no longer match', () => {
    const d = ds();
    d.spec.template.spec.nodeSelector = { role: 'edge' };
    const stray = pod('a', 'new');
    expect(planManage(snapshot(d, [node('a')], [stray]))).toEqual({ create: [], delete: [stray.metadata.name] });
  });
});

/**
 * Simulates a rollout step by step: deleted pods vanish on the next step, new pods become ready after a random number
 * of steps. Returns the largest number of nodes without an available pod seen at any time.
 */
function simulate(d: DaemonSet, nodeCount: number, random: () => number): { worst: number; steps: number } {
  const nodes = Array.from({ length: nodeCount }, (_, i) => node(`n${i}`));
  let pods: Pod[] = nodes.map((n) => pod(n.metadata.name, 'old', { ready: true }));
  const readyAt = new Map<string, number>();
  let worst = 0;
  for (let step = 0; step < 500; step++) {
    pods = pods.filter((p) => !p.metadata.deletionTimestamp);
    for (const p of pods) {
      const at = readyAt.get(p.metadata.name);
      if (at !== undefined && at <= step) {
        p.status = {
          phase: 'Running',
          conditions: [{ type: 'Ready', status: 'True', lastTransitionTime: new Date(NOW - 60_000).toISOString() }],
        };
      }
    }
    const snap = snapshot(d, nodes, pods);
    const status = computeStatus(snap);
    const withoutAvailable = nodes.filter(
      (n) =>
        !pods.some(
          (p) =>
            p.spec.nodeName === n.metadata.name &&
            p.status?.conditions?.[0]?.status === 'True' &&
            !p.metadata.deletionTimestamp,
        ),
    ).length;
    worst = Math.max(worst, withoutAvailable);
    if (
      status.updatedNumberScheduled === nodeCount &&
      status.numberAvailable === nodeCount &&
      pods.length === nodeCount
    ) {
      return { worst, steps: step };
    }
    let actions = planManage(snap);
    if (actions.create.length === 0 && actions.delete.length === 0) actions = planRollingUpdate(snap);
    for (const name of actions.delete) {
      const p = pods.find((x) => x.metadata.name === name);
      if (p) p.metadata.deletionTimestamp = new Date(NOW).toISOString();
    }
    for (const nodeName of actions.create) {
      const fresh = pod(nodeName, 'new');
      readyAt.set(fresh.metadata.name, step + 1 + Math.floor(random() * 4));
      pods.push(fresh);
    }
  }
  throw new Error('rollout did not finish');
}

function rng(seed: number): () => number {
  let x = seed;
  return () => {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    return x / 2 ** 32;
  };
}

describe('rolling update', () => {
  it('never has more than maxUnavailable nodes without an available pod (maxSurge 0)', () => {
    for (const [maxUnavailable, nodes, limit] of [
      [1, 6, 1],
      [2, 9, 2],
      ['30%', 10, 3],
      ['10%', 4, 1],
    ] as const) {
      for (let seed = 1; seed <= 5; seed++) {
        const { worst } = simulate(ds({ maxUnavailable }), nodes, rng(seed));
        expect(worst, `maxUnavailable ${maxUnavailable} on ${nodes} nodes`).toBeLessThanOrEqual(limit);
        expect(worst).toBeGreaterThan(0);
      }
    }
  });

  it('surges without ever losing availability when maxUnavailable is 0', () => {
    for (let seed = 1; seed <= 5; seed++) {
      const { worst } = simulate(ds({ maxUnavailable: 0, maxSurge: 2 }), 6, rng(seed));
      expect(worst).toBe(0);
    }
  });

  it('replaces unavailable old pods at once and counts nodes without pods as unavailable', () => {
    const nodes = [node('a'), node('b'), node('c')];
    const broken = pod('a', 'old', { ready: false });
    const fine = pod('b', 'old', { ready: true });
    const actions = planRollingUpdate(snapshot(ds({ maxUnavailable: 1 }), nodes, [broken, fine]));
    expect(actions.delete).toEqual([broken.metadata.name]);
  });

  it('deletes the old pod beside an available surge pod', () => {
    const old = pod('a', 'old', { ready: true });
    const fresh = pod('a', 'new', { ready: true });
    const actions = planRollingUpdate(snapshot(ds({ maxUnavailable: 0, maxSurge: 1 }), [node('a')], [old, fresh]));
    expect(actions).toEqual({ create: [], delete: [old.metadata.name] });
  });
});

describe('status', () => {
  it('counts every field per node from the oldest pod', () => {
    const nodes = [node('cp', true), node('a'), node('b'), node('c'), node('d')];
    const pods = [
      pod('cp', 'new', { ready: true }), // misscheduled
      pod('a', 'new', { ready: true }),
      pod('b', 'old', { ready: true }),
      pod('c', 'new', { ready: true, readySince: NOW - 2_000 }), // ready, not yet available with minReadySeconds 5
    ];
    const status = computeStatus(snapshot(ds({}, 5), nodes, pods));
    expect(status).toEqual({
      currentNumberScheduled: 3,
      numberMisscheduled: 1,
      desiredNumberScheduled: 4,
      numberReady: 3,
      updatedNumberScheduled: 2,
      numberAvailable: 2,
      numberUnavailable: 2,
    });
  });

  it('treats a pod as updated by its template generation label too', () => {
    const p = pod('a', 'other');
    p.metadata.labels = { ...p.metadata.labels, 'pod-template-generation': '4' };
    const d = ds();
    d.metadata.annotations = { 'deprecated.daemonset.template.generation': '4' };
    expect(computeStatus(snapshot(d, [node('a')], [p])).updatedNumberScheduled).toBe(1);
  });
});
