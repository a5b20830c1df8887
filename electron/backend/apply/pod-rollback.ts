import type { DetailAccess } from '../../contract/index.js';
import { selectorString } from '../resources/rows.js';
import { AppError } from '../errors.js';
import { deleteObject, patchObject, readObject, STRATEGIC_MERGE_PATCH } from '../kinds/client.js';
import { mayOnPods } from '../kinds/subresource-review.js';
import { KINDS } from '../kinds/kinds.js';
import { controlledBy } from '../kinds/owner.js';
import { listObjects } from '../kinds/source.js';
import type { ContextSession } from '../session/session.js';
import { record } from '../../../common/guards.js';

export async function deletePod(session: ContextSession, namespace: string, pod: string): Promise<void> {
  await deleteObject(session, KINDS.pods, namespace, pod);
}

/**
 * `kubectl rollout undo daemonset/<name> --to-revision=<n>`: find the revision among the DaemonSet's own
 * ControllerRevisions, skip when it is already the current one, else strategic-merge-patch its `data` (which replaces
 * the whole template) onto the DaemonSet.
 */
export async function rollback(
  session: ContextSession,
  namespace: string,
  name: string,
  revision: number,
): Promise<{ rolledBack: boolean }> {
  const ds = await readObject(session, KINDS.daemonsets, namespace, name);
  const uid = ds.metadata?.uid;
  const labelSelector = selectorString(ds.spec?.selector);
  const list = await listObjects(session, KINDS.controllerrevisions, { namespace, labelSelector });
  const owned = list.items.filter((r) => controlledBy(r, uid));
  const target = owned.find((r) => r.revision === revision);
  if (!target) throw new AppError('not-found', `Revision ${revision} is not in the history of DaemonSet "${name}".`);
  const newest = Math.max(...owned.map((r) => r.revision ?? 0));
  // The controller renumbers a revision whose template comes back, so the newest revision is the live template.
  if (target.revision === newest) return { rolledBack: false };
  const patch = { apiVersion: 'apps/v1', kind: 'DaemonSet', metadata: { name, namespace }, ...record(target.data) };
  await patchObject(session, KINDS.daemonsets, namespace, name, patch, STRATEGIC_MERGE_PATCH);
  return { rolledBack: true };
}

/** What the user may do on the page, asked with SelfSubjectAccessReviews (no trial and error). */
export async function access(session: ContextSession, namespace: string): Promise<DetailAccess> {
  const [deletePods, patchDaemonSet, updateDaemonSet, deleteDaemonSet, readLogs] = await Promise.all([
    session.can({ verb: 'delete', resource: 'pods', namespace }),
    session.can({ verb: 'patch', resource: 'daemonsets', group: 'apps', namespace }),
    session.can({ verb: 'update', resource: 'daemonsets', group: 'apps', namespace }),
    session.can({ verb: 'delete', resource: 'daemonsets', group: 'apps', namespace }),
    mayOnPods(session, 'get', 'log', namespace),
  ]);
  return { deletePods, patchDaemonSet, updateDaemonSet, deleteDaemonSet, readLogs };
}
