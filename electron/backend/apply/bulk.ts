import type { BulkResult, ObjectRef } from '../../contract/index.js';
import { toErrorDTO } from '../errors.js';
import { deleteObject, patchObject, STRATEGIC_MERGE_PATCH } from '../kinds/client.js';
import { KINDS } from '../kinds/kinds.js';
import type { ContextSession } from '../session/session.js';

export const RESTARTED_AT = 'kubectl.kubernetes.io/restartedAt';

/** RFC 3339 in UTC without fractions, as `kubectl rollout restart` writes it. */
export function restartTimestamp(now = new Date()): string {
  return now.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

const PARALLEL = 6;

async function eachRef(refs: ObjectRef[], action: (ref: ObjectRef) => Promise<unknown>): Promise<BulkResult> {
  // A few at a time, so a bulk action on hundreds of rows neither floods the API server nor takes minutes; results
  // keep the order of the refs, and one failure does not stop the rest.
  const results: BulkResult['results'] = new Array<BulkResult['results'][number]>(refs.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < refs.length) {
      const index = next++;
      const ref = refs[index] as ObjectRef;
      const key = `${ref.namespace}/${ref.name}`;
      try {
        await action(ref);
        results[index] = { key, ok: true };
      } catch (error) {
        results[index] = { key, ok: false, error: toErrorDTO(error) };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(PARALLEL, refs.length) }, worker));
  return { results };
}

/** Redeploy = strategic merge patch of the template's restartedAt annotation, exactly as `kubectl rollout restart`. */
export function redeploy(session: ContextSession, refs: ObjectRef[]): Promise<BulkResult> {
  const annotations = { [RESTARTED_AT]: restartTimestamp() };
  const patch = { spec: { template: { metadata: { annotations } } } };
  return eachRef(refs, (ref) =>
    patchObject(session, KINDS.daemonsets, ref.namespace, ref.name, patch, STRATEGIC_MERGE_PATCH),
  );
}

export function remove(
  session: ContextSession,
  refs: ObjectRef[],
  propagation: 'Background' | 'Orphan',
): Promise<BulkResult> {
  return eachRef(refs, (ref) => deleteObject(session, KINDS.daemonsets, ref.namespace, ref.name, propagation));
}
