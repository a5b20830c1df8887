import type { ContainerStatus, PodObject } from '../../../electron/backend/kinds/objects.js';
import { describe, expect, it } from 'vitest';
import { aggregatePodIssues } from '../../../electron/backend/resources/pod-issues.js';
import { eventsByObject, toWarningEvent, type WarningEvent } from '../../../electron/backend/kinds/warning-event.js';

const OWNER = 'ds-uid';

function pod(
  name: string,
  node: string | undefined,
  phase: string,
  containers: Partial<ContainerStatus>[],
  extra: { ready?: boolean; owner?: string; affinityNode?: string; deleting?: boolean; created?: string } = {},
): PodObject {
  return {
    metadata: {
      name,
      namespace: 'ns',
      uid: `uid-${name}`,
      ...(extra.created ? { creationTimestamp: extra.created } : {}),
      ownerReferences: [
        { apiVersion: 'apps/v1', kind: 'DaemonSet', name: 'ds', uid: extra.owner ?? OWNER, controller: true },
      ],
      ...(extra.deleting ? { deletionTimestamp: new Date().toISOString() } : {}),
    },
    spec: {
      containers: [{ name: 'c' }],
      ...(node ? { nodeName: node } : {}),
      ...(extra.affinityNode
        ? {
            affinity: {
              nodeAffinity: {
                requiredDuringSchedulingIgnoredDuringExecution: {
                  nodeSelectorTerms: [
                    { matchFields: [{ key: 'metadata.name', operator: 'In', values: [extra.affinityNode] }] },
                  ],
                },
              },
            },
          }
        : {}),
    },
    status: {
      phase,
      containerStatuses: containers.map((c) => ({
        name: 'c',
        image: 'i',
        imageID: '',
        ready: false,
        restartCount: 0,
        ...c,
      })),
      conditions: [{ type: 'Ready', status: extra.ready ? 'True' : 'False' }],
    },
  };
}

const waiting = (reason: string): Partial<ContainerStatus> => ({ state: { waiting: { reason } } });
const running: Partial<ContainerStatus> = { state: { running: { startedAt: new Date().toISOString() } }, ready: true };

describe('pod issues', () => {
  it('aggregates reasons per reason with the nodes concerned, worst first', () => {
    const issues = aggregatePodIssues(
      [
        pod('p1', 'node-1', 'Pending', [waiting('ContainerCreating')]),
        pod('p2', 'node-2', 'Pending', [waiting('ContainerCreating')]),
        pod('p3', 'node-3', 'Pending', [waiting('ImagePullBackOff')]),
        pod('p4', 'node-4', 'Running', [running], { ready: true }),
        pod('p5', 'node-5', 'Running', [waiting('CrashLoopBackOff')]),
        pod('p6', undefined, 'Pending', [waiting('ErrImagePull')], { affinityNode: 'node-6' }),
      ],
      OWNER,
    );
    expect(issues).toEqual([
      { reason: 'CrashLoopBackOff', nodes: ['node-5'] },
      { reason: 'ImagePullBackOff', nodes: ['node-3'] },
      { reason: 'ErrImagePull', nodes: ['node-6'] },
      { reason: 'ContainerCreating', nodes: ['node-1', 'node-2'] },
    ]);
  });

  it('keeps the most common message of a reason, and the most restarts of a crash loop', () => {
    const config = (name: string, node: string, message: string) =>
      pod(name, node, 'Pending', [{ state: { waiting: { reason: 'CreateContainerConfigError', message } } }]);
    const crash = (name: string, node: string, restarts: number, code: number) =>
      pod(name, node, 'Running', [
        {
          state: {
            waiting: { reason: 'CrashLoopBackOff', message: `back-off restarting failed container pod=${name}` },
          },
          restartCount: restarts,
          lastState: { terminated: { exitCode: code, reason: 'Error' } },
        },
      ]);
    const issues = aggregatePodIssues(
      [
        config('a', 'node-1', 'secret "nope" not found'),
        config('b', 'node-2', 'secret "nope" not found'),
        config('c', 'node-3', "couldn't find key token in Secret ns/other"),
        crash('d', 'node-4', 2, 1),
        crash('e', 'node-5', 7, 2),
      ],
      OWNER,
    );
    expect(issues).toEqual([
      { reason: 'CrashLoopBackOff', nodes: ['node-4', 'node-5'], restarts: 7, lastExit: { code: 2, reason: 'Error' } },
      {
        reason: 'CreateContainerConfigError',
        nodes: ['node-1', 'node-2', 'node-3'],
        message: 'secret "nope" not found',
      },
    ]);
  });

  it('reports running pods that are not ready, and ignores pods of other owners and terminating pods', () => {
    const issues = aggregatePodIssues(
      [
        pod('p1', 'node-1', 'Running', [{ state: { running: { startedAt: new Date().toISOString() } }, ready: false }]),
        pod('p2', 'node-2', 'Pending', [waiting('ImagePullBackOff')], { owner: 'someone-else' }),
        pod('p3', 'node-3', 'Pending', [waiting('ImagePullBackOff')], { deleting: true }),
      ],
      OWNER,
    );
    expect(issues).toEqual([{ reason: 'NotReady', nodes: ['node-1'] }]);
  });
});

describe('FailedCreate from the DaemonSet controller', () => {
  const failed = (lastTimestamp: string): WarningEvent => {
    const e = toWarningEvent({
      metadata: { name: 'fluent-bit.18', namespace: 'ns', uid: 'e1', resourceVersion: '9' },
      involvedObject: { kind: 'DaemonSet', name: 'ds', namespace: 'ns', uid: OWNER },
      reason: 'FailedCreate',
      message:
        'Error creating: pods "fluent-bit-" is forbidden: error looking up service account ns/fluent-bit: serviceaccount "fluent-bit" not found',
      type: 'Warning',
      source: { component: 'daemonset-controller' },
      lastTimestamp,
      count: 12,
    });
    if (!e) throw new Error('not projected');
    return e;
  };

  it('names the refusal and how many pods are missing while nodes lack a pod', () => {
    const events = eventsByObject([failed('2026-11-02T10:05:00Z')]);
    expect(aggregatePodIssues([], OWNER, { events, counts: { desired: 5, current: 0 } })).toEqual([
      {
        reason: 'FailedCreate',
        nodes: [],
        missing: 5,
        message:
          'pods "fluent-bit-" is forbidden: error looking up service account ns/fluent-bit: serviceaccount "fluent-bit" not found',
      },
    ]);
  });

  it('is over once every node has a pod, or once a pod was created after it', () => {
    const events = eventsByObject([failed('2026-11-02T10:05:00Z')]);
    expect(aggregatePodIssues([], OWNER, { events, counts: { desired: 5, current: 5 } })).toEqual([]);
    const later = pod('p1', 'node-1', 'Pending', [waiting('ContainerCreating')], { created: '2026-11-02T10:06:00Z' });
    const issues = aggregatePodIssues([later], OWNER, { events, counts: { desired: 5, current: 1 } });
    expect(issues.map((i) => i.reason)).toEqual(['ContainerCreating']);
  });

  it('an event about another object (a DaemonSet recreated under the same name has a new uid) does not count', () => {
    const events = eventsByObject([{ ...failed('2026-11-02T10:05:00Z'), involvedUid: 'old-uid' }]);
    expect(aggregatePodIssues([], OWNER, { events, counts: { desired: 5, current: 0 } })).toEqual([]);
  });
});
