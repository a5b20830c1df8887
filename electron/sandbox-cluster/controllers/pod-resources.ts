// What a pod asks of a node, as kube-scheduler's NodeResourcesFit and NodePorts plugins count it: the pod's effective
// requests (component-helpers PodRequests: containers summed, init containers as a running maximum with sidecars
// added, plus overhead) and the host ports its containers open.

import { parseQuantity } from '../apimachinery/quantity.js';
import type { Container, PodSpec } from './kinds.js';

/** Resource name -> amount: cpu in millicores, everything else in whole base units (bytes, devices). */
export type ResourceAmounts = Map<string, number>;

export interface HostPort {
  ip: string;
  protocol: string;
  port: number;
}

/** Quantity.MilliValue() for cpu, Quantity.Value() (rounded up) for the rest. */
export function amountOf(resource: string, text: unknown): number {
  const value = parseQuantity(text) ?? 0;
  return resource === 'cpu' ? Math.ceil(Math.round(value * 1e9) / 1e6) : Math.ceil(value);
}

function containerRequests(c: Container): ResourceAmounts {
  // The API server defaults a request to its limit when only the limit is given; the same value counts here.
  const requests = c.resources?.requests ?? {};
  const limits = c.resources?.limits ?? {};
  const out: ResourceAmounts = new Map();
  for (const name of new Set([...Object.keys(limits), ...Object.keys(requests)])) {
    const text = requests[name] ?? limits[name];
    out.set(name, amountOf(name, text));
  }
  return out;
}

function add(into: ResourceAmounts, more: ResourceAmounts): void {
  for (const [name, value] of more) into.set(name, (into.get(name) ?? 0) + value);
}

function max(into: ResourceAmounts, other: ResourceAmounts): void {
  for (const [name, value] of other) into.set(name, Math.max(into.get(name) ?? 0, value));
}

/** The pod's effective requests (pods are not counted here: every pod takes one of the node's pod slots). */
export function podRequests(spec: PodSpec): ResourceAmounts {
  const total: ResourceAmounts = new Map();
  for (const c of spec.containers ?? []) add(total, containerRequests(c));
  const sidecars: ResourceAmounts = new Map();
  const initMax: ResourceAmounts = new Map();
  for (const c of spec.initContainers ?? []) {
    const own = containerRequests(c);
    if (c.restartPolicy === 'Always') {
      // A sidecar keeps running beside the main containers, and beside every init container after it.
      add(total, own);
      add(sidecars, own);
      max(initMax, sidecars);
    } else {
      const during = new Map(own);
      add(during, sidecars);
      max(initMax, during);
    }
  }
  max(total, initMax);
  const overhead = (spec.overhead ?? {}) as Record<string, string>;
  for (const [name, text] of Object.entries(overhead)) total.set(name, (total.get(name) ?? 0) + amountOf(name, text));
  return total;
}

/** Host ports of the pod's containers (NodePorts ignores init containers), with the API server's defaults. */
export function podHostPorts(spec: PodSpec): HostPort[] {
  const out: HostPort[] = [];
  for (const c of spec.containers ?? []) {
    const ports = (c.ports ?? []) as {
      hostPort?: number;
      hostIP?: string;
      protocol?: string;
      containerPort?: number;
    }[];
    for (const p of ports) {
      const port = p.hostPort ?? (spec.hostNetwork ? p.containerPort : undefined);
      if (!port || port <= 0) continue;
      out.push({ ip: p.hostIP || '0.0.0.0', protocol: p.protocol || 'TCP', port });
    }
  }
  return out;
}

/** HostPortInfo.CheckConflict: the same protocol and port, on the same IP or where either side is 0.0.0.0. */
export function portsConflict(wanted: HostPort[], used: HostPort[]): boolean {
  return wanted.some((w) =>
    used.some(
      (u) =>
        u.port === w.port && u.protocol === w.protocol && (u.ip === w.ip || u.ip === '0.0.0.0' || w.ip === '0.0.0.0'),
    ),
  );
}

/** Resources the scheduler compares against allocatable one by one (the rest are ignored, as upstream does). */
export function isScalarResource(name: string): boolean {
  return name.startsWith('hugepages-') || name.startsWith('attachable-volumes-') || name.includes('/');
}
