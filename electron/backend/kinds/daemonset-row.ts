import type { Container, DaemonSetObject, DaemonSetStatus, LabelSelector } from './objects.js';
import type { Projection } from './source.js';
import { ALIAS_ANNOTATION, DESCRIPTION_ANNOTATION } from '../../../common/annotations.js';
import { HELM_RELEASE_NAME, HELM_RELEASE_NAMESPACE } from '../../../common/helm.js';
import { isRecord, record, text } from '../../../common/guards.js';
import { identityOf } from './identity.js';

// The list page's DaemonSet informer keeps, of each DaemonSet, only what a row, the settled test and the pod watch's
// selector read (resources/rows.ts). A real cluster's objects carry managedFields, last-applied-configuration and
// whole pod templates, many times the size of this; the detail page watches its one DaemonSet whole.

const count = (value: unknown): number | undefined => (typeof value === 'number' ? value : undefined);

function stringMap(value: unknown): Record<string, string> | undefined {
  if (!isRecord(value)) return undefined;
  const out: Record<string, string> = {};
  for (const [key, entry] of Object.entries(value)) if (typeof entry === 'string') out[key] = entry;
  return out;
}

function annotationsForRows(value: unknown): Record<string, string> | undefined {
  const all = record(value);
  const out: Record<string, string> = {};
  for (const key of [ALIAS_ANNOTATION, DESCRIPTION_ANNOTATION, HELM_RELEASE_NAME, HELM_RELEASE_NAMESPACE]) {
    const entry = all[key];
    if (typeof entry === 'string') out[key] = entry;
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

/** A DaemonSet as the API sends it (parsed JSON) → the fields the list page reads; undefined if it is not one. */
export function projectDaemonSet(raw: unknown): DaemonSetObject | undefined {
  if (!isRecord(raw) || !isRecord(raw.metadata)) return undefined;
  const meta = raw.metadata;
  const spec = record(raw.spec);
  const podSpec = record(record(spec.template).spec);
  const containers: Container[] = [];
  if (Array.isArray(podSpec.containers)) {
    for (const c of podSpec.containers as unknown[]) {
      const container = record(c);
      containers.push({ name: text(container.name) ?? '', image: text(container.image) });
    }
  }
  return {
    metadata: {
      ...identityOf(meta),
      generation: count(meta.generation),
      creationTimestamp: text(meta.creationTimestamp),
      labels: stringMap(meta.labels),
      annotations: annotationsForRows(meta.annotations),
    },
    spec: {
      // The API server always sends a selector; these objects are read from it, not written back.
      selector: record(spec.selector) as LabelSelector,
      minReadySeconds: count(spec.minReadySeconds),
      updateStrategy: isRecord(spec.updateStrategy) ? spec.updateStrategy : undefined,
      template: { spec: { containers, nodeSelector: stringMap(podSpec.nodeSelector) } },
    },
    // Counts and conditions only: small, and all of it feeds the row's status.
    status: isRecord(raw.status) ? (raw.status as DaemonSetStatus) : undefined,
  };
}

export const daemonSetRow: Projection<DaemonSetObject> = { name: 'row', project: projectDaemonSet };
