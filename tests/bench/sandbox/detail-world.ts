// Scenario 5's world, written straight into the store with the controllers paused (placing 10,000 pods through the
// scheduler and kubelets takes minutes on this machine): one namespace holding the DaemonSet whose page the bench
// opens, with one running pod per node, and many other DaemonSets whose pods (10,000 in all) share its namespace, so
// only the label selector tells them apart.
import type { ClusterApi, KubeObject } from '../../../electron/sandbox-cluster/index.js';
import { daemonSet, settledStatus, type NewObject } from './world.js';

export const DETAIL_NAMESPACE = 'bench-detail';
export const DETAIL_TARGET = 'detail-target';
const HASH_LABEL = 'controller-revision-hash';
const HASH = '5d8f9c7b6';

export interface DetailWorld {
  namespace: string;
  name: string;
  /** The target's pods (one per node). */
  targetPods: number;
  /** Pods of the other DaemonSets in the same namespace. */
  otherPods: number;
  nodes: number;
  elapsedMs: number;
}

function iso(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function runningStatus(node: string, index: number, now: number): Record<string, unknown> {
  const since = iso(now - 3_600_000);
  const condition = (type: string) => ({ type, status: 'True', lastTransitionTime: since });
  return {
    phase: 'Running',
    conditions: ['PodScheduled', 'Initialized', 'ContainersReady', 'Ready'].map(condition),
    hostIP: `10.0.0.${(index % 250) + 1}`,
    podIP: `10.244.${Math.floor(index / 250) % 250}.${(index % 250) + 1}`,
    startTime: since,
    containerStatuses: [
      {
        name: 'agent',
        ready: true,
        started: true,
        restartCount: 0,
        image: 'registry.example.com/agents/agent:1.0.0',
        imageID: 'registry.example.com/agents/agent@sha256:0123456789abcdef',
        containerID: `containerd://${String(index).padStart(12, '0')}`,
        state: { running: { startedAt: since } },
      },
    ],
    qosClass: 'Burstable',
    nodeName: node,
  };
}

function daemonPod(owner: KubeObject, node: string, index: number): NewObject {
  const template = (owner.spec as { template: { metadata: { labels: Record<string, string> }; spec: object } })
    .template;
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: `${owner.metadata.name}-${index.toString(36).padStart(5, '0')}`,
      namespace: owner.metadata.namespace,
      labels: { ...template.metadata.labels, [HASH_LABEL]: HASH, 'pod-template-generation': '1' },
      ownerReferences: [
        {
          apiVersion: 'apps/v1',
          kind: 'DaemonSet',
          name: owner.metadata.name,
          uid: owner.metadata.uid ?? '',
          controller: true,
          blockOwnerDeletion: true,
        },
      ],
    },
    spec: {
      ...template.spec,
      nodeName: node,
      affinity: {
        nodeAffinity: {
          requiredDuringSchedulingIgnoredDuringExecution: {
            nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: [node] }] }],
          },
        },
      },
    },
  };
}

function addPod(api: ClusterApi, owner: KubeObject, node: string, index: number, now: number): void {
  const created = api.create('pods', daemonPod(owner, node, index));
  api.updateStatus('pods', { ...created, status: runningStatus(node, index, now) });
}

function addDaemonSet(api: ClusterApi, name: string, nodes: number): KubeObject {
  const created = api.create('daemonsets', daemonSet(name, DETAIL_NAMESPACE, 'detail'));
  return api.updateStatus('daemonsets', { ...created, status: settledStatus(created, nodes) });
}

/** The target DaemonSet with a pod on each node, and `otherPods` pods spread over `owners` other DaemonSets. */
export function seedDetailWorld(api: ClusterApi, otherPods: number, owners = 100): DetailWorld {
  const started = Date.now();
  const now = api.now();
  const nodes = api.list('nodes').map((n) => n.metadata.name);
  if (!api.get('namespaces', undefined, DETAIL_NAMESPACE)) {
    api.create('namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: DETAIL_NAMESPACE } });
  }
  const target = addDaemonSet(api, DETAIL_TARGET, nodes.length);
  api.create('controllerrevisions', {
    apiVersion: 'apps/v1',
    kind: 'ControllerRevision',
    metadata: {
      name: `${DETAIL_TARGET}-${HASH}`,
      namespace: DETAIL_NAMESPACE,
      labels: { ...(target.spec as { selector: { matchLabels: Record<string, string> } }).selector.matchLabels },
      ownerReferences: [
        {
          apiVersion: 'apps/v1',
          kind: 'DaemonSet',
          name: DETAIL_TARGET,
          uid: target.metadata.uid ?? '',
          controller: true,
        },
      ],
    },
    revision: 1,
    data: { spec: { template: (target.spec as { template: unknown }).template } },
  });
  nodes.forEach((node, i) => addPod(api, target, node, i, now));
  const perOwner = Math.ceil(otherPods / owners);
  let index = 0;
  for (let o = 0; o < owners && index < otherPods; o++) {
    const owner = addDaemonSet(api, `detail-other-${String(o).padStart(3, '0')}`, perOwner);
    for (let p = 0; p < perOwner && index < otherPods; p++, index++) {
      addPod(api, owner, nodes[index % nodes.length] ?? '', nodes.length + index, now);
    }
  }
  return {
    namespace: DETAIL_NAMESPACE,
    name: DETAIL_TARGET,
    targetPods: nodes.length,
    otherPods: index,
    nodes: nodes.length,
    elapsedMs: Date.now() - started,
  };
}
