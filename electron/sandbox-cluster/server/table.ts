// meta.k8s.io/v1 Table responses: what `kubectl get` prints (columns of pkg/printers/internalversion/printers.go).

import type { KubeObject } from '../types.js';
import { formatLabels, formatLabelSelector, nodeAddress, nodeRoles, nodeStatus, num, orNone } from './table-format.js';
import { printPod } from './pod-printer.js';
import { AGE, NAME, type Column, type Json } from './table-column.js';

function containers(o: KubeObject, spec: Json | undefined): Json[] {
  return Array.isArray(spec?.containers) ? (spec.containers as Json[]) : [];
}

export const DAEMONSET_COLUMNS: Column[] = [
  NAME,
  {
    name: 'Desired',
    type: 'integer',
    description: 'The total number of nodes that should be running the daemon pod.',
    cell: (o) => num(o.status?.desiredNumberScheduled),
  },
  {
    name: 'Current',
    type: 'integer',
    description: 'The number of nodes that are running at least 1 daemon pod.',
    cell: (o) => num(o.status?.currentNumberScheduled),
  },
  {
    name: 'Ready',
    type: 'integer',
    description:
      'The number of nodes that should be running the daemon pod and have one or more of the daemon pod running and ready.',
    cell: (o) => num(o.status?.numberReady),
  },
  {
    name: 'Up-to-date',
    type: 'integer',
    description: 'The total number of nodes that are running updated daemon pod',
    cell: (o) => num(o.status?.updatedNumberScheduled),
  },
  {
    name: 'Available',
    type: 'integer',
    description:
      'The number of nodes that should be running the daemon pod and have one or more of the daemon pod running and available.',
    cell: (o) => num(o.status?.numberAvailable),
  },
  {
    name: 'Node Selector',
    type: 'string',
    description: 'NodeSelector is a selector which must be true for the pod to fit on a node.',
    cell: (o) => formatLabels(o.spec?.template?.spec?.nodeSelector),
  },
  AGE,
  {
    name: 'Containers',
    type: 'string',
    priority: 1,
    description: 'Names of each container in the template.',
    cell: (o) =>
      containers(o, o.spec?.template?.spec)
        .map((c) => String(c.name))
        .join(','),
  },
  {
    name: 'Images',
    type: 'string',
    priority: 1,
    description: 'Images referenced by each container in the template.',
    cell: (o) =>
      containers(o, o.spec?.template?.spec)
        .map((c) => String(c.image))
        .join(','),
  },
  {
    name: 'Selector',
    type: 'string',
    priority: 1,
    description: 'A label query over pods that are managed by the daemon set.',
    cell: (o) => formatLabelSelector(o.spec?.selector),
  },
];

export const POD_COLUMNS: Column[] = [
  NAME,
  {
    name: 'Ready',
    type: 'string',
    description: 'The aggregate readiness state of this pod for accepting traffic.',
    cell: (o, now) => printPod(o, now).ready,
  },
  {
    name: 'Status',
    type: 'string',
    description: 'The aggregate status of the containers in this pod.',
    cell: (o, now) => printPod(o, now).status,
  },
  {
    name: 'Restarts',
    type: 'string',
    description:
      'The number of times the containers in this pod have been restarted and when the last container in this pod has restarted.',
    cell: (o, now) => printPod(o, now).restarts,
  },
  AGE,
  {
    name: 'IP',
    type: 'string',
    priority: 1,
    description: 'IP address allocated to the pod. Routable at least within the cluster. Empty if not yet allocated.',
    cell: (o) => orNone(o.status?.podIP),
  },
  {
    name: 'Node',
    type: 'string',
    priority: 1,
    description: 'NodeName is a request to schedule this pod onto a specific node.',
    cell: (o) => orNone(o.spec?.nodeName),
  },
  {
    name: 'Nominated Node',
    type: 'string',
    priority: 1,
    description: 'nominatedNodeName is set only when this pod preempts other pods on the node.',
    cell: (o) => orNone(o.status?.nominatedNodeName),
  },
  {
    name: 'Readiness Gates',
    type: 'string',
    priority: 1,
    description: 'If specified, all readiness gates will be evaluated for pod readiness.',
    cell: (o) =>
      Array.isArray(o.spec?.readinessGates) && o.spec.readinessGates.length > 0
        ? String(o.spec.readinessGates.length)
        : '<none>',
  },
];

export const NODE_COLUMNS: Column[] = [
  NAME,
  { name: 'Status', type: 'string', description: 'The status of the node', cell: nodeStatus },
  { name: 'Roles', type: 'string', description: 'The roles of the node', cell: nodeRoles },
  AGE,
  {
    name: 'Version',
    type: 'string',
    description: 'Kubelet Version reported by the node.',
    cell: (o) => String(o.status?.nodeInfo?.kubeletVersion ?? ''),
  },
  {
    name: 'Internal-IP',
    type: 'string',
    priority: 1,
    description: 'List of addresses reachable to the node.',
    cell: (o) => nodeAddress(o, 'InternalIP'),
  },
  {
    name: 'External-IP',
    type: 'string',
    priority: 1,
    description: 'List of addresses reachable to the node.',
    cell: (o) => nodeAddress(o, 'ExternalIP'),
  },
  {
    name: 'OS-Image',
    type: 'string',
    priority: 1,
    description: 'OS Image reported by the node from /etc/os-release (e.g. Debian GNU/Linux 7 (wheezy)).',
    cell: (o) => orNone(o.status?.nodeInfo?.osImage),
  },
  {
    name: 'Kernel-Version',
    type: 'string',
    priority: 1,
    description: "Kernel Version reported by the node from 'uname -r' (e.g. 3.16.0-0.bpo.4-amd64).",
    cell: (o) => orNone(o.status?.nodeInfo?.kernelVersion),
  },
  {
    name: 'Container-Runtime',
    type: 'string',
    priority: 1,
    description: 'ContainerRuntime Version reported by the node through runtime remote API (e.g. containerd://1.4.2).',
    cell: (o) => orNone(o.status?.nodeInfo?.containerRuntimeVersion),
  },
];

export type IncludeObject = 'None' | 'Metadata' | 'Object';

function rowObject(o: KubeObject, include: IncludeObject): unknown {
  if (include === 'None') return undefined;
  if (include === 'Object') return o;
  return { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: o.metadata };
}

export function toTable(
  columnList: readonly Column[] | undefined,
  objects: KubeObject[],
  now: number,
  include: IncludeObject,
  listMeta: Json,
  /** The row's object as the requested version shows it (cells read the stored object). */
  serve: (o: KubeObject) => KubeObject = (o) => o,
): Json {
  const columns = columnList ?? [NAME, AGE];
  return {
    kind: 'Table',
    apiVersion: 'meta.k8s.io/v1',
    metadata: listMeta,
    columnDefinitions: columns.map((c) => ({
      name: c.name,
      type: c.type,
      format: c.format ?? '',
      description: c.description,
      priority: c.priority ?? 0,
    })),
    rows: objects.map((o) => ({ cells: columns.map((c) => c.cell(o, now)), object: rowObject(serve(o), include) })),
  };
}

/** Table wanted? kubectl asks `application/json;as=Table;v=v1;g=meta.k8s.io` (v1beta1 accepted too). */
export function wantsTable(accept: string | undefined): boolean {
  return (accept ?? '').split(',').some((part) => /;\s*as=Table/.test(part) && /g=meta\.k8s\.io/.test(part));
}
