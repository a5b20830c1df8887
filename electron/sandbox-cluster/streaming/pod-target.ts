// Which container of which pod a streaming request means, checked as kube-apiserver's pod strategy does before it
// dials the kubelet (streamLocation / PortForwardLocation), and whether the kubelet has that container running.
import { badRequest } from '../errors.js';
import type { ServerContext } from '../server/context.js';
import type { ResourceRequest } from '../server/request.js';
import type { KubeObject } from '../types.js';

type Json = Record<string, unknown>;
const names = (v: unknown): string[] =>
  (Array.isArray(v) ? (v as Json[]) : []).map((c) => (typeof c.name === 'string' ? c.name : ''));

export function targetPod(ctx: ServerContext, r: ResourceRequest): KubeObject {
  return ctx.registry.get('pods', r.namespace, r.name ?? '');
}

/** The container a request names, or the pod's only one. */
export function targetContainer(pod: KubeObject, requested: string | null): string {
  const name = pod.metadata.name;
  const containers = names(pod.spec?.containers);
  const inits = names(pod.spec?.initContainers);
  if (!requested) {
    if (containers.length === 1) return containers[0] ?? '';
    if (containers.length === 0) throw badRequest(`a container name must be specified for pod ${name}`);
    let message = `a container name must be specified for pod ${name}, choose one of: [${containers.join(' ')}]`;
    if (inits.length > 0) message += ` or one of the init containers: [${inits.join(' ')}]`;
    throw badRequest(message);
  }
  if (![...containers, ...inits].includes(requested)) {
    throw badRequest(`container ${requested} is not valid for pod ${name}`);
  }
  return requested;
}

export function requireHost(pod: KubeObject): string {
  const node = pod.spec?.nodeName;
  if (typeof node !== 'string' || node === '') {
    throw badRequest(`pod ${pod.metadata.name} does not have a host assigned`);
  }
  return node;
}

/** Whether the container's current instance is running (its status says so). */
export function containerRunning(pod: KubeObject, container: string): boolean {
  const statuses = [
    ...((pod.status?.containerStatuses ?? []) as Json[]),
    ...((pod.status?.initContainerStatuses ?? []) as Json[]),
  ];
  const status = statuses.find((s) => s.name === container);
  return typeof status?.state === 'object' && status.state !== null && 'running' in status.state;
}

/** A boolean query option as the API server's codec reads one (`true`, `1`...). */
export function flag(url: URL, name: string): boolean {
  const v = url.searchParams.get(name);
  return v !== null && v !== '' && v !== '0' && v.toLowerCase() !== 'false';
}
