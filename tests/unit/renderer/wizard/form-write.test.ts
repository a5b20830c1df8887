// Form -> manifest: each field of product.md section 3 lands where Kubernetes expects it, and nothing else appears.
import { describe, expect, it } from 'vitest';
import {
  emptyContainer,
  emptyEnv,
  emptyForm,
  emptyPort,
  emptyProbe,
  emptyToleration,
  emptyVolume,
  manifestFromForm,
  renameForm,
  tolerateEverything,
  type WizardForm,
} from '../../../../renderer/wizard/form';

function basicForm(): WizardForm {
  const form = emptyForm('team-a');
  renameForm(form, 'agent');
  const c = form.containers[0];
  if (!c) throw new Error('the empty form has one container');
  c.name = 'main';
  c.image = 'busybox:1.36';
  return form;
}

describe('manifestFromForm: defaults', () => {
  it('writes the minimal DaemonSet: app label as labels and selector, no default the user did not set, no replicas', () => {
    expect(manifestFromForm(basicForm())).toEqual({
      apiVersion: 'apps/v1',
      kind: 'DaemonSet',
      metadata: { name: 'agent', namespace: 'team-a', labels: { app: 'agent' } },
      spec: {
        selector: { matchLabels: { app: 'agent' } },
        template: {
          metadata: { labels: { app: 'agent' } },
          spec: { containers: [{ name: 'main', image: 'busybox:1.36' }] },
        },
      },
    });
  });

  it('the app label follows the name until the user changes it', () => {
    const form = basicForm();
    renameForm(form, 'agent-2');
    expect(form.labels).toEqual([{ key: 'app', value: 'agent-2' }]);
    const label = form.labels[0];
    if (label) label.value = 'custom';
    renameForm(form, 'agent-3');
    expect(form.labels).toEqual([{ key: 'app', value: 'custom' }]);
  });

  it('never writes replicas, even when an imported manifest had one', () => {
    const form = basicForm();
    form.base = { ...form.base, spec: { replicas: 3 } as never };
    expect(manifestFromForm(form).spec).not.toHaveProperty('replicas');
  });
});

describe('manifestFromForm: Basic Info', () => {
  it('alias and description become KubeSphere annotations; empty ones are not written', () => {
    const form = basicForm();
    form.alias = 'Node agent';
    form.description = 'Collects logs';
    expect(manifestFromForm(form).metadata?.annotations).toEqual({
      'kubesphere.io/alias-name': 'Node agent',
      'kubesphere.io/description': 'Collects logs',
    });
    form.alias = '';
    expect(manifestFromForm(form).metadata?.annotations).toEqual({ 'kubesphere.io/description': 'Collects logs' });
  });

  it('percentages stay strings, integers become numbers, minReadySeconds is written when not 0', () => {
    const form = basicForm();
    form.maxUnavailable = '0';
    form.maxSurge = '25%';
    form.minReadySeconds = '15';
    const spec = manifestFromForm(form).spec;
    // The strategy's type stays unwritten: RollingUpdate is what the API server takes it to be.
    expect(spec?.updateStrategy).toEqual({ rollingUpdate: { maxUnavailable: 0, maxSurge: '25%' } });
    expect(spec?.minReadySeconds).toBe(15);
  });

  it('OnDelete has no rollingUpdate block', () => {
    const form = basicForm();
    form.strategy = 'OnDelete';
    expect(manifestFromForm(form).spec?.updateStrategy).toEqual({ type: 'OnDelete' });
  });
});

describe('manifestFromForm: Pod Template', () => {
  it('writes resources, command, args, pull policy, a UDP host port (no name made up), and every env kind', () => {
    const form = basicForm();
    const c = form.containers[0];
    if (!c) throw new Error('container');
    Object.assign(c, {
      pullPolicy: 'IfNotPresent',
      cpuRequest: '100m',
      cpuLimit: '500m',
      memoryRequest: '64Mi',
      memoryLimit: '128Mi',
      command: ['/bin/sh', '-c'],
      args: ['sleep 3600'],
    });
    c.ports.push({ ...emptyPort(), containerPort: '8125', protocol: 'UDP', hostPort: '8125' });
    c.env.push({ ...emptyEnv(), name: 'MODE', value: 'agent' });
    c.env.push({ ...emptyEnv('configMapKey'), name: 'LOG_LEVEL', source: 'app-config', key: 'LOG_LEVEL' });
    c.env.push({ ...emptyEnv('secretKey'), name: 'TOKEN', source: 'creds', key: 'token' });
    c.envFrom.push({ kind: 'configMap', name: 'app-config', prefix: '', raw: null });
    expect(manifestFromForm(form).spec?.template.spec?.containers[0]).toEqual({
      name: 'main',
      image: 'busybox:1.36',
      imagePullPolicy: 'IfNotPresent',
      command: ['/bin/sh', '-c'],
      args: ['sleep 3600'],
      ports: [{ containerPort: 8125, protocol: 'UDP', hostPort: 8125 }],
      env: [
        { name: 'MODE', value: 'agent' },
        { name: 'LOG_LEVEL', valueFrom: { configMapKeyRef: { name: 'app-config', key: 'LOG_LEVEL' } } },
        { name: 'TOKEN', valueFrom: { secretKeyRef: { name: 'creds', key: 'token' } } },
      ],
      envFrom: [{ configMapRef: { name: 'app-config' } }],
      resources: { requests: { cpu: '100m', memory: '64Mi' }, limits: { cpu: '500m', memory: '128Mi' } },
    });
  });

  it('writes probes, privileged and capabilities, init containers and pod-level settings', () => {
    const form = basicForm();
    const c = form.containers[0];
    if (!c) throw new Error('container');
    c.readinessProbe = { ...emptyProbe(), path: '/healthz', port: '8080', periodSeconds: '5' };
    c.livenessProbe = { ...emptyProbe(), kind: 'tcpSocket', port: '8080' };
    c.privileged = true;
    c.capabilitiesAdd = ['NET_ADMIN'];
    const init = { ...emptyContainer(), name: 'setup', image: 'busybox:1.36', command: ['true'] };
    form.initContainers.push(init);
    Object.assign(form, {
      hostNetwork: true,
      hostPID: true,
      serviceAccountName: 'agent',
      priorityClassName: 'system-node-critical',
      imagePullSecrets: ['registry-credentials'],
    });
    const pod = manifestFromForm(form).spec?.template.spec;
    expect(pod?.containers[0]?.readinessProbe).toEqual({ httpGet: { path: '/healthz', port: 8080 }, periodSeconds: 5 });
    expect(pod?.containers[0]?.livenessProbe).toEqual({ tcpSocket: { port: 8080 } });
    expect(pod?.containers[0]?.securityContext).toEqual({ privileged: true, capabilities: { add: ['NET_ADMIN'] } });
    expect(pod?.initContainers).toEqual([{ name: 'setup', image: 'busybox:1.36', command: ['true'] }]);
    expect(pod).toMatchObject({
      hostNetwork: true,
      hostPID: true,
      serviceAccountName: 'agent',
      priorityClassName: 'system-node-critical',
      imagePullSecrets: [{ name: 'registry-credentials' }],
    });
  });
});

describe('manifestFromForm: Volumes', () => {
  it('a PVC and a HostPath mounted into the ticked containers only', () => {
    const form = basicForm();
    const second = { ...emptyContainer(), name: 'sidecar', image: 'busybox:1.36' };
    form.containers.push(second);
    const main = form.containers[0];
    if (!main) throw new Error('container');
    const pvc = emptyVolume({ kind: 'pvc', claimName: 'shared-rwx', readOnly: false });
    pvc.name = 'data';
    pvc.mounts.push({
      containerId: main.id,
      mountPath: '/data',
      readOnly: false,
      subPath: '',
      origin: null,
      raw: null,
    });
    const host = emptyVolume({ kind: 'hostPath', path: '/var/log', type: 'Directory' });
    host.name = 'varlog';
    for (const c of [main, second]) {
      host.mounts.push({
        containerId: c.id,
        mountPath: '/host/log',
        readOnly: true,
        subPath: '',
        origin: null,
        raw: null,
      });
    }
    form.volumes.push(pvc, host, { ...emptyVolume({ kind: 'emptyDir', medium: '' }), name: 'scratch' });
    const pod = manifestFromForm(form).spec?.template.spec;
    expect(pod?.volumes).toEqual([
      { name: 'data', persistentVolumeClaim: { claimName: 'shared-rwx' } },
      { name: 'varlog', hostPath: { path: '/var/log', type: 'Directory' } },
      { name: 'scratch', emptyDir: {} },
    ]);
    expect(pod?.containers[0]?.volumeMounts).toEqual([
      { name: 'data', mountPath: '/data' },
      { name: 'varlog', mountPath: '/host/log', readOnly: true },
    ]);
    expect(pod?.containers[1]?.volumeMounts).toEqual([{ name: 'varlog', mountPath: '/host/log', readOnly: true }]);
  });
});

describe('manifestFromForm: Labels and Node Selector', () => {
  it('labels become object labels, template labels and the selector at creation', () => {
    const form = basicForm();
    form.labels.push({ key: 'tier', value: 'node' });
    const m = manifestFromForm(form);
    const labels = { app: 'agent', tier: 'node' };
    expect(m.metadata?.labels).toEqual(labels);
    expect(m.spec?.template.metadata?.labels).toEqual(labels);
    expect(m.spec?.selector).toEqual({ matchLabels: labels });
  });

  it('picked nodes become required node affinity on kubernetes.io/hostname', () => {
    const form = basicForm();
    form.placement = 'nodes';
    form.nodes = ['worker-1', 'worker-2'];
    expect(manifestFromForm(form).spec?.template.spec?.affinity).toEqual({
      nodeAffinity: {
        requiredDuringSchedulingIgnoredDuringExecution: {
          nodeSelectorTerms: [
            { matchExpressions: [{ key: 'kubernetes.io/hostname', operator: 'In', values: ['worker-1', 'worker-2'] }] },
          ],
        },
      },
    });
  });

  it('key/value pairs become nodeSelector; "all nodes" writes neither', () => {
    const form = basicForm();
    form.placement = 'selector';
    form.nodeSelector = [{ key: 'kubernetes.io/arch', value: 'arm64' }];
    form.nodes = ['worker-1'];
    const pod = manifestFromForm(form).spec?.template.spec;
    expect(pod?.nodeSelector).toEqual({ 'kubernetes.io/arch': 'arm64' });
    expect(pod).not.toHaveProperty('affinity');
    form.placement = 'all';
    const all = manifestFromForm(form).spec?.template.spec;
    expect(all).not.toHaveProperty('nodeSelector');
    expect(all).not.toHaveProperty('affinity');
  });

  it('tolerations, including the "tolerate every taint" preset', () => {
    const form = basicForm();
    form.tolerations.push(tolerateEverything());
    form.tolerations.push({
      ...emptyToleration(),
      key: 'dedicated',
      value: 'gpu',
      effect: 'NoExecute',
      tolerationSeconds: '60',
    });
    expect(manifestFromForm(form).spec?.template.spec?.tolerations).toEqual([
      { operator: 'Exists' },
      { key: 'dedicated', value: 'gpu', effect: 'NoExecute', tolerationSeconds: 60 },
    ]);
  });
});

describe('manifestFromForm: plain data', () => {
  it('labels, template labels and selector are separate objects (no YAML anchors), and the form is not shared', () => {
    const form = basicForm();
    const m = manifestFromForm(form);
    expect(m.metadata?.labels).not.toBe(m.spec?.selector.matchLabels);
    expect(m.spec?.template.metadata?.labels).not.toBe(m.spec?.selector.matchLabels);
    m.spec?.template.spec?.containers.push({ name: 'x' });
    expect(manifestFromForm(form).spec?.template.spec?.containers).toHaveLength(1);
  });
});
