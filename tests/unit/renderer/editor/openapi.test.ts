import { describe, expect, it } from 'vitest';
import { analyze } from '../../../../renderer/editor/analyze';
import { completeAt } from '../../../../renderer/editor/completion';
import { schemasFromOpenApi } from '../../../../renderer/editor/schema/openapi';

// The shapes a Kubernetes /openapi/v3 document uses: allOf-wrapped $refs, enums, maps, int-or-string, GVK tags.
const ref = (name: string, description: string) => ({
  allOf: [{ $ref: `#/components/schemas/${name}` }],
  default: {},
  description,
});
const apps = {
  components: {
    schemas: {
      'io.k8s.api.apps.v1.DaemonSet': {
        type: 'object',
        properties: {
          apiVersion: { type: 'string' },
          kind: { type: 'string' },
          metadata: ref('io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta', 'Standard object metadata.'),
          spec: ref('io.k8s.api.apps.v1.DaemonSetSpec', 'The desired behavior of this daemon set.'),
          status: ref('io.k8s.api.apps.v1.DaemonSetStatus', 'Current status.'),
        },
        'x-kubernetes-group-version-kind': [{ group: 'apps', kind: 'DaemonSet', version: 'v1' }],
      },
      'io.k8s.api.apps.v1.DaemonSetSpec': {
        type: 'object',
        required: ['selector'],
        properties: {
          minReadySeconds: { type: 'integer', format: 'int32', description: 'Minimum seconds.' },
          selector: { type: 'object', additionalProperties: { type: 'string' } },
          maxUnavailable: { 'x-kubernetes-int-or-string': true, anyOf: [{ type: 'integer' }, { type: 'string' }] },
          policy: { type: 'string', enum: ['Always', 'Never'], description: 'A policy.' },
        },
      },
      'io.k8s.api.apps.v1.DaemonSetStatus': { type: 'object', properties: { numberReady: { type: 'integer' } } },
      'io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta': {
        type: 'object',
        properties: {
          name: { type: 'string' },
          labels: { type: 'object', additionalProperties: { type: 'string', default: '' } },
        },
      },
    },
  },
};

describe('cluster OpenAPI v3 in the editor', () => {
  const set = schemasFromOpenApi([apps], 'cluster test');

  it('maps kinds, descriptions, enums and integer types', () => {
    expect(set.kinds['apps/v1/DaemonSet']).toBe('io.k8s.api.apps.v1.DaemonSet');
    expect(set.defs['io.k8s.api.apps.v1.DaemonSet']?.p.spec).toMatchObject({
      t: { ref: 'io.k8s.api.apps.v1.DaemonSetSpec' },
      d: 'The desired behavior of this daemon set.',
    });
    expect(set.defs['io.k8s.api.apps.v1.DaemonSetSpec']?.p.maxUnavailable?.t).toBe('int-or-string');
    const text = 'apiVersion: apps/v1\nkind: DaemonSet\nspec:\n  policy: ';
    expect(completeAt(text, text.length, set)?.items.map((i) => i.label)).toEqual(['Always', 'Never']);
  });

  it('checks documents against it: integers, enums, required fields', () => {
    const text =
      'apiVersion: apps/v1\nkind: DaemonSet\nmetadata:\n  name: a\nspec:\n  minReadySeconds: 1.5\n  policy: Sometimes\n';
    const messages = analyze(text, set).diagnostics.map((d) => `${d.line}:${d.column} ${d.message}`);
    expect(messages).toEqual([
      '5:1 Missing required field "spec.selector".',
      '6:20 spec.minReadySeconds: expected an integer, got a number.',
      '7:11 spec.policy: Unsupported value "Sometimes": supported values: "Always", "Never"',
    ]);
  });
});
