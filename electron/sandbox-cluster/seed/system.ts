// The seed world's system workloads, as kubeadm-style clusters have them: the control plane's static pods (mirror pods
// owned by their node, with kubeadm's requests) and kube-proxy on every node. They take room on the nodes, so a big
// request in a new DaemonSet does not fit everywhere, as on a real cluster.

import { createHash } from 'node:crypto';
import type { KubeObject, ObjectMeta } from '../types.js';

type NewObject = Omit<KubeObject, 'metadata'> & { metadata: Partial<ObjectMeta> };

const VERSION = 'v1.32.2';
const NODE_CRITICAL = 'system-node-critical';
/** What the Priority admission plug-in writes for that class (mirror pods are admitted like any other pod). */
const NODE_CRITICAL_VALUE = 2_000_001_000;
export const PAUSE_IMAGE = 'registry.k8s.io/pause:3.10';

interface StaticPod {
  component: string;
  image: string;
  cpu: string;
  memory?: string;
  command: string[];
}

const STATIC_PODS: StaticPod[] = [
  {
    component: 'etcd',
    image: 'registry.k8s.io/etcd:3.5.16-0',
    cpu: '100m',
    memory: '100Mi',
    command: ['etcd', '--data-dir=/var/lib/etcd', '--listen-client-urls=https://127.0.0.1:2379'],
  },
  {
    component: 'kube-apiserver',
    image: `registry.k8s.io/kube-apiserver:${VERSION}`,
    cpu: '250m',
    command: ['kube-apiserver', '--secure-port=6443', '--authorization-mode=Node,RBAC'],
  },
  {
    component: 'kube-controller-manager',
    image: `registry.k8s.io/kube-controller-manager:${VERSION}`,
    cpu: '200m',
    command: ['kube-controller-manager', '--leader-elect=true', '--use-service-account-credentials=true'],
  },
  {
    component: 'kube-scheduler',
    image: `registry.k8s.io/kube-scheduler:${VERSION}`,
    cpu: '100m',
    command: ['kube-scheduler', '--leader-elect=true'],
  },
];

export const KUBE_PROXY_IMAGE = `registry.k8s.io/kube-proxy:${VERSION}`;

/** Images a node reports in status.images at boot (kubeadm pre-pulls them), so their first start pulls nothing. */
export function bootImages(controlPlane: boolean): string[] {
  const images = [PAUSE_IMAGE, KUBE_PROXY_IMAGE];
  if (controlPlane) images.push(...STATIC_PODS.map((p) => p.image));
  return images;
}

/** The mirror pods of the control plane's static pods on `node` (uid: the node's, for the owner reference). */
export function staticPods(node: { name: string; uid: string }): NewObject[] {
  return STATIC_PODS.map((p) => {
    const hash = createHash('sha256').update(`${node.name}/${p.component}`).digest('hex').slice(0, 32);
    const requests: Record<string, string> = { cpu: p.cpu };
    if (p.memory) requests.memory = p.memory;
    return {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        name: `${p.component}-${node.name}`,
        namespace: 'kube-system',
        labels: { component: p.component, tier: 'control-plane' },
        annotations: {
          'kubernetes.io/config.hash': hash,
          'kubernetes.io/config.mirror': hash,
          'kubernetes.io/config.source': 'file',
        },
        ownerReferences: [{ apiVersion: 'v1', kind: 'Node', name: node.name, uid: node.uid, controller: true }],
      },
      spec: {
        nodeName: node.name,
        hostNetwork: true,
        priorityClassName: NODE_CRITICAL,
        priority: NODE_CRITICAL_VALUE,
        tolerations: [{ operator: 'Exists', effect: 'NoExecute' }],
        containers: [{ name: p.component, image: p.image, command: p.command, resources: { requests } }],
      },
    };
  });
}

export function kubeProxy(): NewObject {
  const labels = { 'k8s-app': 'kube-proxy' };
  return {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: { name: 'kube-proxy', namespace: 'kube-system', labels },
    spec: {
      selector: { matchLabels: labels },
      updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1, maxSurge: 0 } },
      template: {
        metadata: { labels },
        spec: {
          hostNetwork: true,
          priorityClassName: NODE_CRITICAL,
          tolerations: [{ operator: 'Exists' }],
          nodeSelector: { 'kubernetes.io/os': 'linux' },
          containers: [
            {
              name: 'kube-proxy',
              image: KUBE_PROXY_IMAGE,
              command: ['/usr/local/bin/kube-proxy', '--config=/var/lib/kube-proxy/config.conf'],
              resources: { requests: { cpu: '100m' } },
              securityContext: { privileged: true },
              volumeMounts: [{ name: 'kube-proxy', mountPath: '/var/lib/kube-proxy' }],
            },
          ],
          volumes: [{ name: 'kube-proxy', configMap: { name: 'kube-proxy' } }],
        },
      },
    },
  };
}

export function kubeProxyConfig(): NewObject {
  return {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: 'kube-proxy', namespace: 'kube-system', labels: { app: 'kube-proxy' } },
    data: {
      'config.conf':
        'apiVersion: kubeproxy.config.k8s.io/v1alpha1\nkind: KubeProxyConfiguration\nmode: iptables\n' +
        'clusterCIDR: 10.244.0.0/16\n',
    },
  };
}
