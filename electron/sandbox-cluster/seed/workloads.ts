// The seed world's two running DaemonSets: a node exporter in monitoring and a log collector in kube-system.

import type { KubeObject, ObjectMeta } from '../types.js';

type NewObject = Omit<KubeObject, 'metadata'> & { metadata: Partial<ObjectMeta> };

export function nodeExporter(): NewObject {
  const labels = { 'app.kubernetes.io/name': 'node-exporter', 'app.kubernetes.io/part-of': 'monitoring' };
  return {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: { name: 'node-exporter', namespace: 'monitoring', labels },
    spec: {
      selector: { matchLabels: { 'app.kubernetes.io/name': 'node-exporter' } },
      updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1, maxSurge: 0 } },
      revisionHistoryLimit: 10,
      template: {
        metadata: { labels },
        spec: {
          hostNetwork: true,
          hostPID: true,
          // A metrics agent belongs on every node, whatever its taints.
          tolerations: [{ operator: 'Exists' }],
          containers: [
            {
              name: 'node-exporter',
              image: 'prom/node-exporter:v1.8.2',
              args: ['--path.rootfs=/host', '--web.listen-address=:9100'],
              ports: [{ name: 'metrics', containerPort: 9100, hostPort: 9100, protocol: 'TCP' }],
              resources: { requests: { cpu: '50m', memory: '64Mi' }, limits: { memory: '128Mi' } },
              readinessProbe: { httpGet: { path: '/', port: 9100 }, initialDelaySeconds: 2, periodSeconds: 10 },
              volumeMounts: [{ name: 'root', mountPath: '/host', readOnly: true, mountPropagation: 'HostToContainer' }],
            },
          ],
          volumes: [{ name: 'root', hostPath: { path: '/' } }],
        },
      },
    },
  };
}

export function logCollector(): NewObject {
  const labels = { 'app.kubernetes.io/name': 'fluent-bit', 'app.kubernetes.io/component': 'logging' };
  return {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: { name: 'fluent-bit', namespace: 'kube-system', labels },
    spec: {
      selector: { matchLabels: { 'app.kubernetes.io/name': 'fluent-bit' } },
      updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1, maxSurge: 0 } },
      revisionHistoryLimit: 10,
      template: {
        metadata: { labels },
        spec: {
          tolerations: [{ key: 'node-role.kubernetes.io/control-plane', operator: 'Exists', effect: 'NoSchedule' }],
          containers: [
            {
              name: 'fluent-bit',
              image: 'fluent/fluent-bit:3.1.9',
              ports: [{ name: 'http', containerPort: 2020, protocol: 'TCP' }],
              resources: { requests: { cpu: '100m', memory: '64Mi' }, limits: { memory: '256Mi' } },
              volumeMounts: [
                { name: 'varlog', mountPath: '/var/log', readOnly: true },
                { name: 'config', mountPath: '/fluent-bit/etc/' },
              ],
            },
          ],
          volumes: [
            { name: 'varlog', hostPath: { path: '/var/log' } },
            { name: 'config', configMap: { name: 'fluent-bit-config' } },
          ],
        },
      },
    },
  };
}
