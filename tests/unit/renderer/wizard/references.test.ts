// Names the template refers to that the project lacks: a warning at the field, never an error that blocks.
import { describe, expect, it } from 'vitest';
import {
  emptyEnv,
  emptyForm,
  emptyVolume,
  formFromManifest,
  hasErrors,
  renameForm,
  validateForm,
  type Issues,
  type ProjectReferences,
  type WizardForm,
} from '../../../../renderer/wizard/form';

function valid(): WizardForm {
  const form = emptyForm('logging');
  renameForm(form, 'fluent-bit');
  Object.assign(form.containers[0] ?? {}, { name: 'main', image: 'fluent/fluent-bit:3.0' });
  return form;
}

const refs: ProjectReferences = {
  namespace: 'logging',
  serviceAccounts: ['default', 'fluent-bit'],
  priorityClasses: ['system-node-critical', 'system-cluster-critical'],
  configMaps: [{ name: 'fluent-bit-config', keys: ['fluent-bit.conf'] }],
  secrets: [{ name: 'es-credentials', keys: ['password'] }],
};
const warnings = (issues: Issues, path: string) =>
  (issues[path] ?? []).filter((i) => i.severity === 'warning').map((i) => [i.code, i.params]);

describe('references to objects that do not exist', () => {
  it('warns at the ServiceAccount and PriorityClass fields, and only when the name is missing', () => {
    const form = valid();
    form.serviceAccountName = 'fluent-bit';
    form.priorityClassName = 'system-node-critical';
    expect(validateForm(form, { references: refs })).toEqual({});
    form.serviceAccountName = 'fluentbit';
    form.priorityClassName = 'node-critical';
    const issues = validateForm(form, { references: refs });
    expect(warnings(issues, 'serviceAccountName')).toEqual([
      ['missingServiceAccount', { name: 'fluentbit', namespace: 'logging' }],
    ]);
    expect(warnings(issues, 'priorityClassName')).toEqual([['missingPriorityClass', { name: 'node-critical' }]]);
    // A warning, not a block.
    expect(hasErrors(issues)).toBe(false);
  });

  it('warns at env sources and keys, envFrom and volumes, naming what the cluster will do', () => {
    const form = valid();
    const c = form.containers[0];
    if (!c) throw new Error('no container');
    c.env = [
      { ...emptyEnv('secretKey'), name: 'PASSWORD', source: 'nope', key: 'password' },
      { ...emptyEnv('secretKey'), name: 'TOKEN', source: 'es-credentials', key: 'token' },
      { ...emptyEnv('configMapKey'), name: 'CONF', source: 'fluent-bit-config', key: 'fluent-bit.conf' },
    ];
    c.envFrom = [{ kind: 'configMap', name: 'extra', prefix: '', raw: null }];
    form.volumes = [{ ...emptyVolume({ kind: 'configMap', name: 'fluent-bit-conf' }), name: 'config' }];
    form.imagePullSecrets = ['registry'];
    const issues = validateForm(form, { references: refs });
    expect(warnings(issues, 'containers.0.env.0.source')).toEqual([
      ['missingSecret', { name: 'nope', namespace: 'logging', effect: 'CreateContainerConfigError' }],
    ]);
    expect(warnings(issues, 'containers.0.env.1.key')).toEqual([
      ['missingSecretKey', { name: 'es-credentials', key: 'token' }],
    ]);
    expect(issues['containers.0.env.2.source']).toBeUndefined();
    expect(warnings(issues, 'containers.0.envFrom.0.name')).toEqual([
      ['missingConfigMap', { name: 'extra', namespace: 'logging', effect: 'CreateContainerConfigError' }],
    ]);
    expect(warnings(issues, 'volumes.0.source')).toEqual([
      ['missingConfigMap', { name: 'fluent-bit-conf', namespace: 'logging', effect: 'FailedMount' }],
    ]);
    expect(warnings(issues, 'imagePullSecrets.0')).toEqual([
      ['missingPullSecret', { name: 'registry', namespace: 'logging' }],
    ]);
  });

  it('says nothing about what it may not read, nor about optional references', () => {
    const form = formFromManifest(
      {
        apiVersion: 'apps/v1',
        kind: 'DaemonSet',
        metadata: { name: 'agent', namespace: 'logging' },
        spec: {
          selector: { matchLabels: { app: 'agent' } },
          template: {
            metadata: { labels: { app: 'agent' } },
            spec: {
              serviceAccountName: 'agent',
              containers: [
                {
                  name: 'main',
                  image: 'agent:1.0',
                  env: [{ name: 'X', valueFrom: { configMapKeyRef: { name: 'maybe', key: 'x', optional: true } } }],
                },
              ],
              volumes: [{ name: 'v', secret: { secretName: 'maybe-too', optional: true } }],
            },
          },
        },
      },
      'logging',
    );
    expect(validateForm(form, { references: refs })).toMatchObject({
      serviceAccountName: [{ code: 'missingServiceAccount' }],
    });
    expect(Object.keys(validateForm(form, { references: refs }))).toEqual(['serviceAccountName']);
    expect(validateForm(form, { references: { namespace: 'logging' } })).toEqual({});
  });
});
