// kubectl drain's filters (k8s.io/kubectl/pkg/drain/filters.go) as apply/drain.ts applies them to pods as listed:
// DaemonSet and mirror pods are left, a pod without a controller needs --force, one with emptyDir data
// --delete-emptydir-data, and a pod that has finished needs neither.
import { describe, expect, it } from 'vitest';
import { drainNeeds, evictable, isMirror } from '../../../electron/backend/apply/drain.js';

const owner = (kind: string) => ({ ownerReferences: [{ kind, name: 'x', uid: 'u', controller: true }] });
const pod = (meta: Record<string, unknown> = {}, spec: Record<string, unknown> = {}, phase = 'Running') => ({
  metadata: { name: 'p', namespace: 'n', ...meta },
  spec: { containers: [{ name: 'c' }], ...spec },
  status: { phase },
});
const none = { force: false, deleteEmptyDirData: false };
const emptyDir = { volumes: [{ name: 'cache', emptyDir: {} }] };

describe('drain rules', () => {
  it('evicts a pod a ReplicaSet owns with no options', () => {
    expect(drainNeeds(pod(owner('ReplicaSet')))).toEqual([]);
    expect(evictable(pod(owner('ReplicaSet')), none)).toBe(true);
  });

  it('leaves DaemonSet and mirror pods whatever the options', () => {
    const all = { force: true, deleteEmptyDirData: true };
    expect(evictable(pod(owner('DaemonSet')), all)).toBe(false);
    const mirror = pod({ annotations: { 'kubernetes.io/config.mirror': 'abc' }, ...owner('Node') });
    expect(isMirror(mirror)).toBe(true);
    expect(evictable(mirror, all)).toBe(false);
  });

  it('asks --force for a pod without a controller, --delete-emptydir-data for emptyDir, both when both', () => {
    expect(drainNeeds(pod())).toEqual(['force']);
    expect(drainNeeds(pod(owner('StatefulSet'), emptyDir))).toEqual(['deleteEmptyDirData']);
    expect(drainNeeds(pod({}, emptyDir))).toEqual(['force', 'deleteEmptyDirData']);
    expect(evictable(pod({}, emptyDir), { force: true, deleteEmptyDirData: false })).toBe(false);
    expect(evictable(pod({}, emptyDir), { force: true, deleteEmptyDirData: true })).toBe(true);
    // An owner reference that is not the controller does not count as one.
    expect(drainNeeds(pod({ ownerReferences: [{ kind: 'ReplicaSet', name: 'x', uid: 'u' }] }))).toEqual(['force']);
  });

  it('needs nothing for a pod that has finished', () => {
    expect(drainNeeds(pod({}, emptyDir, 'Succeeded'))).toEqual([]);
    expect(drainNeeds(pod({}, emptyDir, 'Failed'))).toEqual([]);
  });
});
