import type { Projection } from './source.js';
import { isRecord, records, text } from '../../../common/guards.js';
import { identityOf } from './identity.js';
import { REVISION_HASH } from '../resources/detail-convert.js';

// The coverage matrix tells a pod of the current template from an older one by the hash of its DaemonSet's newest
// ControllerRevision: of each revision it keeps the owner, the number and the hash, never the recorded template.

export interface RevisionRef {
  metadata: ReturnType<typeof identityOf>;
  ownerUid: string;
  revision: number;
  hash: string;
}

export function projectRevisionRef(raw: unknown): RevisionRef | undefined {
  if (!isRecord(raw) || !isRecord(raw.metadata)) return undefined;
  const meta = raw.metadata;
  const owner = records(meta.ownerReferences).find((o) => o.controller === true && o.kind === 'DaemonSet');
  const labels = isRecord(meta.labels) ? meta.labels : {};
  return {
    metadata: identityOf(meta),
    ownerUid: text(owner?.uid) ?? '',
    revision: typeof raw.revision === 'number' ? raw.revision : 0,
    hash: text(labels[REVISION_HASH]) ?? '',
  };
}

export const revisionRef: Projection<RevisionRef> = {
  name: 'ref',
  project: projectRevisionRef,
  index: (r) => (r.ownerUid === '' ? [] : [r.ownerUid]),
};
