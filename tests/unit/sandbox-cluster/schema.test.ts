import { describe, expect, it } from 'vitest';
import {
  listStrategy,
  openApiV3Document,
  openApiV3Index,
  unknownFields,
} from '../../../electron/sandbox-cluster/schema/index.js';
import { builtinKinds } from '../../../electron/sandbox-cluster/kinds/builtins.js';
import { KindCatalog } from '../../../electron/sandbox-cluster/kinds/catalog.js';

const kinds = new KindCatalog(builtinKinds());

type Json = Record<string, unknown>;

function doc(path: string): { paths: Record<string, Json>; components: { schemas: Record<string, Json> } } {
  const d = openApiV3Document(kinds, path);
  if (!d) throw new Error(`no document for ${path}`);
  return d as { paths: Record<string, Json>; components: { schemas: Record<string, Json> } };
}

function collectRefs(value: unknown, out: string[]): void {
  if (Array.isArray(value)) value.forEach((v) => collectRefs(v, out));
  else if (typeof value === 'object' && value !== null) {
    for (const [k, v] of Object.entries(value)) {
      if (k === '$ref' && typeof v === 'string') out.push(v);
      else collectRefs(v, out);
    }
  }
}

describe('OpenAPI v3 index', () => {
  it('lists the served group-versions with stable hashed URLs', () => {
    const index = openApiV3Index(kinds);
    expect(Object.keys(index.paths)).toEqual(
      expect.arrayContaining([
        'api/v1',
        'apis/apps/v1',
        'apis/authorization.k8s.io/v1',
        'apis/scheduling.k8s.io/v1',
        'apis/rbac.authorization.k8s.io/v1',
        'apis/policy/v1',
        'apis/apiextensions.k8s.io/v1',
      ]),
    );
    expect(Object.keys(index.paths)).not.toContain('apis/batch/v1');
    expect(index.paths['apis/apps/v1']?.serverRelativeURL).toMatch(
      /^\/openapi\/v3\/apis\/apps\/v1\?hash=[0-9A-F]{64,}$/,
    );
    expect(openApiV3Index(kinds)).toEqual(index);
  });
});

describe('OpenAPI v3 documents', () => {
  it('describe DaemonSet with field descriptions and its group-version-kind', () => {
    const schemas = doc('apis/apps/v1').components.schemas;
    const ds = schemas['io.k8s.api.apps.v1.DaemonSet'];
    expect(ds?.['x-kubernetes-group-version-kind']).toEqual([{ group: 'apps', version: 'v1', kind: 'DaemonSet' }]);
    expect(ds?.description).toMatch(/DaemonSet represents the configuration of a daemon set/);
    const spec = schemas['io.k8s.api.apps.v1.DaemonSetSpec'] as {
      properties: Record<string, Json>;
      required: string[];
    };
    expect(spec.properties.minReadySeconds?.description).toMatch(/minimum number of seconds/);
    expect(spec.required).toEqual(['selector', 'template']);
  });

  it('carry upstream merge semantics on pod lists', () => {
    const podSpec = doc('apis/apps/v1').components.schemas['io.k8s.api.core.v1.PodSpec'] as {
      properties: Record<string, Json>;
    };
    expect(podSpec.properties.containers).toMatchObject({
      'x-kubernetes-patch-merge-key': 'name',
      'x-kubernetes-patch-strategy': 'merge',
      'x-kubernetes-list-type': 'map',
      'x-kubernetes-list-map-keys': ['name'],
    });
    expect(podSpec.properties.volumes?.['x-kubernetes-patch-strategy']).toBe('merge,retainKeys');
    expect(podSpec.properties.tolerations?.['x-kubernetes-list-type']).toBe('atomic');
  });

  it('resolve every $ref inside the same document', () => {
    for (const path of Object.keys(openApiV3Index(kinds).paths)) {
      const d = doc(path);
      const refs: string[] = [];
      collectRefs(d, refs);
      expect(refs.length).toBeGreaterThan(10);
      for (const r of refs) expect(d.components.schemas[r.replace('#/components/schemas/', '')], r).toBeDefined();
    }
  });

  it('advertise fieldValidation and strategic merge on every PATCH, as kubectl checks', () => {
    const d = doc('apis/apps/v1');
    const patch = d.paths['/apis/apps/v1/namespaces/{namespace}/daemonsets/{name}']?.patch as {
      parameters: { name: string; in: string }[];
      requestBody: { content: Record<string, unknown> };
      'x-kubernetes-group-version-kind': unknown;
    };
    expect(patch['x-kubernetes-group-version-kind']).toEqual({ group: 'apps', version: 'v1', kind: 'DaemonSet' });
    expect(patch.parameters).toContainEqual(expect.objectContaining({ name: 'fieldValidation', in: 'query' }));
    expect(Object.keys(patch.requestBody.content)).toContain('application/strategic-merge-patch+json');
    const core = doc('api/v1');
    expect(core.paths['/api/v1/nodes/{name}']?.patch).toBeDefined();
    expect(core.paths['/api/v1/namespaces/{namespace}/pods/{name}/status']).toBeDefined();
    expect(openApiV3Document(kinds, 'apis/batch/v1')).toBeUndefined();
  });
});

describe('unknownFields', () => {
  const base = {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: {
      name: 'x',
      labels: { 'app.kubernetes.io/name': 'x' },
      managedFields: [{ manager: 'm', fieldsType: 'FieldsV1', fieldsV1: { 'f:spec': { 'f:anything': {} } } }],
    },
  };

  it('finds typos nested in list items, in document order', () => {
    const paths = unknownFields('apps/v1', 'DaemonSet', {
      ...base,
      spec: {
        foo: 1,
        template: {
          spec: {
            containers: [
              { name: 'a', image: 'nginx' },
              { name: 'b', imagee: 'nginx', ports: [{ containerPort: 80, protocl: 'TCP' }] },
            ],
          },
        },
      },
    });
    expect(paths).toEqual([
      'spec.foo',
      'spec.template.spec.containers[1].imagee',
      'spec.template.spec.containers[1].ports[0].protocl',
    ]);
  });

  it('accepts maps, quantities, int-or-string and free-form content', () => {
    const paths = unknownFields('apps/v1', 'DaemonSet', {
      ...base,
      spec: {
        selector: { matchLabels: { a: 'b' } },
        updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '10%', maxSurge: 0 } },
        template: {
          metadata: { labels: { a: 'b' }, annotations: { x: 'y' } },
          spec: {
            nodeSelector: { 'kubernetes.io/os': 'linux' },
            containers: [{ name: 'a', image: 'i', resources: { limits: { cpu: '500m', memory: 1024 } } }],
          },
        },
      },
    });
    expect(paths).toEqual([]);
    expect(unknownFields('apps/v1', 'ControllerRevision', { revision: 1, data: { spec: { whatever: 1 } } })).toEqual(
      [],
    );
  });

  it('knows the other served kinds', () => {
    expect(unknownFields('v1', 'ConfigMap', { data: { a: 'b' }, dat: {} })).toEqual(['dat']);
    expect(unknownFields('v1', 'Pod', { spec: { containers: [{ name: 'a', envv: [] }] } })).toEqual([
      'spec.containers[0].envv',
    ]);
    expect(
      unknownFields('authorization.k8s.io/v1', 'SelfSubjectAccessReview', {
        spec: { resourceAttributes: { verb: 'get', resources: 'pods' } },
      }),
    ).toEqual(['spec.resourceAttributes.resources']);
  });
});

describe('listStrategy', () => {
  it('gives merge keys and list types along a field path', () => {
    const ds = (path: string[]) => listStrategy('apps/v1', 'DaemonSet', path);
    expect(ds(['spec', 'template', 'spec', 'containers'])?.patchMergeKey).toBe('name');
    expect(ds(['spec', 'template', 'spec', 'containers', 'ports'])?.listMapKeys).toEqual(['containerPort', 'protocol']);
    expect(ds(['spec', 'template', 'spec', 'containers', 'volumeMounts'])?.patchMergeKey).toBe('mountPath');
    expect(ds(['spec', 'template', 'spec', 'containers', 'args'])?.listType).toBe('atomic');
    expect(ds(['metadata', 'finalizers'])).toEqual({ patchStrategy: ['merge'], listType: 'set' });
    expect(ds(['spec', 'selector'])).toBeUndefined();
  });
});
