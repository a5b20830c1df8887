// Will the pod fit on the node? The scheduler's NodeResourcesFit and NodePorts filters, applied before creation to
// each node the DaemonSet wants: the DaemonSet controller creates a pod there regardless, and where it does not fit
// the pod stays Pending ("0/6 nodes are available: 1 Insufficient cpu"). The room on each node (allocatable, the
// requests and host ports of the pods already there) comes from the backend (NodeRoom).
import type { PodSpec } from 'kubernetes-types/core/v1';
import { podRequests } from './pod-requests.js';

/** A host port held on a node, by which pod (`namespace/name`), and the DaemonSet that owns it if one does. */
export interface HostPortHeld {
  port: number;
  protocol: string;
  hostIP?: string;
  pod: string;
  daemonSetUid?: string;
}

/**
 * Room on a node as the scheduler counts it: allocatable (milli-CPU, bytes, pods; absent where the node does not
 * say) against the requests of the pods bound there that have not finished. `daemonSets`: each DaemonSet's pod
 * on the node, so that an update can leave out the pod it replaces.
 */
export interface NodeRoom {
  allocatable: { cpu?: number; memory?: number; pods?: number };
  requested: { cpu: number; memory: number; pods: number };
  hostPorts: HostPortHeld[];
  daemonSets: { uid: string; cpu: number; memory: number }[];
}

export type FitProblem =
  /** Milli-CPU or bytes: what the pod asks for and what is left on the node. */
  | { kind: 'cpu' | 'memory'; need: number; free: number }
  /** The node runs as many pods as its allocatable allows. */
  | { kind: 'pods'; max: number }
  /** Another pod on the node holds the host port (`namespace/name`). */
  | { kind: 'hostPort'; port: number; protocol: string; holder: string };

/** Host ports the pod takes; with hostNetwork every container port is one. */
function wantedHostPorts(spec: PodSpec): { port: number; protocol: string; hostIP?: string }[] {
  return [...(spec.containers ?? []), ...(spec.initContainers ?? [])].flatMap((c) =>
    (c.ports ?? []).flatMap((p) => {
      const port = p.hostPort && p.hostPort > 0 ? p.hostPort : spec.hostNetwork ? p.containerPort : 0;
      if (!port) return [];
      return [{ port, protocol: p.protocol ?? 'TCP', ...(p.hostIP ? { hostIP: p.hostIP } : {}) }];
    }),
  );
}

// Two uses of a port conflict when their host IPs overlap: the same address, or either one on every address.
const overlaps = (a?: string, b?: string): boolean => !a || !b || a === '0.0.0.0' || b === '0.0.0.0' || a === b;

/**
 * Why a pod with this spec would not fit on the node, empty when it fits. `self`: the uid of the DaemonSet being
 * updated, whose own pod on the node gives its room back (with maxSurge 0 it is deleted before the new one starts).
 */
export function fitProblems(spec: PodSpec, room: NodeRoom, self?: string): FitProblem[] {
  const problems: FitProblem[] = [];
  const own = room.daemonSets.filter((d) => d.uid === self);
  const used = {
    cpu: room.requested.cpu - own.reduce((sum, d) => sum + d.cpu, 0),
    memory: room.requested.memory - own.reduce((sum, d) => sum + d.memory, 0),
    pods: room.requested.pods - own.length,
  };
  const need = podRequests(spec);
  for (const kind of ['cpu', 'memory'] as const) {
    const allocatable = room.allocatable[kind];
    if (allocatable === undefined || need[kind] === 0) continue;
    const free = allocatable - used[kind];
    if (need[kind] > free) problems.push({ kind, need: need[kind], free: Math.max(0, free) });
  }
  if (room.allocatable.pods !== undefined && used.pods + 1 > room.allocatable.pods) {
    problems.push({ kind: 'pods', max: room.allocatable.pods });
  }
  for (const want of wantedHostPorts(spec)) {
    const holder = room.hostPorts.find(
      (h) =>
        h.daemonSetUid !== self &&
        h.port === want.port &&
        h.protocol === want.protocol &&
        overlaps(h.hostIP, want.hostIP),
    );
    if (holder) problems.push({ kind: 'hostPort', port: want.port, protocol: want.protocol, holder: holder.pod });
  }
  return problems;
}

/** Milli-CPU as people write it: 250m, 1.5, 4. */
export function cpuText(milli: number): string {
  if (milli < 1000 && milli % 1000 !== 0) return `${milli}m`;
  return `${Math.round(milli / 10) / 100}`;
}

/** Bytes in the largest binary unit that keeps one decimal: 512Mi, 1.5Gi. */
export function memoryText(bytes: number): string {
  const units = ['Ki', 'Mi', 'Gi', 'Ti'];
  let value = bytes;
  let unit = '';
  for (const next of units) {
    if (value < 1024) break;
    value /= 1024;
    unit = next;
  }
  return `${Math.round(value * 10) / 10}${unit}`;
}
