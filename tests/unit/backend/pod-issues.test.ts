import type { V1ContainerStatus, V1Pod } from '@kubernetes/client-node';
import { describe, expect, it } from 'vitest';
import { aggregatePodIssues, podReasons } from '../../../electron/backend/daemonsets/pod-issues.js';

const OWNER = 'ds-uid';

function pod(
  name: string,
  node: string | undefined,
  phase: string,
  containers: Partial<V1ContainerStatus>[],
  extra: { ready?: boolean; owner?: string; affinityNode?: string; deleting?: boolean } = {},
): V1Pod {
  return {
    metadata: {
      name,
      namespace: 'ns',
      ownerReferences: [
        { apiVersion: 'apps/v1', kind: 'DaemonSet', name: 'ds', uid: extra.owner ?? OWNER, controller: true },
      ],
      ...(extra.deleting ? { deletionTimestamp: new Date() } : {}),
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

const waiting = (reason: string): Partial<V1ContainerStatus> => ({ state: { waiting: { reason } } });
const running: Partial<V1ContainerStatus> = { state: { running: { startedAt: new Date() } }, ready: true };

describe('pod issues', () => {
  it('aggregates waiting reasons per reason with the nodes concerned', () => {
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
      { reason: 'ContainerCreating', nodes: ['node-1', 'node-2'] },
      { reason: 'CrashLoopBackOff', nodes: ['node-5'] },
      { reason: 'ErrImagePull', nodes: ['node-6'] },
      { reason: 'ImagePullBackOff', nodes: ['node-3'] },
    ]);
  });

  it('reports running pods that are not ready, and ignores pods of other owners and terminating pods', () => {
    const issues = aggregatePodIssues(
      [
        pod('p1', 'node-1', 'Running', [{ state: { running: { startedAt: new Date() } }, ready: false }]),
        pod('p2', 'node-2', 'Pending', [waiting('ImagePullBackOff')], { owner: 'someone-else' }),
        pod('p3', 'node-3', 'Pending', [waiting('ImagePullBackOff')], { deleting: true }),
      ],
      OWNER,
    );
    expect(issues).toEqual([{ reason: 'NotReady', nodes: ['node-1'] }]);
  });

  it('gives a fine pod no reason and a pod without container statuses Pending', () => {
    expect(podReasons(pod('ok', 'n', 'Running', [running], { ready: true }))).toEqual([]);
    expect(podReasons(pod('new', 'n', 'Pending', []))).toEqual(['Pending']);
  });
});
