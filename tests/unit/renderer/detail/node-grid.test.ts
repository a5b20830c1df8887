import { describe, expect, it } from 'vitest';
import type { DaemonSetDetail, DetailPod } from '../../../../electron/contract/detail-dto';
import type { DetailNode } from '../../../../renderer/detail/eligibility';
import {
  gridCells,
  ineligibleNodes,
  pendingNodes,
  podState,
  unavailableNodes,
} from '../../../../renderer/detail/node-grid';
import { DEFAULT_STUCK_MS, initialProgressAt, ProgressMarks, stuckRollout } from '../../../../renderer/detail/stuck';
import { row } from '../fixtures';

const node = (name: string, eligible = true): DetailNode => ({
  name,
  labels: {},
  taints: eligible ? [] : [{ key: 'dedicated', effect: 'NoSchedule' }],
  unschedulable: false,
  ready: true,
  eligible,
  ...(eligible ? {} : { reason: { kind: 'taint' as const, detail: 'dedicated:NoSchedule' } }),
});

function pod(name: string, nodeName: string, extra: Partial<DetailPod> = {}): DetailPod {
  return {
    name,
    uid: `uid-${name}`,
    node: nodeName,
    bound: nodeName !== '',
    phase: 'Running',
    ready: true,
    available: true,
    restarts: 0,
    revisionHash: 'new',
    createdAt: '2026-01-01T00:00:00Z',
    deleting: false,
    containers: [{ name: 'agent', image: 'busybox', state: 'running', ready: true, restarts: 0 }],
    ...extra,
  };
}

const waiting = (reason: string): DetailPod['containers'] => [
  { name: 'agent', image: 'busybox', state: 'waiting', reason, ready: false, restarts: 0 },
];

describe('node grid cells', () => {
  it('names each pod state from its containers, with the reason', () => {
    expect(podState(pod('a', 'n1'))).toEqual({ state: 'available' });
    expect(podState(pod('a', 'n1', { available: false }))).toEqual({ state: 'ready' });
    expect(podState(pod('a', 'n1', { available: false, ready: false }))).toEqual({ state: 'running' });
    const creating = pod('a', 'n1', {
      phase: 'Pending',
      ready: false,
      available: false,
      containers: waiting('ContainerCreating'),
    });
    expect(podState(creating)).toEqual({ state: 'pulling', reason: 'ContainerCreating' });
    const backoff = pod('a', 'n1', {
      phase: 'Pending',
      ready: false,
      available: false,
      containers: waiting('ImagePullBackOff'),
    });
    expect(podState(backoff)).toEqual({ state: 'failing', reason: 'ImagePullBackOff' });
    expect(podState(pod('a', 'n1', { deleting: true }))).toEqual({ state: 'terminating' });
  });

  it('has one cell per eligible node, old or new revision, missing where no pod runs', () => {
    const nodes = [node('n1'), node('n2'), node('n3'), node('cp', false)];
    const pods = [pod('a', 'n1'), pod('b', 'n2', { revisionHash: 'old' })];
    const cells = gridCells(nodes, pods, 'new');
    expect(cells.map((c) => [c.node, c.state, c.revision])).toEqual([
      ['n1', 'available', 'new'],
      ['n2', 'available', 'old'],
      ['n3', 'missing', 'none'],
    ]);
    expect(unavailableNodes(cells)).toEqual(['n3']);
    expect(pendingNodes(cells)).toEqual(['n2', 'n3']);
  });

  it('shows the replacement pod when the old one still terminates on the node', () => {
    const pods = [
      pod('old', 'n1', { revisionHash: 'old', deleting: true }),
      pod('new', 'n1', {
        createdAt: '2026-01-01T00:01:00Z',
        phase: 'Pending',
        ready: false,
        available: false,
        containers: waiting('ContainerCreating'),
      }),
    ];
    const [cell] = gridCells([node('n1')], pods, 'new');
    expect(cell).toMatchObject({ pod: 'new', state: 'pulling', revision: 'new', replacing: true });
  });

  it('puts a pod the scheduler cannot place in the cell of the node it is for, failing, with its problem', () => {
    const problem = {
      reason: 'Unschedulable',
      message: "0/2 nodes are available: 1 Insufficient cpu, 1 node(s) didn't match Pod's node affinity/selector.",
      shortfalls: [{ kind: 'resource' as const, resource: 'cpu' }],
    };
    const pending = pod('b', 'n2', {
      bound: false,
      phase: 'Pending',
      ready: false,
      available: false,
      containers: [{ name: 'agent', image: 'busybox', state: 'unknown', ready: false, restarts: 0 }],
      problem,
    });
    const mount = pod('c', 'n3', {
      phase: 'Pending',
      ready: false,
      available: false,
      containers: waiting('ContainerCreating'),
      problem: {
        reason: 'FailedMount',
        message: 'MountVolume.SetUp failed for volume "config" : configmap "x" not found',
      },
    });
    const cells = gridCells([node('n1'), node('n2'), node('n3')], [pod('a', 'n1'), pending, mount], 'new');
    expect(cells.map((c) => [c.node, c.state, c.reason])).toEqual([
      ['n1', 'available', undefined],
      ['n2', 'failing', 'Unschedulable'],
      ['n3', 'failing', 'FailedMount'],
    ]);
    expect(cells[1]?.problem).toEqual(problem);
  });

  it('lists nodes without a pod with their reason', () => {
    const detail = {
      state: 'ok',
      pods: [pod('a', 'n1')],
      nodes: { allowed: true, value: [node('n1'), node('cp', false)] },
    } as unknown as DaemonSetDetail;
    expect(ineligibleNodes(detail).map((n) => [n.name, n.reason?.detail])).toEqual([['cp', 'dedicated:NoSchedule']]);
  });
});

describe('stuck rollout', () => {
  const nodes = [node('n1'), node('n2')];
  const updating = (pods: DetailPod[]): DaemonSetDetail => ({
    state: 'ok',
    daemonSet: {
      row: row('agent', { status: { desired: 2, updated: 1, available: 1, ready: 1 } }),
      annotations: {},
      conditions: [],
      updateRevisionHash: 'new',
      template: {},
    },
    pods,
    nodes: { allowed: true, value: nodes },
    events: [],
    revisions: [],
  });
  const pods = [
    pod('a', 'n1'),
    pod('b', 'n2', { containers: waiting('ImagePullBackOff'), ready: false, available: false }),
  ];

  it('flags a rollout without progress past the threshold, naming the nodes that hold it up', () => {
    const detail = updating(pods);
    expect(stuckRollout(detail, 0, DEFAULT_STUCK_MS - 1, DEFAULT_STUCK_MS)).toBeUndefined();
    expect(stuckRollout(detail, 0, DEFAULT_STUCK_MS, DEFAULT_STUCK_MS)).toEqual({ since: 0, nodes: ['n2'] });
  });

  it('never flags a settled DaemonSet, and counts any pod change as progress', () => {
    const settled = updating(pods);
    if (settled.daemonSet) settled.daemonSet.row = row('agent', { status: { desired: 2 } });
    expect(stuckRollout(settled, 0, 10 * DEFAULT_STUCK_MS, DEFAULT_STUCK_MS)).toBeUndefined();
    const moved = updating([pods[0] as DetailPod, pod('c', 'n2', { ready: false, available: false })]);
    const marks = new ProgressMarks();
    expect(marks.started()).toBe(false);
    const before = updating(pods);
    expect(marks.moved({ reset: true, pods: { set: before.pods, removed: [] } }, before)).toBe(true);
    expect(marks.started()).toBe(true);
    // The same picture again, then a delta that changes nothing progress counts: no progress.
    expect(marks.moved({ reset: true, pods: { set: before.pods, removed: [] } }, before)).toBe(false);
    const restarted = { ...(pods[1] as DetailPod), restarts: 3 };
    expect(marks.moved({ reset: false, pods: { set: [restarted], removed: [] } }, before)).toBe(false);
    // A pod gone and a new one not ready: progress, judged from the delta's pods alone.
    expect(marks.moved({ reset: false, pods: { set: moved.pods.slice(1), removed: ['b'] } }, moved)).toBe(true);
    expect(marks.moved({ reset: false, pods: { set: [], removed: [] } }, moved)).toBe(false);
  });

  it('dates the last progress of a page opened mid-rollout from its newest pod or revision', () => {
    const detail = updating([pod('a', 'n1', { createdAt: '2026-01-01T00:02:00Z' })]);
    detail.revisions = [{ name: 'r2', revision: 2, hash: 'new', createdAt: '2026-01-01T00:05:00Z', template: {} }];
    expect(initialProgressAt(detail, Date.parse('2026-01-01T01:00:00Z'))).toBe(Date.parse('2026-01-01T00:05:00Z'));
    const now = Date.parse('2026-01-01T01:00:00Z');
    expect(stuckRollout(detail, initialProgressAt(detail, now), now, DEFAULT_STUCK_MS)?.nodes).toEqual(['n2']);
    expect(initialProgressAt({ ...detail, pods: [], revisions: [] }, now)).toBe(now);
  });
});
