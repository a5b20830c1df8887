// Light-pod mode's objects (issue 17 point 3, reused by the coverage matrix and fleet benches): nodes and DaemonSet pods
// that carry only what status needs. A light pod is metadata (name, namespace, uid, resourceVersion, creation time,
// labels with the revision hash, the controller ownerReference), spec.nodeName with one container's name and image,
// and status (phase, conditions, containerStatuses). Everything a pod shares with the other pods of its DaemonSet
// revision and state (labels, ownerReferences, containers, the whole status) is one frozen object shared by all of
// them: stored objects are immutable (store/freeze.ts), so sharing is safe and a pod costs little more than its
// name, uid and node. Kubernetes itself would fill many more fields (defaults, managedFields, IPs, times per pod);
// light pods omit them on purpose, and are written by the bench instead of by the scheduler and the kubelets.
import type { KubeObject } from '../types.js';
import { timestamp } from '../store/names.js';

export const HASH_LABEL = 'controller-revision-hash';
export const CONTAINER = 'agent';

/** How a light pod is doing: running and ready, or stuck waiting with a kubelet reason. */
export type LightState = { running: true } | { running: false; reason: LightFailure };
export type LightFailure = 'ImagePullBackOff' | 'CrashLoopBackOff' | 'CreateContainerConfigError';

const MESSAGES: Record<LightFailure, (image: string) => string> = {
  ImagePullBackOff: (image) => `Back-off pulling image "${image}"`,
  CrashLoopBackOff: () => `back-off 5m0s restarting failed container=${CONTAINER}`,
  CreateContainerConfigError: () => 'configmap "agent-config" not found',
};

function freeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) freeze(child);
  }
  return value;
}

/** The status every pod of one revision in one state shares (one object for thousands of pods). */
export function lightStatus(image: string, state: LightState, since: number): Record<string, unknown> {
  const at = timestamp(since);
  const ready = state.running ? 'True' : 'False';
  const conditions = [
    { type: 'PodScheduled', status: 'True', lastTransitionTime: at },
    { type: 'Initialized', status: 'True', lastTransitionTime: at },
    { type: 'ContainersReady', status: ready, lastTransitionTime: at },
    { type: 'Ready', status: ready, lastTransitionTime: at },
  ];
  const waiting = !state.running && { reason: state.reason, message: MESSAGES[state.reason](image) };
  const crashed = !state.running && state.reason === 'CrashLoopBackOff';
  return freeze({
    // A pod whose image never arrived or whose config is missing has not started: Pending, as the kubelet reports.
    phase: state.running || crashed ? 'Running' : 'Pending',
    conditions,
    startTime: at,
    containerStatuses: [
      {
        name: CONTAINER,
        ready: state.running,
        started: state.running,
        restartCount: crashed ? 5 : 0,
        image,
        imageID: '',
        state: waiting ? { waiting } : { running: { startedAt: at } },
      },
    ],
  });
}

/** What all pods of one DaemonSet revision share: labels (with the hash), owner, container. */
export interface RevisionParts {
  hash: string;
  image: string;
  labels: Record<string, string>;
  ownerReferences: unknown[];
  containers: unknown[];
}

export function revisionParts(ds: KubeObject, hash: string, image: string): RevisionParts {
  const template = ds.spec?.template as { metadata?: { labels?: Record<string, string> } } | undefined;
  return freeze({
    hash,
    image,
    labels: { ...(template?.metadata?.labels ?? {}), [HASH_LABEL]: hash },
    ownerReferences: [
      {
        apiVersion: 'apps/v1',
        kind: 'DaemonSet',
        name: ds.metadata.name,
        uid: ds.metadata.uid,
        controller: true,
        blockOwnerDeletion: true,
      },
    ],
    containers: [{ name: CONTAINER, image }],
  });
}

/** One light pod, not yet stamped (the world sets uid and resourceVersion when it commits it). */
export function lightPod(
  parts: RevisionParts,
  namespace: string,
  name: string,
  node: string,
  created: string,
  status: Record<string, unknown>,
): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name,
      namespace,
      uid: '',
      resourceVersion: '',
      creationTimestamp: created,
      labels: parts.labels,
      ownerReferences: parts.ownerReferences as KubeObject['metadata']['ownerReferences'],
    },
    spec: { nodeName: node, containers: parts.containers },
    status,
  };
}

/** A light node: labels a DaemonSet's selector or a matrix filter reads, room, Ready, no images or heartbeats. */
export function lightNode(name: string, index: number, now: number): KubeObject {
  const at = timestamp(now);
  const zone = `zone-${String.fromCharCode(97 + (index % 3))}`;
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name,
      uid: '',
      resourceVersion: '',
      creationTimestamp: at,
      labels: {
        'kubernetes.io/arch': 'amd64',
        'kubernetes.io/hostname': name,
        'kubernetes.io/os': 'linux',
        'topology.kubernetes.io/zone': zone,
        'node-role.kubernetes.io/worker': '',
      },
    },
    spec: {},
    status: {
      capacity: { cpu: '4', memory: '16203940Ki', pods: '110' },
      allocatable: { cpu: '3920m', memory: '15638940Ki', pods: '110' },
      conditions: [
        {
          type: 'Ready',
          status: 'True',
          reason: 'KubeletReady',
          message: 'kubelet is posting ready status',
          lastHeartbeatTime: at,
          lastTransitionTime: at,
        },
      ],
      addresses: [
        { type: 'InternalIP', address: `10.${(index >> 16) & 255}.${(index >> 8) & 255}.${index & 255}` },
        { type: 'Hostname', address: name },
      ],
      nodeInfo: {
        architecture: 'amd64',
        operatingSystem: 'linux',
        kubeletVersion: 'v1.32.2',
        containerRuntimeVersion: 'containerd://1.7.22',
        osImage: 'Debian GNU/Linux 12 (bookworm)',
        kernelVersion: '6.1.0-25-cloud-amd64',
      },
    },
  };
}
