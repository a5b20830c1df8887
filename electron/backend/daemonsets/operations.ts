import { PatchStrategy } from '@kubernetes/client-node';
import type { BulkResult, ObjectRef } from '../../contract/index.js';
import { toErrorDTO } from '../errors.js';
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
  return eachRef(refs, (ref) =>
    session.call(() =>
      // KubernetesObjectApi takes the patch type as an argument (the typed API's header middleware is unreliable).
      session.objects.patch(
        {
          apiVersion: 'apps/v1',
          kind: 'DaemonSet',
          metadata: { name: ref.name, namespace: ref.namespace },
          spec: { template: { metadata: { annotations } } },
        },
        undefined,
        undefined,
        undefined,
        undefined,
        PatchStrategy.StrategicMergePatch,
      ),
    ),
  );
}

export function remove(
  session: ContextSession,
  refs: ObjectRef[],
  propagation: 'Background' | 'Orphan',
): Promise<BulkResult> {
  return eachRef(refs, (ref) =>
    session.call(() =>
      session.apps.deleteNamespacedDaemonSet({
        name: ref.name,
        namespace: ref.namespace,
        propagationPolicy: propagation,
        body: { apiVersion: 'v1', kind: 'DeleteOptions', propagationPolicy: propagation },
      }),
    ),
  );
}
