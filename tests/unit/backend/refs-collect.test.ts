// Which objects a pod template references, and when such a reference is optional.
import { describe, expect, it } from 'vitest';
import { collectReferences } from '../../../electron/backend/refs/collect.js';

describe('pod template references', () => {
  it('finds every kind of reference, once per object, with each use', () => {
    const refs = collectReferences({
      spec: {
        serviceAccount: 'legacy-sa',
        imagePullSecrets: [{ name: 'pull' }, {}],
        initContainers: [{ name: 'init', envFrom: [{ secretRef: { name: 'pull', optional: true } }] }],
        containers: [
          {
            name: 'main',
            env: [
              { name: 'A', valueFrom: { configMapKeyRef: { name: 'cfg', key: 'a', optional: true } } },
              { name: 'B', value: 'plain' },
            ],
          },
        ],
        volumes: [
          { name: 'v1', configMap: { name: 'cfg', optional: true } },
          { name: 'v2', secret: { secretName: 'tls' } },
          { name: 'v3', persistentVolumeClaim: { claimName: 'data' } },
          { name: 'v4', projected: { sources: [{ secret: { name: 'tls', optional: true } }, { downwardAPI: {} }] } },
          { name: 'v5', emptyDir: {} },
        ],
      },
    });
    expect(refs.map((r) => [r.kind, r.name, r.optional, r.uses.length, r.keys])).toEqual([
      ['ConfigMap', 'cfg', true, 2, ['a']],
      ['Secret', 'pull', false, 2, []],
      ['Secret', 'tls', false, 2, []],
      ['PersistentVolumeClaim', 'data', false, 1, []],
      ['ServiceAccount', 'legacy-sa', false, 1, []],
    ]);
  });

  it('finds nothing in an empty or malformed template', () => {
    expect(collectReferences(undefined)).toEqual([]);
    expect(collectReferences({ spec: { volumes: 'x', containers: [null, 3] } })).toEqual([]);
  });
});
