// Manifest -> form for every field, and round trips: an imported manifest with fields the form lacks comes back out
// unchanged, and editing one field changes only that field.
import { describe, expect, it } from 'vitest';
import { formFromManifest, manifestFromForm, type DaemonSet } from '../../../../renderer/wizard/form';

/** A manifest as someone might import it: every form field, plus many the form does not show. */
function imported(): DaemonSet {
  return {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: {
      name: 'log-agent',
      namespace: 'team-a',
      labels: { app: 'log-agent', tier: 'node' },
      annotations: {
        'kubesphere.io/alias-name': 'Log agent',
        'kubesphere.io/description': 'Ships logs',
        'example.com/owner': 'ops',
      },
    },
    spec: {
      selector: { matchLabels: { app: 'log-agent' } },
      revisionHistoryLimit: 5,
      minReadySeconds: 10,
      updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '10%', maxSurge: 0 } },
      template: {
        metadata: { labels: { app: 'log-agent', tier: 'node' }, annotations: { 'prometheus.io/scrape': 'true' } },
        spec: {
          hostNetwork: true,
          dnsPolicy: 'ClusterFirstWithHostNet',
          terminationGracePeriodSeconds: 5,
          serviceAccountName: 'log-agent',
          imagePullSecrets: [{ name: 'registry-credentials' }],
          affinity: {
            nodeAffinity: {
              requiredDuringSchedulingIgnoredDuringExecution: {
                nodeSelectorTerms: [
                  { matchExpressions: [{ key: 'kubernetes.io/hostname', operator: 'In', values: ['worker-1'] }] },
                ],
              },
            },
            podAntiAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [] },
          },
          tolerations: [
            { operator: 'Exists' },
            { key: 'dedicated', operator: 'Equal', value: 'logs', effect: 'NoSchedule' },
          ],
          initContainers: [{ name: 'init', image: 'busybox:1.36', command: ['sh', '-c', 'true'] }],
          containers: [
            {
              name: 'agent',
              image: 'fluent/fluent-bit:3.1.9',
              imagePullPolicy: 'IfNotPresent',
              workingDir: '/fluent-bit',
              args: ['-c', '/etc/fb.conf'],
              ports: [
                { name: 'http', containerPort: 2020, protocol: 'TCP' },
                { containerPort: 8125, protocol: 'UDP', hostPort: 8125, hostIP: '0.0.0.0' },
              ],
              env: [
                { name: 'MODE', value: 'tail' },
                {
                  name: 'LEVEL',
                  valueFrom: { configMapKeyRef: { name: 'app-config', key: 'LOG_LEVEL', optional: true } },
                },
                { name: 'TOKEN', valueFrom: { secretKeyRef: { name: 'creds', key: 'token' } } },
                { name: 'NODE', valueFrom: { fieldRef: { fieldPath: 'spec.nodeName' } } },
              ],
              envFrom: [{ configMapRef: { name: 'app-config' }, prefix: 'APP_' }, { secretRef: { name: 'creds' } }],
              resources: {
                requests: { cpu: '100m', memory: '64Mi', 'ephemeral-storage': '1Gi' },
                limits: { memory: '256Mi' },
              },
              readinessProbe: {
                httpGet: { path: '/', port: 2020, scheme: 'HTTP' },
                periodSeconds: 10,
                successThreshold: 1,
              },
              livenessProbe: { exec: { command: ['cat', '/tmp/ok'] }, failureThreshold: 3 },
              securityContext: { privileged: true, runAsUser: 0, capabilities: { add: ['SYS_ADMIN'] } },
              volumeMounts: [
                { name: 'varlog', mountPath: '/var/log', readOnly: true, mountPropagation: 'HostToContainer' },
                { name: 'data', mountPath: '/data', subPath: 'agent' },
                { name: 'config', mountPath: '/etc/fb' },
              ],
              terminationMessagePolicy: 'FallbackToLogsOnError',
            },
            { name: 'sidecar', image: 'busybox:1.36', volumeMounts: [{ name: 'varlog', mountPath: '/logs' }] },
          ],
          volumes: [
            { name: 'varlog', hostPath: { path: '/var/log', type: 'Directory' } },
            { name: 'data', persistentVolumeClaim: { claimName: 'shared-rwx' } },
            { name: 'config', configMap: { name: 'app-config', defaultMode: 420, items: [{ key: 'a', path: 'a' }] } },
            { name: 'nfs', nfs: { server: 'nfs.example.com', path: '/exports' } },
          ],
        },
      },
    },
  };
}

describe('formFromManifest reads every field', () => {
  const form = formFromManifest(imported());

  it('Basic Info: name, alias, description, strategy with a percentage, minReadySeconds', () => {
    expect(form).toMatchObject({
      name: 'log-agent',
      namespace: 'team-a',
      alias: 'Log agent',
      description: 'Ships logs',
      strategy: 'RollingUpdate',
      maxUnavailable: '10%',
      maxSurge: '0',
      minReadySeconds: '10',
    });
  });

  it('containers: resources, args, ports with host port and UDP, env of every kind, envFrom, probes, security', () => {
    const agent = form.containers[0];
    expect(agent).toMatchObject({
      name: 'agent',
      image: 'fluent/fluent-bit:3.1.9',
      pullPolicy: 'IfNotPresent',
      cpuRequest: '100m',
      cpuLimit: '',
      memoryRequest: '64Mi',
      memoryLimit: '256Mi',
      args: ['-c', '/etc/fb.conf'],
      privileged: true,
      capabilitiesAdd: ['SYS_ADMIN'],
    });
    expect(agent?.ports.map(({ raw: _, ...p }) => p)).toEqual([
      { name: 'http', containerPort: '2020', protocol: 'TCP', hostPort: '' },
      { name: '', containerPort: '8125', protocol: 'UDP', hostPort: '8125' },
    ]);
    expect(agent?.env.map(({ raw: _, ...e }) => e)).toEqual([
      { kind: 'value', name: 'MODE', value: 'tail', source: '', key: '' },
      { kind: 'configMapKey', name: 'LEVEL', value: '', source: 'app-config', key: 'LOG_LEVEL' },
      { kind: 'secretKey', name: 'TOKEN', value: '', source: 'creds', key: 'token' },
      { kind: 'other', name: 'NODE', value: '', source: '', key: '' },
    ]);
    expect(agent?.envFrom.map(({ raw: _, ...e }) => e)).toEqual([
      { kind: 'configMap', name: 'app-config', prefix: 'APP_' },
      { kind: 'secret', name: 'creds', prefix: '' },
    ]);
    expect(agent?.readinessProbe).toMatchObject({ kind: 'httpGet', path: '/', port: '2020', periodSeconds: '10' });
    expect(agent?.livenessProbe).toMatchObject({ kind: 'exec', command: ['cat', '/tmp/ok'], failureThreshold: '3' });
    expect(form.initContainers.map((c) => c.name)).toEqual(['init']);
  });

  it('pod level: hostNetwork, serviceAccountName, imagePullSecrets', () => {
    expect(form).toMatchObject({
      hostNetwork: true,
      hostPID: false,
      serviceAccountName: 'log-agent',
      imagePullSecrets: ['registry-credentials'],
    });
  });

  it('volumes: HostPath and PVC with their mounts in each container, other sources kept opaque', () => {
    expect(form.volumes.map((v) => [v.name, v.source])).toEqual([
      ['varlog', { kind: 'hostPath', path: '/var/log', type: 'Directory' }],
      ['data', { kind: 'pvc', claimName: 'shared-rwx', readOnly: false }],
      ['config', { kind: 'configMap', name: 'app-config' }],
      ['nfs', { kind: 'other' }],
    ]);
    expect(form.volumes[0]?.mounts.map((m) => [m.containerId, m.mountPath, m.readOnly])).toEqual([
      ['c0', '/var/log', true],
      ['c1', '/logs', false],
    ]);
    expect(form.volumes[1]?.mounts.map((m) => [m.containerId, m.mountPath, m.subPath])).toEqual([
      ['c0', '/data', 'agent'],
    ]);
  });

  it('labels from the template; picked nodes from hostname affinity; tolerations', () => {
    expect(form.labels).toEqual([
      { key: 'app', value: 'log-agent' },
      { key: 'tier', value: 'node' },
    ]);
    expect(form.placement).toBe('nodes');
    expect(form.nodes).toEqual(['worker-1']);
    expect(form.tolerations.map(({ raw: _, ...t }) => t)).toEqual([
      { key: '', operator: 'Exists', value: '', effect: '', tolerationSeconds: '' },
      { key: 'dedicated', operator: 'Equal', value: 'logs', effect: 'NoSchedule', tolerationSeconds: '' },
    ]);
  });

  it('a nodeSelector reads as key/value placement', () => {
    const m = imported();
    const pod = m.spec?.template.spec;
    if (!pod) throw new Error('pod');
    delete pod.affinity;
    pod.nodeSelector = { 'kubernetes.io/arch': 'arm64' };
    const f = formFromManifest(m);
    expect(f.placement).toBe('selector');
    expect(f.nodeSelector).toEqual([{ key: 'kubernetes.io/arch', value: 'arm64' }]);
  });
});

describe('round trips', () => {
  it('an imported manifest with fields the form lacks comes back out unchanged', () => {
    expect(manifestFromForm(formFromManifest(imported()))).toEqual(imported());
  });

  it('the seeded node-exporter (hostPID, mountPropagation, tolerate-all) round trips', () => {
    const nodeExporter: DaemonSet = {
      apiVersion: 'apps/v1',
      kind: 'DaemonSet',
      metadata: {
        name: 'node-exporter',
        namespace: 'monitoring',
        labels: { 'app.kubernetes.io/name': 'node-exporter' },
      },
      spec: {
        selector: { matchLabels: { 'app.kubernetes.io/name': 'node-exporter' } },
        updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1, maxSurge: 0 } },
        template: {
          metadata: { labels: { 'app.kubernetes.io/name': 'node-exporter' } },
          spec: {
            hostNetwork: true,
            hostPID: true,
            tolerations: [{ operator: 'Exists' }],
            containers: [
              {
                name: 'node-exporter',
                image: 'prom/node-exporter:v1.8.2',
                ports: [{ name: 'metrics', containerPort: 9100, hostPort: 9100, protocol: 'TCP' }],
                volumeMounts: [
                  { name: 'root', mountPath: '/host', readOnly: true, mountPropagation: 'HostToContainer' },
                ],
              },
            ],
            volumes: [{ name: 'root', hostPath: { path: '/' } }],
          },
        },
      },
    };
    expect(manifestFromForm(formFromManifest(nodeExporter))).toEqual(nodeExporter);
  });

  it('editing the image changes only the image; every unknown field of that container stays', () => {
    const form = formFromManifest(imported());
    const agent = form.containers[0];
    if (!agent) throw new Error('container');
    agent.image = 'fluent/fluent-bit:3.2.0';
    const expected = imported();
    const container = expected.spec?.template.spec?.containers[0];
    if (!container) throw new Error('container');
    container.image = 'fluent/fluent-bit:3.2.0';
    expect(manifestFromForm(form)).toEqual(expected);
  });

  it('switching picked nodes to all nodes drops only the hostname affinity, not pod anti-affinity', () => {
    const form = formFromManifest(imported());
    form.placement = 'all';
    expect(manifestFromForm(form).spec?.template.spec?.affinity).toEqual({
      podAntiAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [] },
    });
  });

  it('removing a volume removes its mounts; reordering containers keeps each container its mounts', () => {
    const form = formFromManifest(imported());
    form.volumes = form.volumes.filter((v) => v.name !== 'data');
    form.containers.reverse();
    const pod = manifestFromForm(form).spec?.template.spec;
    expect(pod?.containers.map((c) => c.name)).toEqual(['sidecar', 'agent']);
    expect(pod?.containers[1]?.volumeMounts?.map((m) => m.name)).toEqual(['varlog', 'config']);
    expect(pod?.containers[0]?.volumeMounts).toEqual([{ name: 'varlog', mountPath: '/logs' }]);
  });

  it('a changed label set replaces a selector that no longer selects it, at creation', () => {
    const form = formFromManifest(imported());
    form.labels = [{ key: 'app', value: 'other' }];
    expect(manifestFromForm(form).spec?.selector).toEqual({ matchLabels: { app: 'other' } });
    expect(manifestFromForm(form, { creating: false }).spec?.selector).toEqual({ matchLabels: { app: 'log-agent' } });
  });
});
