// A 422's causes land on the form fields they concern.
import { describe, expect, it } from 'vitest';
import {
  emptyContainer,
  emptyForm,
  emptyPort,
  emptyVolume,
  formPathOf,
  serverIssues,
  type WizardForm,
} from '../../../../renderer/wizard/form';

function form(): WizardForm {
  const f = emptyForm('default');
  f.name = 'agent';
  f.containers = [
    { ...emptyContainer('a'), name: 'a', image: 'x:1' },
    { ...emptyContainer('b'), name: 'b', image: 'x:1' },
  ];
  f.containers[1]?.ports.push(emptyPort());
  const host = { ...emptyVolume({ kind: 'hostPath', path: '/var', type: '' }), name: 'h' };
  const data = { ...emptyVolume({ kind: 'emptyDir', medium: '' }), name: 'd' };
  const mount = { mountPath: '/m', readOnly: false, subPath: '', origin: null, raw: null };
  host.mounts.push({ ...mount, containerId: 'b' });
  data.mounts.push({ ...mount, containerId: 'b', mountPath: '/n' });
  f.volumes = [host, data];
  return f;
}

describe('formPathOf', () => {
  it.each([
    ['metadata.name', 'name'],
    ['spec.updateStrategy.rollingUpdate.maxSurge', 'maxSurge'],
    ['spec.template.spec.containers[1].resources.limits[cpu]', 'containers.1.cpuLimit'],
    ['spec.template.spec.containers[0].resources.requests.memory', 'containers.0.memoryRequest'],
    ['spec.template.spec.containers[1].ports[0].hostPort', 'containers.1.ports.0.hostPort'],
    ['spec.template.spec.containers[1].image', 'containers.1.image'],
    ['spec.template.spec.initContainers[0].name', 'initContainers.0.name'],
    ['spec.template.spec.volumes[0].hostPath.path', 'volumes.0.path'],
    ['spec.template.spec.containers[1].volumeMounts[1].mountPath', 'volumes.1.mounts.0.mountPath'],
    ['spec.template.metadata.labels', 'labels'],
    ['spec.selector', 'labels'],
    ['spec.template.spec.tolerations[0].effect', 'tolerations.0.effect'],
    ['spec.template.spec.dnsPolicy', 'review'],
  ])('%s -> %s', (field, path) => {
    expect(formPathOf(form(), field)).toBe(path);
  });

  it('a request over its limit names the map; the message says which resource', () => {
    const field = 'spec.template.spec.containers[1].resources.requests';
    expect(formPathOf(form(), field, 'Invalid value: "2": must be less than or equal to cpu limit of 1')).toBe(
      'containers.1.cpuRequest',
    );
    expect(formPathOf(form(), field, 'must be less than or equal to memory limit of 1Gi')).toBe(
      'containers.1.memoryRequest',
    );
  });

  it('causes become error issues on their fields; a rejection without causes goes to review', () => {
    const issues = serverIssues(form(), 'DaemonSet "agent" is invalid', [
      {
        field: 'spec.template.spec.containers[0].resources.requests[cpu]',
        message: 'must be less than or equal to cpu limit',
      },
    ]);
    expect(issues).toEqual({
      'containers.0.cpuRequest': [
        { severity: 'error', code: 'server', message: 'must be less than or equal to cpu limit' },
      ],
    });
    expect(serverIssues(form(), 'exceeded quota', undefined)).toEqual({
      review: [{ severity: 'error', code: 'server', message: 'exceeded quota' }],
    });
  });
});
