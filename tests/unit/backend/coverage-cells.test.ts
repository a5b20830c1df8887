// The coverage matrix's cell rule: a pod's state where there is one, else eligibility (the preview's rule) and, for
// an eligible node without a pod, why it is missing.
import { describe, expect, it } from 'vitest';
import type { MatrixNode, NodeRoom } from '../../../electron/contract/index.js';
import { cellState, type CellInput } from '../../../electron/backend/live/coverage-cells.js';
import type { PodCell } from '../../../electron/backend/kinds/pod-cell.js';

const node = (extra: Partial<MatrixNode> = {}): MatrixNode => ({
  name: 'n1',
  labels: { zone: 'a' },
  taints: [],
  unschedulable: false,
  ready: true,
  conditions: [],
  allocatable: {},
  ...extra,
});
const pod = (extra: Partial<PodCell> = {}): PodCell => ({
  metadata: { name: 'agent-x', namespace: 'ns', uid: 'p1' },
  node: 'n1',
  ownerUid: 'ds1',
  revisionHash: 'new',
  phase: 'Running',
  ready: true,
  deleting: false,
  started: true,
  ...extra,
});
const input = (extra: Partial<CellInput> = {}): CellInput => ({
  spec: { containers: [{ name: 'c', resources: { requests: { cpu: '500m' } } }] },
  uid: 'ds1',
  updateHash: 'new',
  node: node(),
  pods: [],
  ...extra,
});

describe('cellState', () => {
  it('is available for a ready pod of the newest revision, updating for one of an older revision', () => {
    expect(cellState(input({ pods: [pod()] }))).toEqual({ state: 'available', pod: 'agent-x' });
    expect(cellState(input({ pods: [pod({ revisionHash: 'old' })] }))).toEqual({ state: 'updating', pod: 'agent-x' });
  });

  it('prefers the pod of the newest revision when an old and a new one are both there', () => {
    const old = pod({ revisionHash: 'old', metadata: { name: 'old' } });
    const fresh = pod({ problem: { reason: 'ContainerCreating' }, metadata: { name: 'fresh' } });
    expect(cellState(input({ pods: [old, fresh] }))).toMatchObject({ state: 'starting', pod: 'fresh' });
  });

  it('is failing with the pod reason, starting while the pod is only being set up', () => {
    const failing = pod({ ready: false, problem: { reason: 'ImagePullBackOff', message: 'no such image' } });
    expect(cellState(input({ pods: [failing] }))).toEqual({
      state: 'failing',
      pod: 'agent-x',
      why: { kind: 'pod', reason: 'ImagePullBackOff', message: 'no such image' },
    });
    const pending = pod({
      ready: false,
      problem: { reason: 'Unschedulable', shortfalls: [{ kind: 'resource', resource: 'cpu' }] },
    });
    expect(cellState(input({ pods: [pending] }))).toMatchObject({
      state: 'failing',
      why: { reason: 'Unschedulable', shortfalls: ['cpu'] },
    });
    for (const reason of ['ContainerCreating', 'Init:0/2', 'Pending', 'NotReady']) {
      expect(cellState(input({ pods: [pod({ problem: { reason } })] })).state).toBe('starting');
    }
  });

  it('ignores pods being deleted and pods of other DaemonSets', () => {
    const gone = pod({ deleting: true });
    const other = pod({ ownerUid: 'ds2' });
    expect(cellState(input({ pods: [gone, other] }))).toEqual({ state: 'missing', why: { kind: 'notCreated' } });
  });

  it('is not wanted with the first rule the node fails: selector, affinity, taint', () => {
    expect(cellState(input({ spec: { containers: [], nodeSelector: { zone: 'b' } } }))).toEqual({
      state: 'notWanted',
      why: { kind: 'selector', detail: 'zone=b' },
    });
    const affinity = {
      nodeAffinity: {
        requiredDuringSchedulingIgnoredDuringExecution: {
          nodeSelectorTerms: [{ matchExpressions: [{ key: 'gpu', operator: 'Exists' }] }],
        },
      },
    };
    expect(cellState(input({ spec: { containers: [], affinity } }))).toEqual({
      state: 'notWanted',
      why: { kind: 'affinity', detail: 'gpu Exists' },
    });
    const tainted = node({ taints: [{ key: 'dedicated', value: 'db', effect: 'NoSchedule' }] });
    expect(cellState(input({ node: tainted }))).toEqual({
      state: 'notWanted',
      why: { kind: 'taint', detail: 'dedicated=db:NoSchedule' },
    });
    // A cordoned node still gets a daemon pod (the controller tolerates node.kubernetes.io/unschedulable).
    const cordoned = node({ taints: [{ key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' }] });
    expect(cellState(input({ node: cordoned })).state).toBe('missing');
  });

  it('says why an eligible node has no pod: the controller refused (quota), no room, or nothing yet', () => {
    const message = 'pods "agent-x" is forbidden: exceeded quota: q, requested: pods=1, used: pods=2, limited: pods=2';
    expect(cellState(input({ createFailed: message }))).toEqual({
      state: 'missing',
      why: { kind: 'createFailed', message },
    });
    const full: NodeRoom = {
      allocatable: { cpu: 1000 },
      requested: { cpu: 800, memory: 0, pods: 3 },
      hostPorts: [],
      daemonSets: [],
    };
    expect(cellState(input({ room: () => full }))).toEqual({
      state: 'missing',
      why: { kind: 'fit', problems: [{ kind: 'cpu', need: 500, free: 200 }] },
    });
    expect(cellState(input())).toEqual({ state: 'missing', why: { kind: 'notCreated' } });
  });

  it('is unknown where nodes or the namespace pods cannot be listed', () => {
    expect(cellState(input({ node: undefined }))).toEqual({ state: 'unknown' });
    expect(cellState(input({ podsForbidden: true }))).toEqual({ state: 'unknown' });
    // A pod seen on a node the user may not list still shows its state.
    expect(cellState(input({ node: undefined, pods: [pod()] })).state).toBe('available');
  });

  it('names what only the pod’s Warning events say: FailedMount while it is set up, the probe while not ready', () => {
    const mount = {
      metadata: { name: 'e1', namespace: 'ns' },
      reason: 'FailedMount',
      message: 'MountVolume.SetUp failed for volume "cfg" : configmap "agent-config" not found',
      involvedUid: 'p1',
      lastSeen: '2026-12-03T18:00:00Z',
    };
    const probe = { ...mount, reason: 'Unhealthy', message: 'Readiness probe failed: 503' };
    const eventsOf = (uid: string) => (uid === 'p1' ? [mount, probe] : []);
    const creating = pod({ phase: 'Pending', ready: false, started: false, problem: { reason: 'ContainerCreating' } });
    expect(cellState(input({ pods: [creating], eventsOf }))).toEqual({
      state: 'failing',
      pod: 'agent-x',
      why: { kind: 'pod', reason: 'FailedMount', message: mount.message },
    });
    // Without the event it is only starting; once a container ran, an old FailedMount no longer explains it.
    expect(cellState(input({ pods: [creating] })).state).toBe('starting');
    const ran = pod({ ready: false, problem: { reason: 'NotReady' } });
    expect(cellState(input({ pods: [ran], eventsOf }))).toEqual({
      state: 'starting',
      pod: 'agent-x',
      why: { kind: 'pod', reason: 'NotReady', message: 'Readiness probe failed: 503' },
    });
  });
});
