import type { ContextSession } from '../session/session.js';
import { rawCall } from './client.js';
import { record } from '../../../common/guards.js';

/**
 * May the user do `verb` on a pod subresource (pods/log, pods/exec)? The session's AccessQuestion carries no
 * subresource, so the SelfSubjectAccessReview is sent with it directly.
 */
export async function mayOnPods(
  session: ContextSession,
  verb: string,
  subresource: string,
  namespace: string,
): Promise<boolean> {
  const review = await rawCall(session, {
    method: 'POST',
    path: '/apis/authorization.k8s.io/v1/selfsubjectaccessreviews',
    body: {
      apiVersion: 'authorization.k8s.io/v1',
      kind: 'SelfSubjectAccessReview',
      spec: { resourceAttributes: { verb, resource: 'pods', subresource, namespace } },
    },
  });
  return record(review.status).allowed === true;
}
