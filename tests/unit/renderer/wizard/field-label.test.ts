import { describe, expect, it } from 'vitest';
import { createI18n } from 'vue-i18n';
import { messages } from '../../../../renderer/i18n';
import { fieldLabel } from '../../../../renderer/wizard/field-label';
import { keptFields } from '../../../../renderer/wizard/form/kept';
import { formFromManifest } from '../../../../renderer/wizard/form/read';

const i18n = createI18n({ legacy: false, locale: 'en', messages });
const t = (key: string, params?: Record<string, unknown>): string => i18n.global.t(key, params ?? {});

const form = formFromManifest(
  {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: { name: 'agent', namespace: 'default' },
    spec: {
      selector: { matchLabels: { app: 'agent' } },
      updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: true as unknown as number } },
      template: {
        metadata: { labels: { app: 'agent' } },
        spec: {
          containers: [{ name: 'web', image: 'nginx', ports: [{ containerPort: 'eighty' as unknown as number }] }],
          tolerations: [{ key: 'gpu', operator: 'Sometimes' }],
        },
      },
    },
  },
  'default',
);

describe('fieldLabel', () => {
  it('names every kept field of a manifest in the form’s words, with the step that shows it', () => {
    const kept = Object.keys(keptFields(form));
    expect(kept.length).toBeGreaterThanOrEqual(3);
    for (const path of kept) expect(fieldLabel(t, form, path).parts.join(' › ')).not.toMatch(/\.\d|\w\.\w/);
    expect(fieldLabel(t, form, 'containers.0.ports.0.containerPort')).toEqual({
      step: 'pod',
      parts: ['Container 1: web', 'Ports 1', 'Container port'],
    });
    expect(fieldLabel(t, form, 'tolerations.0.operator')).toEqual({
      step: 'nodes',
      parts: ['Tolerations 1', 'Operator'],
    });
    expect(fieldLabel(t, form, 'maxUnavailable')).toEqual({ step: 'basic', parts: ['Max unavailable'] });
    expect(fieldLabel(t, form, 'containers.0.readinessProbe.port').parts).toEqual([
      'Container 1: web',
      'Readiness probe',
      'Port',
    ]);
  });

  it('shows a path it does not know as it is, never nothing', () => {
    expect(fieldLabel(t, form, 'containers.0.envFrom')).toEqual({ step: 'pod', parts: ['containers.0.envFrom'] });
  });

  it('has every key it uses in both catalogues', () => {
    const zh = createI18n({ legacy: false, locale: 'zh-CN', messages, missingWarn: false, fallbackWarn: false });
    for (const path of Object.keys(keptFields(form))) {
      const parts = fieldLabel((k, p) => zh.global.t(k, p ?? {}), form, path).parts;
      for (const part of parts) expect(part).not.toMatch(/^wizard\./);
    }
  });
});
