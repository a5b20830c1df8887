import { describe, expect, it } from 'vitest';
import {
  applyDefaults,
  type JsonSchema,
  prune,
  structuralErrors,
  validateValue,
} from '../../../electron/sandbox-cluster/crd/structural.js';
import { evaluateJsonPath } from '../../../electron/sandbox-cluster/crd/jsonpath.js';
import { builtinKinds } from '../../../electron/sandbox-cluster/kinds/builtins.js';
import { compareVersions, KindCatalog } from '../../../electron/sandbox-cluster/kinds/catalog.js';
import { validateService } from '../../../electron/sandbox-cluster/kinds/service-rules.js';
import type { KubeObject } from '../../../electron/sandbox-cluster/types.js';

const schema: JsonSchema = {
  type: 'object',
  properties: {
    spec: {
      type: 'object',
      required: ['size'],
      properties: {
        size: { type: 'integer', minimum: 1, maximum: 3 },
        mode: { type: 'string', enum: ['a', 'b'], default: 'a' },
        tags: { type: 'array', items: { type: 'string' }, 'x-kubernetes-list-type': 'set' },
        free: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true },
      },
    },
  },
};

describe('kind catalog', () => {
  it('orders versions as Kubernetes does and resolves URLs to descriptors', () => {
    expect(['v1beta1', 'v2', 'v1', 'v1alpha1', 'foo'].sort(compareVersions)).toEqual([
      'v2',
      'v1',
      'v1beta1',
      'v1alpha1',
      'foo',
    ]);
    const kinds = new KindCatalog(builtinKinds());
    expect(kinds.lookup('policy', 'v1', 'poddisruptionbudgets')?.kind).toBe('PodDisruptionBudget');
    expect(kinds.lookup('events.k8s.io', 'v1', 'events')?.resource).toBe('events');
    expect(kinds.get('events').group).toBe('');
    expect(kinds.lookup('batch', 'v1', 'jobs')).toBeUndefined();
  });
});

describe('structural schemas of custom resources', () => {
  it('refuses non-structural schemas with the CRD field paths', () => {
    expect(structuralErrors({ properties: { spec: {} } }, 'schema').map((c) => `${c.field}: ${c.message}`)).toEqual([
      'schema.type: Required value: must not be empty at the root',
      'schema.properties[spec].type: Required value: must not be empty for specified object fields',
    ]);
  });

  it('fills defaults, prunes unknown fields and keeps preserved ones', () => {
    const cr = {
      apiVersion: 'x/v1',
      kind: 'X',
      metadata: { name: 'n', bogus: 1 },
      spec: { size: 2, extra: true, free: { any: 1 } },
    };
    applyDefaults(cr, schema);
    expect(prune(cr, schema)).toEqual(['metadata.bogus', 'spec.extra']);
    expect(cr.spec).toEqual({ size: 2, mode: 'a', free: { any: 1 } });
  });

  it('validates values with kube-openapi wording', () => {
    const messages = validateValue({ spec: { size: '2', mode: 'c', tags: ['x', 'x'] } }, schema, '').map(
      (c) => `${c.field}: ${c.message}`,
    );
    expect(messages).toEqual([
      'spec.size: Invalid value: "string": spec.size in body must be of type integer: "string"',
      'spec.mode: Unsupported value: "c": supported values: "a", "b"',
      'spec.tags[1]: Duplicate value: "x"',
    ]);
    expect(validateValue({ spec: { size: 9 } }, schema, '')[0]?.message).toBe(
      'Invalid value: 9: spec.size in body should be less than or equal to 3',
    );
    expect(validateValue({ spec: {} }, schema, '')[0]).toMatchObject({ field: 'spec.size', message: 'Required value' });
  });

  it('reads printer-column JSONPaths', () => {
    const o = {
      status: {
        conditions: [
          { type: 'A', status: 'False' },
          { type: 'Ready', status: 'True' },
        ],
      },
      spec: { ports: [{ port: 80 }] },
    };
    expect(evaluateJsonPath(o, '.status.conditions[?(@.type=="Ready")].status')).toBe('True');
    expect(evaluateJsonPath(o, '.spec.ports[0].port')).toBe(80);
    expect(evaluateJsonPath(o, '.spec.missing')).toBeUndefined();
  });
});

describe('Service validation', () => {
  const svc = (spec: Record<string, unknown>): KubeObject =>
    ({ apiVersion: 'v1', kind: 'Service', metadata: { name: 's' }, spec }) as unknown as KubeObject;

  it('names duplicate ports, unsupported types and a missing externalName', () => {
    const out = validateService(
      svc({
        type: 'Magic',
        ports: [
          { name: 'a', port: 80, protocol: 'TCP' },
          { name: 'a', port: 80, protocol: 'TCP' },
        ],
      }),
    );
    expect(out.map((c) => `${c.field}: ${c.message}`)).toEqual([
      'spec.type: Unsupported value: "Magic": supported values: "ClusterIP", "ExternalName", "LoadBalancer", "NodePort"',
      'spec.ports[1].name: Duplicate value: "a"',
      'spec.ports[1]: Duplicate value: {"port":80,"protocol":"TCP"}',
    ]);
    expect(validateService(svc({ type: 'ExternalName' }))[0]?.field).toBe('spec.externalName');
  });
});
