import { describe, expect, it } from 'vitest';
import { loadBundledSchemas } from '../../../../renderer/editor/schema/bundled';

const schemas = await loadBundledSchemas();

describe('bundled schemas (generated from kubernetes-types when the renderer is built)', () => {
  it('cover DaemonSet and the core kinds a DaemonSet file carries', () => {
    expect(schemas.source).toMatch(/^kubernetes-types \d+\.\d+\.\d+$/);
    expect(Object.keys(schemas.kinds).sort()).toEqual([
      'apps/v1/DaemonSet',
      'v1/ConfigMap',
      'v1/Namespace',
      'v1/PersistentVolumeClaim',
      'v1/Secret',
      'v1/Service',
      'v1/ServiceAccount',
    ]);
  });

  it('carry DaemonSet fields with their descriptions, types, required fields and enums', () => {
    const spec = schemas.defs['apps/v1.DaemonSetSpec'];
    expect(spec?.r).toEqual(['selector', 'template']);
    expect(spec?.p.template?.d).toMatch(/An object that describes the pod that will be created/);
    expect(spec?.p.minReadySeconds?.t).toBe('number');
    expect(spec?.p.updateStrategy?.t).toEqual({ ref: 'apps/v1.DaemonSetUpdateStrategy' });
    expect(schemas.defs['apps/v1.DaemonSetUpdateStrategy']?.p.type?.e).toEqual(['RollingUpdate', 'OnDelete']);
    expect(schemas.defs['apps/v1.RollingUpdateDaemonSet']?.p.maxUnavailable?.t).toBe('int-or-string');
    const pod = schemas.defs['core/v1.PodSpec'];
    expect(pod?.p.containers).toMatchObject({
      t: { arr: { ref: 'core/v1.Container' } },
      d: expect.stringMatching(/containers/) as unknown,
    });
    expect(pod?.p.nodeSelector?.t).toEqual({ map: 'string' });
    expect(schemas.defs['core/v1.ResourceRequirements']?.p.limits?.t).toEqual({ map: 'int-or-string' });
    expect(schemas.defs['apps/v1.DaemonSet']?.p.status?.ro).toBe(true);
  });
});
