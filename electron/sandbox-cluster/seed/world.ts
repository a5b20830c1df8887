// seedWorld: the cluster a new user (and every test) starts with. Idempotent: objects that already exist (state
// restored from --data) are left as they are.

import type { ClusterApi, KubeObject, ObjectMeta, ResourceName } from '../types.js';
import { seedAccess } from './access.js';
import { nodeObject, planNodes } from './nodes.js';
import { kubeProxy, kubeProxyConfig, staticPods } from './system.js';
import { logCollector, nodeExporter } from './workloads.js';

type NewObject = Omit<KubeObject, 'metadata'> & { metadata: Partial<ObjectMeta> };

const NAMESPACES = ['default', 'kube-system', 'kube-public', 'kube-node-lease', 'monitoring', 'team-a', 'team-b'];

function ensure(api: ClusterApi, resource: ResourceName, object: NewObject, status?: Record<string, unknown>): void {
  const { namespace, name } = object.metadata;
  if (!name || api.get(resource, namespace, name)) return;
  const created = api.create(resource, object);
  // Most kinds drop status on create (as the real API server does); write it through /status.
  if (status) api.updateStatus(resource, { ...created, status });
}

function configMaps(): NewObject[] {
  return [
    {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'app-config', namespace: 'team-a', labels: { app: 'web' } },
      data: { LOG_LEVEL: 'info', FEATURE_FLAGS: 'search,checkout', 'app.properties': 'cache.ttl=300\nretries=3\n' },
    },
    {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: {
        name: 'fluent-bit-config',
        namespace: 'kube-system',
        labels: { 'app.kubernetes.io/name': 'fluent-bit' },
      },
      data: {
        'fluent-bit.conf':
          '[SERVICE]\n    Flush 5\n    Log_Level info\n    HTTP_Server On\n    HTTP_Port 2020\n\n' +
          '[INPUT]\n    Name tail\n    Path /var/log/containers/*.log\n    Tag kube.*\n\n' +
          '[OUTPUT]\n    Name stdout\n    Match *\n',
      },
    },
    {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'scrape-config', namespace: 'monitoring' },
      data: { 'scrape.yaml': 'scrape_interval: 30s\ntargets:\n  - job: node-exporter\n    port: 9100\n' },
    },
  ];
}

function registrySecret(): NewObject {
  // Placeholder credentials for a registry that does not exist; the point is the Secret's type and shape.
  const auth = Buffer.from('team-a-bot:sandbox-placeholder').toString('base64');
  const config = {
    auths: { 'registry.example.com': { username: 'team-a-bot', password: 'sandbox-placeholder', auth } },
  };
  return {
    apiVersion: 'v1',
    kind: 'Secret',
    type: 'kubernetes.io/dockerconfigjson',
    metadata: { name: 'registry-credentials', namespace: 'team-a' },
    data: { '.dockerconfigjson': Buffer.from(JSON.stringify(config)).toString('base64') },
  };
}

function claim(
  name: string,
  mode: string,
  size: string,
  storageClassName: string,
  volume: string,
): [NewObject, Record<string, unknown>] {
  return [
    {
      apiVersion: 'v1',
      kind: 'PersistentVolumeClaim',
      metadata: {
        name,
        namespace: 'team-a',
        annotations: { 'pv.kubernetes.io/bind-completed': 'yes', 'pv.kubernetes.io/bound-by-controller': 'yes' },
      },
      spec: {
        accessModes: [mode],
        resources: { requests: { storage: size } },
        storageClassName,
        volumeMode: 'Filesystem',
        volumeName: volume,
      },
    },
    { phase: 'Bound', accessModes: [mode], capacity: { storage: size } },
  ];
}

export function seedWorld(api: ClusterApi, opts: { nodes: number }): void {
  for (const name of NAMESPACES) ensure(api, 'namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name } });
  seedAccess(api);
  const now = api.now();
  for (const plan of planNodes(opts.nodes)) {
    ensure(api, 'nodes', nodeObject(plan, now));
    const node = api.get('nodes', undefined, plan.name);
    if (plan.role === 'control-plane' && node) {
      for (const pod of staticPods({ name: plan.name, uid: node.metadata.uid })) ensure(api, 'pods', pod);
    }
  }
  ensure(api, 'resourcequotas', {
    apiVersion: 'v1',
    kind: 'ResourceQuota',
    metadata: { name: 'team-a-quota', namespace: 'team-a' },
    spec: { hard: { pods: '50', 'requests.cpu': '8', 'requests.memory': '16Gi' } },
  });
  for (const cm of configMaps()) ensure(api, 'configmaps', cm);
  ensure(api, 'secrets', registrySecret());
  for (const [pvc, status] of [
    claim('data-rwo', 'ReadWriteOnce', '10Gi', 'standard', 'pvc-3f1c2a7e-5b8d-4c1e-9a6f-0d2b7c4e8a11'),
    claim('shared-rwx', 'ReadWriteMany', '50Gi', 'nfs-client', 'pvc-8e4d6b2a-1c3f-4a5e-b7d9-2f6a8c0e4b33'),
  ]) {
    ensure(api, 'persistentvolumeclaims', pvc, status);
  }
  ensure(api, 'configmaps', kubeProxyConfig());
  ensure(api, 'daemonsets', kubeProxy());
  ensure(api, 'daemonsets', nodeExporter());
  ensure(api, 'daemonsets', logCollector());
}
