// What the kubelets know about nodes: which exist, their InternalIP, and a per-node pod IP allocator (10.244.N.x,
// from the node's podCIDR when it has one).

import type { Subscribable } from '../controllers/event-bus.js';
import type { ClusterApi, KubeObject } from '../types.js';
import { fullName, parseImage } from './images.js';

export interface NodeInfo {
  hostIP: string;
  /** First three octets of the node's pod range, e.g. `10.244.3`. */
  podPrefix: string;
  nextHost: number;
  /** Images the node reported at boot (status.images), fully qualified: already present, never pulled. */
  bootImages: Set<string>;
}

function infoOf(node: KubeObject, index: number): NodeInfo {
  const addresses = (node.status?.addresses ?? []) as { type: string; address: string }[];
  const internal = addresses.find((a) => a.type === 'InternalIP')?.address ?? `192.168.0.${10 + index}`;
  const cidr = typeof node.spec?.podCIDR === 'string' ? (node.spec.podCIDR as string) : `10.244.${index}.0/24`;
  const prefix = (cidr.split('/')[0] ?? '').split('.').slice(0, 3).join('.');
  const images = (node.status?.images ?? []) as { names?: string[] }[];
  const bootImages = new Set(images.flatMap((i) => i.names ?? []).map((n) => fullName(parseImage(n))));
  return { hostIP: internal, podPrefix: prefix, nextHost: 2, bootImages };
}

export class NodeDirectory {
  private readonly nodes = new Map<string, NodeInfo>();
  private readonly unsubscribe: () => void;
  private counter = 0;

  constructor(api: ClusterApi, events: Subscribable = api) {
    for (const node of api.list('nodes')) this.nodes.set(node.metadata.name, infoOf(node, this.counter++));
    this.unsubscribe = events.subscribe((event) => {
      if (event.resource !== 'nodes') return;
      const name = event.object.metadata.name;
      if (event.type === 'DELETED') this.nodes.delete(name);
      else if (!this.nodes.has(name)) this.nodes.set(name, infoOf(event.object, this.counter++));
      else {
        const known = this.nodes.get(name) as NodeInfo;
        const fresh = infoOf(event.object, 0);
        known.hostIP = fresh.hostIP;
      }
    });
  }

  get(name: string): NodeInfo | undefined {
    return this.nodes.get(name);
  }

  allocatePodIP(name: string): string {
    const info = this.nodes.get(name);
    if (!info) return '';
    const host = info.nextHost;
    // Wrap within .2-.254; a 24-bit range is far more than any sandbox node runs at once.
    info.nextHost = host >= 254 ? 2 : host + 1;
    return `${info.podPrefix}.${host}`;
  }

  stop(): void {
    this.unsubscribe();
  }
}
