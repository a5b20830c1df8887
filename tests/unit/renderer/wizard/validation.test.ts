// Validation per field, as the user types: the codes land on the field paths the wizard shows them at.
import { describe, expect, it } from 'vitest';
import {
  emptyContainer,
  emptyEnv,
  emptyForm,
  emptyPort,
  emptyToleration,
  emptyVolume,
  errorsIn,
  hasErrors,
  imageLacksTag,
  isQualifiedName,
  parseQuantity,
  renameForm,
  resolvePodCount,
  resolvedCount,
  stepOf,
  validateForm,
  type Issues,
  type WizardForm,
} from '../../../../renderer/wizard/form';

function valid(): WizardForm {
  const form = emptyForm('team-a');
  renameForm(form, 'agent');
  Object.assign(form.containers[0] ?? {}, { name: 'main', image: 'busybox:1.36' });
  return form;
}
const codes = (issues: Issues, path: string): string[] => (issues[path] ?? []).map((i) => i.code);
const container = (form: WizardForm, i = 0) => {
  const c = form.containers[i];
  if (!c) throw new Error(`no container ${i}`);
  return c;
};

describe('a valid form', () => {
  it('has no errors', () => {
    expect(validateForm(valid())).toEqual({});
  });
});

describe('name', () => {
  it.each([
    ['', 'required'],
    ['Agent', 'dnsName'],
    ['-agent', 'dnsName'],
    ['agent_1', 'dnsName'],
    ['a'.repeat(64), 'tooLong'],
  ])('%j is refused with %s', (name, code) => {
    const form = valid();
    form.name = name;
    expect(codes(validateForm(form), 'name')).toEqual([code]);
  });

  it('63 characters and dots are fine in the wizard; a taken name is an error on the name', () => {
    const form = valid();
    form.name = 'a'.repeat(63);
    expect(validateForm(form).name).toBeUndefined();
    form.name = 'agent.v2';
    expect(validateForm(form).name).toBeUndefined();
    expect(codes(validateForm(form, { nameTaken: true }), 'name')).toEqual(['nameTaken']);
  });
});

describe('update strategy', () => {
  it.each([
    ['1', '', []],
    ['10%', '', []],
    ['x', '', ['intOrPercent']],
    ['101%', '', ['percentMax']],
    ['0', '0', ['bothZero']],
    ['0%', '', ['bothZero']],
  ])('maxUnavailable %j with maxSurge %j -> %j', (unavailable, surge, expected) => {
    const form = valid();
    form.maxUnavailable = unavailable;
    form.maxSurge = surge;
    expect(codes(validateForm(form), 'maxUnavailable')).toEqual(expected);
  });

  it('only one of maxUnavailable and maxSurge may be non-zero; an empty maxUnavailable counts as 1', () => {
    const form = valid();
    form.maxSurge = '1';
    expect(codes(validateForm(form), 'maxSurge')).toEqual(['surgeWithUnavailable']);
    form.maxUnavailable = '';
    expect(codes(validateForm(form), 'maxSurge')).toEqual(['surgeWithUnavailable']);
    form.maxUnavailable = '0';
    expect(validateForm(form)).toEqual({});
  });

  it('OnDelete ignores the rolling update fields; minReadySeconds must be a non-negative integer', () => {
    const form = valid();
    form.strategy = 'OnDelete';
    form.maxUnavailable = 'x';
    form.minReadySeconds = '-1';
    expect(Object.keys(validateForm(form))).toEqual(['minReadySeconds']);
  });

  it('percentages resolve to pods rounding up, as the DaemonSet controller does', () => {
    expect(resolvePodCount({ kind: 'percent', value: 10 }, 12)).toBe(2);
    expect(resolvePodCount({ kind: 'percent', value: 10 }, 6)).toBe(1);
    expect(resolvePodCount({ kind: 'percent', value: 50 }, 5)).toBe(3);
    expect(resolvePodCount({ kind: 'percent', value: 0 }, 5)).toBe(0);
    expect(resolvedCount('25%', 7, '1')).toBe(2);
    expect(resolvedCount('', 7, '1')).toBe(1);
    expect(resolvedCount('3', 7, '1')).toBe(3);
    expect(resolvedCount('x', 7, '1')).toBeUndefined();
  });
});

describe('containers', () => {
  it('at least one container; names are unique DNS-1123 labels across containers and init containers', () => {
    const form = valid();
    form.containers.push({ ...emptyContainer(), name: 'main', image: 'busybox:1.36' });
    form.initContainers.push({ ...emptyContainer(), name: 'Init', image: 'busybox:1.36' });
    const issues = validateForm(form);
    expect(codes(issues, 'containers.0.name')).toEqual(['duplicate']);
    expect(codes(issues, 'containers.1.name')).toEqual(['duplicate']);
    expect(codes(issues, 'initContainers.0.name')).toEqual(['dnsLabel']);
    form.containers = [];
    expect(codes(validateForm(form), 'containers')).toEqual(['oneContainer']);
  });

  it('an image without a tag (or with latest) is a warning, not an error', () => {
    expect(imageLacksTag('nginx')).toBe(true);
    expect(imageLacksTag('registry:5000/team/app')).toBe(true);
    expect(imageLacksTag('nginx:latest')).toBe(true);
    expect(imageLacksTag('registry:5000/team/app:1.2')).toBe(false);
    expect(imageLacksTag('nginx@sha256:abc')).toBe(false);
    const form = valid();
    container(form).image = 'nginx';
    const issues = validateForm(form);
    expect(issues['containers.0.image']).toEqual([{ severity: 'warning', code: 'imageTag' }]);
    expect(hasErrors(issues)).toBe(false);
  });

  it('quantities must be valid and a request may not exceed its limit', () => {
    expect(parseQuantity('500m')).toBe(0.5);
    expect(parseQuantity('1Gi')).toBe(2 ** 30);
    expect(parseQuantity('1e3')).toBe(1000);
    expect(parseQuantity('1.5')).toBe(1.5);
    expect(parseQuantity('12mb')).toBeUndefined();
    expect(parseQuantity('1 Gi')).toBeUndefined();
    const form = valid();
    Object.assign(container(form), { cpuRequest: '2', cpuLimit: '500m', memoryRequest: '12mb', memoryLimit: '1Gi' });
    const issues = validateForm(form);
    expect(issues['containers.0.cpuRequest']).toEqual([
      { severity: 'error', code: 'requestOverLimit', params: { limit: '500m' } },
    ]);
    expect(codes(issues, 'containers.0.memoryRequest')).toEqual(['quantity']);
    expect(issues['containers.0.cpuLimit']).toBeUndefined();
    Object.assign(container(form), { cpuRequest: '500m', memoryRequest: '1024Mi' });
    expect(validateForm(form)).toEqual({});
  });

  it('ports are 1..65535, unique per protocol; a host port warns that it opens on every node and when taken', () => {
    const form = valid();
    const c = container(form);
    c.ports.push({ ...emptyPort(), containerPort: '0' });
    c.ports.push({ ...emptyPort(), containerPort: '9100', hostPort: '9100' });
    c.ports.push({ ...emptyPort(), containerPort: '9100', protocol: 'UDP', hostPort: '70000' });
    c.ports.push({ ...emptyPort(), containerPort: '53', name: 'a-name-far-too-long' });
    const issues = validateForm(form, {
      hostPortsInUse: [{ port: 9100, protocol: 'TCP', owner: 'monitoring/node-exporter' }],
    });
    expect(codes(issues, 'containers.0.ports.0.containerPort')).toEqual(['port']);
    expect(issues['containers.0.ports.1.hostPort']).toEqual([
      { severity: 'warning', code: 'hostPortEveryNode' },
      { severity: 'warning', code: 'hostPortTaken', params: { owner: 'monitoring/node-exporter' } },
    ]);
    expect(codes(issues, 'containers.0.ports.2.containerPort')).toEqual([]);
    expect(codes(issues, 'containers.0.ports.2.hostPort')).toEqual(['port']);
    expect(codes(issues, 'containers.0.ports.3.name')).toEqual(['portName']);
  });

  it('env vars: names, and key references need their source and key', () => {
    const form = valid();
    const c = container(form);
    c.env.push({ ...emptyEnv(), name: '1BAD=', value: 'x' });
    c.env.push({ ...emptyEnv('configMapKey'), name: 'LEVEL' });
    c.env.push(emptyEnv());
    const issues = validateForm(form);
    expect(codes(issues, 'containers.0.env.0.name')).toEqual(['envName']);
    expect(codes(issues, 'containers.0.env.1.source')).toEqual(['required']);
    expect(codes(issues, 'containers.0.env.1.key')).toEqual(['required']);
    expect(issues['containers.0.env.2.name']).toBeUndefined();
  });
});

describe('volumes', () => {
  it('names are unique labels, host paths absolute, and a ReadWriteOnce claim warns', () => {
    const form = valid();
    const id = container(form).id;
    const host = { ...emptyVolume({ kind: 'hostPath', path: 'var/log', type: '' }), name: 'logs' };
    host.mounts.push({ containerId: id, mountPath: 'relative', readOnly: false, subPath: '', origin: null, raw: null });
    const pvc = { ...emptyVolume({ kind: 'pvc', claimName: 'data-rwo', readOnly: false }), name: 'logs' };
    form.volumes.push(host, pvc);
    const issues = validateForm(form, { claims: [{ name: 'data-rwo', accessModes: ['ReadWriteOnce'] }] });
    expect(codes(issues, 'volumes.0.path')).toEqual(['absolutePath']);
    expect(codes(issues, 'volumes.0.mounts.0.mountPath')).toEqual(['absolutePath']);
    expect(codes(issues, 'volumes.1.name')).toEqual(['duplicate']);
    expect(issues['volumes.1.claimName']).toEqual([{ severity: 'warning', code: 'readWriteOnce' }]);
  });

  it('two volumes mounted at one path in one container clash', () => {
    const form = valid();
    const id = container(form).id;
    for (const name of ['a', 'b']) {
      const v = { ...emptyVolume({ kind: 'emptyDir', medium: '' }), name };
      v.mounts.push({ containerId: id, mountPath: '/data', readOnly: false, subPath: '', origin: null, raw: null });
      form.volumes.push(v);
    }
    expect(codes(validateForm(form), 'volumes.1.mounts.0.mountPath')).toEqual(['mountClash']);
  });
});

describe('labels, node selector and tolerations', () => {
  it('label keys and values follow Kubernetes syntax; keys are unique; at least one label', () => {
    expect(isQualifiedName('app')).toBe(true);
    expect(isQualifiedName('example.com/app')).toBe(true);
    expect(isQualifiedName('Example.com/app')).toBe(false);
    expect(isQualifiedName('a/b/c')).toBe(false);
    expect(isQualifiedName(`x${'a'.repeat(63)}`)).toBe(false);
    const form = valid();
    form.labels.push({ key: 'bad key', value: 'x' }, { key: 'app', value: 'again' }, { key: 'tier', value: '-x' });
    const issues = validateForm(form);
    expect(codes(issues, 'labels.1.key')).toEqual(['labelKey']);
    expect(codes(issues, 'labels.2.key')).toEqual(['duplicate']);
    expect(codes(issues, 'labels.3.value')).toEqual(['labelValue']);
    form.labels = [];
    expect(codes(validateForm(form), 'labels')).toEqual(['oneLabel']);
  });

  it('picking nodes needs a node; a selector needs a valid pair', () => {
    const form = valid();
    form.placement = 'nodes';
    expect(codes(validateForm(form), 'nodes')).toEqual(['pickNode']);
    form.placement = 'selector';
    form.nodeSelector = [{ key: '', value: '' }];
    expect(codes(validateForm(form), 'nodeSelector')).toEqual(['onePair']);
  });

  it('tolerations: an empty key needs Exists; tolerationSeconds only with NoExecute', () => {
    const form = valid();
    form.tolerations.push({ ...emptyToleration(), value: 'x' });
    form.tolerations.push({ ...emptyToleration(), key: 'k', effect: 'NoSchedule', tolerationSeconds: '30' });
    const issues = validateForm(form);
    expect(codes(issues, 'tolerations.0.key')).toEqual(['emptyKeyNeedsExists']);
    expect(codes(issues, 'tolerations.1.tolerationSeconds')).toEqual(['secondsNeedNoExecute']);
  });
});

describe('quota and steps', () => {
  it('warns when the pod quota cannot hold one pod per eligible node', () => {
    const issues = validateForm(valid(), { desiredPods: 6, podQuotaRoom: 4 });
    expect(issues.quota).toEqual([{ severity: 'warning', code: 'podQuota', params: { needed: 6, room: 4 } }]);
    expect(validateForm(valid(), { desiredPods: 4, podQuotaRoom: 4 }).quota).toBeUndefined();
  });

  it('every field path belongs to its step', () => {
    expect(stepOf('name')).toBe('basic');
    expect(stepOf('maxSurge')).toBe('basic');
    expect(stepOf('containers.1.ports.0.hostPort')).toBe('pod');
    expect(stepOf('volumes.0.mounts.1.mountPath')).toBe('volumes');
    expect(stepOf('labels.2.key')).toBe('labels');
    expect(stepOf('tolerations.0.key')).toBe('nodes');
    expect(stepOf('quota')).toBe('review');
    const form = valid();
    form.name = '';
    container(form).cpuLimit = 'lots';
    expect(errorsIn(validateForm(form), 'basic')).toEqual(['name']);
    expect(errorsIn(validateForm(form), 'pod')).toEqual(['containers.0.cpuLimit']);
  });
});
