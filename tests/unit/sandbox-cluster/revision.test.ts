import { describe, expect, it } from 'vitest';
import type { DaemonSet, PodTemplate } from '../../../electron/sandbox-cluster/controllers/kinds.js';
import { newDaemonPod } from '../../../electron/sandbox-cluster/controllers/daemon-pod.js';
import {
  canonicalJson,
  revisionData,
  revisionMatches,
  templateHash,
} from '../../../electron/sandbox-cluster/controllers/revision.js';

const template: PodTemplate = {
  metadata: { labels: { app: 'x' } },
  spec: { containers: [{ name: 'c', image: 'nginx:1.27', ports: [{ containerPort: 80 }] }] },
};

function ds(t: PodTemplate): DaemonSet {
  return {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: {
      name: 'web',
      namespace: 'team-a',
      uid: 'uid-1',
      resourceVersion: '1',
      creationTimestamp: '',
      annotations: { 'deprecated.daemonset.template.generation': '3' },
    },
    spec: { selector: { matchLabels: { app: 'x' } }, template: t },
  };
}

describe('controller revisions', () => {
  it('hashes the template deterministically, whatever the key order', () => {
    const reordered: PodTemplate = {
      spec: { containers: [{ ports: [{ containerPort: 80 }], image: 'nginx:1.27', name: 'c' }] },
      metadata: { labels: { app: 'x' } },
    };
    expect(templateHash(template)).toBe(templateHash(reordered));
    expect(templateHash(template)).toMatch(/^[bcdfghjklmnpqrstvwxz2456789]{6,10}$/);
  });

  it('changes the hash with the template and with the collision count', () => {
    const other = structuredClone(template);
    (other.spec.containers[0] as { image: string }).image = 'nginx:1.28';
    expect(templateHash(other)).not.toBe(templateHash(template));
    expect(templateHash(template, 1)).not.toBe(templateHash(template));
    expect(templateHash(template, 0)).toBe(templateHash(template));
  });

  it('writes data as a $patch replace of the template with sorted keys', () => {
    expect(canonicalJson(revisionData(ds(template)))).toBe(
      '{"spec":{"template":{"$patch":"replace","metadata":{"creationTimestamp":null,"labels":{"app":"x"}},' +
        '"spec":{"containers":[{"image":"nginx:1.27","name":"c","ports":[{"containerPort":80}]}]}}}}',
    );
    expect(Object.keys(revisionData(ds(template)))).toEqual(['spec']);
    expect(revisionMatches(ds(template), JSON.parse(canonicalJson(revisionData(ds(template)))))).toBe(true);
    const changed = structuredClone(template);
    changed.metadata = { labels: { app: 'y' } };
    expect(revisionMatches(ds(changed), revisionData(ds(template)))).toBe(false);
  });

  it('creates daemon pods with the revision labels, daemon tolerations, node pin and owner', () => {
    const pod = newDaemonPod(ds(template), 'worker-2', 'abc123');
    expect(pod.metadata.generateName).toBe('web-');
    expect(pod.metadata.labels).toEqual({
      app: 'x',
      'controller-revision-hash': 'abc123',
      'pod-template-generation': '3',
    });
    expect(pod.metadata.ownerReferences).toEqual([
      {
        apiVersion: 'apps/v1',
        kind: 'DaemonSet',
        name: 'web',
        uid: 'uid-1',
        controller: true,
        blockOwnerDeletion: true,
      },
    ]);
    expect(pod.spec.affinity).toEqual({
      nodeAffinity: {
        requiredDuringSchedulingIgnoredDuringExecution: {
          nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['worker-2'] }] }],
        },
      },
    });
    expect(pod.spec.tolerations).toHaveLength(6);
    expect(pod.spec.nodeName).toBeUndefined();
  });
});
