// The seed world's nodes: one control plane (tainted), workers spread over three zones, one cordoned, one with a GPU,
// one smaller arm64 node, with the labels, capacity, allocatable, addresses, nodeInfo and pre-pulled images a real
// managed cluster reports.

import type { KubeObject, ObjectMeta } from '../types.js';
import { bootImages } from './system.js';

type NewObject = Omit<KubeObject, 'metadata'> & { metadata: Partial<ObjectMeta> };

const ZONES = ['eu-west-1a', 'eu-west-1b', 'eu-west-1c'];
const KUBELET_VERSION = 'v1.32.2';

export interface NodePlan {
  name: string;
  role: 'control-plane' | 'worker';
  zone: string;
  arch: 'amd64' | 'arm64';
  instanceType: string;
  cordoned: boolean;
  gpu: boolean;
  index: number;
}

type Special = 'arm64' | 'gpu' | 'cordoned';

/** Which worker index gets which special role: workers 3-5 from six nodes up (the default world), else the last ones. */
function specialWorkers(total: number): Map<number, Special> {
  const roles = new Map<number, Special>();
  if (total >= 6) {
    roles.set(3, 'arm64').set(4, 'gpu').set(5, 'cordoned');
    return roles;
  }
  // With fewer nodes the special ones come first (control plane, cordoned, GPU, arm64), as many as fit; they keep
  // the default world's relative order (arm64, GPU, cordoned) at the end of the worker list.
  const wanted = (['cordoned', 'gpu', 'arm64'] as Special[]).slice(0, Math.max(0, total - 1));
  const ordered = (['arm64', 'gpu', 'cordoned'] as Special[]).filter((s) => wanted.includes(s));
  const first = total - ordered.length;
  ordered.forEach((role, i) => roles.set(first + i, role));
  return roles;
}

/** The node layout for exactly `count` nodes: control-plane-1, then worker-1..N-1. */
export function planNodes(count: number): NodePlan[] {
  const total = Math.max(0, Math.floor(count));
  const special = specialWorkers(total);
  const plans: NodePlan[] = [];
  for (let i = 0; i < total; i++) {
    const base = {
      zone: ZONES[i % ZONES.length] ?? 'eu-west-1a',
      arch: 'amd64' as const,
      instanceType: 'm6i.xlarge',
      cordoned: false,
      gpu: false,
      index: i,
    };
    const name = `worker-${i}`;
    const role = special.get(i);
    if (i === 0) {
      plans.push({ ...base, name: 'control-plane-1', role: 'control-plane', instanceType: 'm6i.large' });
    } else if (role === 'arm64') {
      // A smaller Graviton node: a request that fits the other workers may not fit here.
      plans.push({ ...base, name, role: 'worker', arch: 'arm64', instanceType: 'm7g.large' });
    } else if (role === 'gpu') {
      plans.push({ ...base, name, role: 'worker', instanceType: 'g5.xlarge', gpu: true });
    } else if (role === 'cordoned') {
      plans.push({ ...base, name, role: 'worker', cordoned: true });
    } else {
      plans.push({ ...base, name, role: 'worker' });
    }
  }
  return plans;
}

function hex(seed: number, length: number): string {
  let out = '';
  let x = (seed + 1) * 2654435761;
  while (out.length < length) {
    x = (Math.imul(x ^ (x >>> 15), 2246822519) + 0x9e3779b9) >>> 0;
    out += x.toString(16).padStart(8, '0');
  }
  return out.slice(0, length);
}

function condition(type: string, status: string, reason: string, message: string, at: string) {
  return { type, status, lastHeartbeatTime: at, lastTransitionTime: at, reason, message };
}

export function nodeObject(plan: NodePlan, now: number): NewObject {
  const at = new Date(now).toISOString().replace(/\.\d{3}Z$/, 'Z');
  const labels: Record<string, string> = {
    'beta.kubernetes.io/arch': plan.arch,
    'beta.kubernetes.io/os': 'linux',
    'kubernetes.io/arch': plan.arch,
    'kubernetes.io/hostname': plan.name,
    'kubernetes.io/os': 'linux',
    'node.kubernetes.io/instance-type': plan.instanceType,
    'topology.kubernetes.io/region': 'eu-west-1',
    'topology.kubernetes.io/zone': plan.zone,
  };
  const taints: { key: string; effect: string; timeAdded?: string }[] = [];
  if (plan.role === 'control-plane') {
    labels['node-role.kubernetes.io/control-plane'] = '';
    taints.push({ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' });
  }
  if (plan.gpu) labels['nvidia.com/gpu.present'] = 'true';
  if (plan.cordoned) taints.push({ key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule', timeAdded: at });
  const cpu = plan.instanceType.endsWith('.large') ? 2 : 4;
  const memoryKi = cpu === 2 ? 8_040_312 : 16_203_940;
  const capacity: Record<string, string> = {
    cpu: String(cpu),
    'ephemeral-storage': '104845292Ki',
    'hugepages-1Gi': '0',
    'hugepages-2Mi': '0',
    memory: `${memoryKi}Ki`,
    pods: '110',
  };
  const allocatable: Record<string, string> = {
    ...capacity,
    cpu: `${cpu * 1000 - 80}m`,
    memory: `${memoryKi - 565_000}Ki`,
    'ephemeral-storage': '96625420948',
  };
  if (plan.gpu) {
    capacity['nvidia.com/gpu'] = '1';
    allocatable['nvidia.com/gpu'] = '1';
  }
  const ip = `10.0.${plan.index % 3}.${20 + plan.index}`;
  const spec: Record<string, unknown> = {
    podCIDR: `10.244.${plan.index}.0/24`,
    podCIDRs: [`10.244.${plan.index}.0/24`],
    providerID: `aws:///${plan.zone}/i-0${hex(plan.index, 16)}`,
  };
  if (taints.length > 0) spec.taints = taints;
  if (plan.cordoned) spec.unschedulable = true;
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name: plan.name, labels, annotations: { 'node.alpha.kubernetes.io/ttl': '0' } },
    spec,
    status: {
      capacity,
      allocatable,
      conditions: [
        condition(
          'MemoryPressure',
          'False',
          'KubeletHasSufficientMemory',
          'kubelet has sufficient memory available',
          at,
        ),
        condition('DiskPressure', 'False', 'KubeletHasNoDiskPressure', 'kubelet has no disk pressure', at),
        condition('PIDPressure', 'False', 'KubeletHasSufficientPID', 'kubelet has sufficient PID available', at),
        condition('Ready', 'True', 'KubeletReady', 'kubelet is posting ready status', at),
      ],
      addresses: [
        { type: 'InternalIP', address: ip },
        { type: 'Hostname', address: plan.name },
      ],
      daemonEndpoints: { kubeletEndpoint: { Port: 10250 } },
      nodeInfo: {
        machineID: hex(plan.index + 100, 32),
        systemUUID: `ec2${hex(plan.index + 200, 5)}-${hex(plan.index + 300, 4)}-${hex(plan.index + 400, 4)}-${hex(plan.index + 500, 4)}-${hex(plan.index + 600, 12)}`,
        bootID: `${hex(plan.index + 700, 8)}-${hex(plan.index + 800, 4)}-${hex(plan.index + 900, 4)}-${hex(plan.index + 1000, 4)}-${hex(plan.index + 1100, 12)}`,
        kernelVersion: plan.arch === 'arm64' ? '6.1.0-25-cloud-arm64' : '6.1.0-25-cloud-amd64',
        osImage: 'Debian GNU/Linux 12 (bookworm)',
        containerRuntimeVersion: 'containerd://1.7.22',
        kubeletVersion: KUBELET_VERSION,
        kubeProxyVersion: KUBELET_VERSION,
        operatingSystem: 'linux',
        architecture: plan.arch,
      },
      images: bootImages(plan.role === 'control-plane').map((image, i) => ({
        names: [image],
        sizeBytes: 300_000 + ((plan.index * 7 + i * 13) % 50) * 1_000_000,
      })),
    },
  };
}
