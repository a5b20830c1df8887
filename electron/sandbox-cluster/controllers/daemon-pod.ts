// The pod a DaemonSet creates for one node: a copy of the template with the daemon tolerations, the revision labels,
// node affinity pinned to the node (the scheduler then binds it) and a controller owner reference.

import type { KubeObject, ObjectMeta } from '../types.js';
import { withDaemonTolerations } from './eligibility.js';
import type { Affinity, DaemonSet, PodSpec } from './kinds.js';
import { ownerRefTo } from './kinds.js';
import { HASH_LABEL, TEMPLATE_GENERATION_LABEL, templateGeneration } from './pod-util.js';

type NewObject = Omit<KubeObject, 'metadata'> & { metadata: Partial<ObjectMeta> };

/** Upstream replaces every required term with one that names the node; preferred terms and other affinities stay. */
export function pinToNode(affinity: Affinity | undefined, node: string): Affinity {
  const pinned = structuredClone(affinity ?? {});
  pinned.nodeAffinity = {
    ...(pinned.nodeAffinity ?? {}),
    requiredDuringSchedulingIgnoredDuringExecution: {
      nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: [node] }] }],
    },
  };
  return pinned;
}

export function newDaemonPod(ds: DaemonSet, node: string, hash: string): NewObject {
  const template = structuredClone(ds.spec.template);
  const labels: Record<string, string> = { ...(template.metadata?.labels ?? {}) };
  const generation = templateGeneration(ds);
  if (generation !== undefined) labels[TEMPLATE_GENERATION_LABEL] = generation;
  labels[HASH_LABEL] = hash;
  const spec: PodSpec = {
    ...template.spec,
    tolerations: withDaemonTolerations(template.spec),
    affinity: pinToNode(template.spec.affinity, node),
  };
  const metadata: Partial<ObjectMeta> = {
    generateName: `${ds.metadata.name}-`,
    namespace: ds.metadata.namespace,
    labels,
    ownerReferences: [ownerRefTo(ds)],
  };
  const annotations = template.metadata?.annotations;
  if (annotations && Object.keys(annotations).length > 0) metadata.annotations = { ...annotations };
  return { apiVersion: 'v1', kind: 'Pod', metadata, spec };
}
