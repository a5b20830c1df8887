import { podRequests } from '../../../common/pod-requests.js';
import { parseQuantity } from '../../../common/quantity.js';
import type { NodeRoom } from '../../contract/index.js';
import { isRecord, records } from '../../../common/guards.js';

// Room on each node, as the scheduler's NodeResourcesFit and NodePorts filters count it: the node's allocatable, the
// requests of the pods already bound there that have not finished, and the host ports they hold. The wizard's
// coverage preview checks a new pod template against it before anything is created.

/** A resource.Quantity's value (`500m` → 0.5, `1Gi` → 1073741824); undefined when it is not one. */
export function quantity(text: unknown): number | undefined {
  if (typeof text === 'number') return text;
  return typeof text === 'string' ? parseQuantity(text) : undefined;
}

export { podRequests };

/** The host ports a pod spec holds (with hostNetwork every container port is one), init containers included. */
// Most pods take no host port: they share one empty list (never written to) instead of one each.
const NO_HOST_PORTS: { port: number; protocol: string; hostIP?: string }[] = Object.freeze([]) as never;

export function hostPortsOf(spec: Record<string, unknown>): { port: number; protocol: string; hostIP?: string }[] {
  const hostNetwork = spec.hostNetwork === true;
  const ports = [...records(spec.containers), ...records(spec.initContainers)].flatMap((c) =>
    records(c.ports).flatMap((p) => {
      const port = typeof p.hostPort === 'number' && p.hostPort > 0 ? p.hostPort : hostNetwork ? p.containerPort : 0;
      if (typeof port !== 'number' || port <= 0) return [];
      const use: { port: number; protocol: string; hostIP?: string } = {
        port,
        protocol: typeof p.protocol === 'string' ? p.protocol : 'TCP',
      };
      if (typeof p.hostIP === 'string' && p.hostIP !== '') use.hostIP = p.hostIP;
      return [use];
    }),
  );
  return ports.length === 0 ? NO_HOST_PORTS : ports;
}

/** What a pod bound to a node takes there. */
export interface PodUse {
  node: string;
  pod: string;
  cpu: number;
  memory: number;
  hostPorts: { port: number; protocol: string; hostIP?: string }[];
  daemonSetUid?: string;
}

/** A pod as listed (raw JSON) → what it takes on its node; undefined for a pod not bound or already finished. */
export function projectPodUse(raw: unknown): PodUse | undefined {
  if (!isRecord(raw) || !isRecord(raw.metadata) || !isRecord(raw.spec)) return undefined;
  const spec = raw.spec;
  const phase = isRecord(raw.status) ? raw.status.phase : undefined;
  if (typeof spec.nodeName !== 'string' || spec.nodeName === '' || phase === 'Succeeded' || phase === 'Failed') {
    return undefined;
  }
  const meta = raw.metadata;
  const owner = records(meta.ownerReferences).find((o) => o.controller === true && o.kind === 'DaemonSet');
  const use: PodUse = {
    node: spec.nodeName,
    pod: `${String(meta.namespace ?? '')}/${String(meta.name ?? '')}`,
    ...podRequests(spec),
    hostPorts: hostPortsOf(spec),
  };
  if (owner && typeof owner.uid === 'string') use.daemonSetUid = owner.uid;
  return use;
}

/** A node's room: its allocatable, and the sum of what its pods take, with each DaemonSet's own share. */
export function nodeRoom(allocatable: Record<string, string | number>, pods: PodUse[]): NodeRoom {
  const room: NodeRoom = {
    allocatable: {},
    requested: { cpu: 0, memory: 0, pods: pods.length },
    hostPorts: [],
    daemonSets: [],
  };
  const cpu = quantity(allocatable.cpu);
  const memory = quantity(allocatable.memory);
  const podLimit = quantity(allocatable.pods);
  if (cpu !== undefined) room.allocatable.cpu = Math.floor(cpu * 1000);
  if (memory !== undefined) room.allocatable.memory = Math.floor(memory);
  if (podLimit !== undefined) room.allocatable.pods = Math.floor(podLimit);
  for (const use of pods) {
    room.requested.cpu += use.cpu;
    room.requested.memory += use.memory;
    for (const port of use.hostPorts) {
      room.hostPorts.push(
        use.daemonSetUid ? { ...port, pod: use.pod, daemonSetUid: use.daemonSetUid } : { ...port, pod: use.pod },
      );
    }
    if (use.daemonSetUid) room.daemonSets.push({ uid: use.daemonSetUid, cpu: use.cpu, memory: use.memory });
  }
  return room;
}
