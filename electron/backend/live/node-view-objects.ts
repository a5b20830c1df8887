import type { PodSpec } from 'kubernetes-types/core/v1';
import type { DrainNeed, NodeFacts } from '../../contract/index.js';
import type { KubeObject, NodeObject, PodObject } from '../kinds/objects.js';
import type { Projection } from '../kinds/source.js';
import { toNodeSummary } from '../kinds/node-summary.js';
import { projectPodUse, quantity, type PodUse } from '../resources/node-room.js';
import { isRecord, records } from '../../../common/guards.js';
import { drainNeeds, isMirror } from '../apply/drain.js';

// What the node view keeps of each object it watches: never the whole object. A pod keeps what the detail page's pod
// state needs (phase, conditions, container states, names and images), what it takes on the node, its controller and
// what drain must know; a node its facts; a DaemonSet its pod template's spec (for the eligibility rule).

export interface NodeViewPod extends KubeObject {
  /** The pod reduced to what toDetailPod and podProblem read. */
  pod: PodObject;
  /** What it takes on the node (undefined once it has finished). */
  use: PodUse | undefined;
  owner: { kind: string; name: string; uid: string } | undefined;
  mirror: boolean;
  needs: DrainNeed[];
}

const pick = <T extends object>(from: T, keys: (keyof T)[]): Partial<T> =>
  Object.fromEntries(keys.filter((k) => from[k] !== undefined).map((k) => [k, from[k]])) as Partial<T>;

function trimmedPod(raw: PodObject): PodObject {
  const meta = raw.metadata ?? {};
  type Containers = NonNullable<PodObject['spec']>['containers'];
  const containers = (list: Containers | undefined) =>
    (list ?? []).map((c) => pick(c, ['name', 'image']) as NonNullable<Containers>[number]);
  const status = raw.status ?? {};
  return {
    metadata: pick(meta, [
      'name',
      'namespace',
      'uid',
      'resourceVersion',
      'creationTimestamp',
      'deletionTimestamp',
      'labels',
    ]),
    spec: {
      nodeName: raw.spec?.nodeName,
      containers: containers(raw.spec?.containers),
      initContainers: containers(raw.spec?.initContainers),
    },
    status: pick(status, ['phase', 'reason', 'message', 'conditions', 'containerStatuses', 'initContainerStatuses']),
  };
}

export const nodeViewPod: Projection<NodeViewPod> = {
  name: 'node-view',
  project: (raw) => {
    if (!isRecord(raw) || !isRecord(raw.metadata)) return undefined;
    const pod = raw as PodObject;
    const { name, namespace, uid, resourceVersion } = pod.metadata ?? {};
    const ref = records(raw.metadata.ownerReferences).find((o) => o.controller === true);
    return {
      metadata: { name, namespace, uid, resourceVersion },
      pod: trimmedPod(pod),
      use: projectPodUse(raw),
      owner: ref
        ? { kind: String(ref.kind ?? ''), name: String(ref.name ?? ''), uid: String(ref.uid ?? '') }
        : undefined,
      mirror: isMirror(raw),
      needs: drainNeeds(raw),
    };
  },
};

export interface NodeViewNode extends KubeObject {
  facts: Omit<NodeFacts, 'requested'>;
  allocatable: Record<string, string | number>;
}

export const nodeViewNode: Projection<NodeViewNode> = {
  name: 'node-view',
  project: (raw) => {
    if (!isRecord(raw) || !isRecord(raw.metadata)) return undefined;
    const node = raw as NodeObject;
    const { name, uid, resourceVersion } = node.metadata ?? {};
    const summary = toNodeSummary(node);
    const allocatable = isRecord(node.status?.allocatable) ? node.status.allocatable : {};
    const amount = (key: string, scale: number): number | undefined => {
      const value = quantity(allocatable[key]);
      return value === undefined ? undefined : Math.floor(value * scale);
    };
    const cpu = amount('cpu', 1000);
    const memory = amount('memory', 1);
    const pods = amount('pods', 1);
    return {
      metadata: { name, uid, resourceVersion },
      allocatable,
      facts: {
        name: summary.name,
        labels: summary.labels,
        taints: summary.taints,
        unschedulable: summary.unschedulable,
        conditions: (node.status?.conditions ?? []).map((c) => ({
          type: c.type,
          status: c.status,
          ...(c.reason ? { reason: c.reason } : {}),
          ...(c.message ? { message: c.message } : {}),
        })),
        allocatable: {
          ...(cpu !== undefined ? { cpu } : {}),
          ...(memory !== undefined ? { memory } : {}),
          ...(pods !== undefined ? { pods } : {}),
        },
      },
    };
  },
};

export interface NodeViewDaemonSet extends KubeObject {
  /** The pod template's spec, which the eligibility and fit rules read. */
  podSpec: PodSpec;
  minReadySeconds: number;
}

export const nodeViewDaemonSet: Projection<NodeViewDaemonSet> = {
  name: 'pod-spec',
  project: (raw) => {
    if (!isRecord(raw) || !isRecord(raw.metadata)) return undefined;
    const { name, namespace, uid, resourceVersion } = raw.metadata as KubeObject['metadata'] & object;
    const template = isRecord(raw.spec) && isRecord(raw.spec.template) ? raw.spec.template : {};
    const spec = (isRecord(template.spec) ? template.spec : {}) as unknown as PodSpec;
    const fitting = (list: PodSpec['containers'] | undefined) =>
      (list ?? []).map(
        (c) => pick(c, ['name', 'resources', 'ports', 'restartPolicy']) as PodSpec['containers'][number],
      );
    const podSpec: PodSpec = {
      ...pick(spec, ['nodeName', 'nodeSelector', 'affinity', 'tolerations', 'hostNetwork', 'overhead']),
      containers: fitting(spec.containers),
      initContainers: fitting(spec.initContainers),
    };
    const minReadySeconds =
      isRecord(raw.spec) && typeof raw.spec.minReadySeconds === 'number' ? raw.spec.minReadySeconds : 0;
    return { metadata: { name, namespace, uid, resourceVersion }, podSpec, minReadySeconds };
  },
};
