import { parseQuantity } from './quantity.js';
import { record, records } from './guards.js';

// A pod's effective requests as the scheduler computes them (component-helpers PodRequests), for the backend's node
// room (pods already on a node, raw JSON) and the wizard's fit check (the new template) alike. Read loosely: raw JSON
// from the cluster may hold anything where a list or a quantity is expected.

export interface Requests {
  /** Milli-CPU. */
  cpu: number;
  /** Bytes. */
  memory: number;
}

const amount = (value: unknown): number | undefined =>
  typeof value === 'number' ? value : typeof value === 'string' ? parseQuantity(value) : undefined;

const add = (a: Requests, b: Requests): Requests => ({ cpu: a.cpu + b.cpu, memory: a.memory + b.memory });
const max = (a: Requests, b: Requests): Requests => ({
  cpu: Math.max(a.cpu, b.cpu),
  memory: Math.max(a.memory, b.memory),
});

// Rounded up as the API rounds a quantity to its unit, past float noise (0.102 * 1000 is 102.00000000000001).
const up = (value: number): number => Math.ceil(value - 1e-6);

function containerRequests(container: Record<string, unknown>): Requests {
  const resources = record(container.resources);
  const requests = record(resources.requests);
  // A limit without a request is defaulted to the request by the API server.
  const limits = record(resources.limits);
  const pick = (name: string): number => amount(requests[name]) ?? amount(limits[name]) ?? 0;
  return { cpu: up(pick('cpu') * 1000), memory: up(pick('memory')) };
}

/**
 * The sum of the containers and the restartable init containers (sidecars), or the largest init container step if that
 * is more, plus the pod overhead.
 */
export function podRequests(spec: unknown): Requests {
  const pod = record(spec);
  let sum = records(pod.containers).reduce<Requests>((acc, c) => add(acc, containerRequests(c)), { cpu: 0, memory: 0 });
  let sidecars: Requests = { cpu: 0, memory: 0 };
  let initPeak: Requests = { cpu: 0, memory: 0 };
  for (const init of records(pod.initContainers)) {
    const own = containerRequests(init);
    if (init.restartPolicy === 'Always') {
      sum = add(sum, own);
      sidecars = add(sidecars, own);
      initPeak = max(initPeak, sidecars);
    } else initPeak = max(initPeak, add(own, sidecars));
  }
  const overhead = record(pod.overhead);
  return add(max(sum, initPeak), {
    cpu: up((amount(overhead.cpu) ?? 0) * 1000),
    memory: up(amount(overhead.memory) ?? 0),
  });
}
