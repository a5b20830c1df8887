import type { ContextSession } from '../session/session.js';
import { rawCall } from './client.js';
import { record } from '../../../common/guards.js';

/** What a SelfSubjectAccessReview asks; no namespace means every namespace. */
export interface ReviewQuestion {
  verb: string;
  resource: string;
  subresource?: string;
  namespace?: string;
}

/**
 * May the user do this? The session's AccessQuestion carries no subresource, so questions that need one (pods/log,
 * pods/exec, pods/eviction) send the SelfSubjectAccessReview directly.
 */
export async function mayDo(session: ContextSession, question: ReviewQuestion): Promise<boolean> {
  const { verb, resource, subresource, namespace } = question;
  const review = await rawCall(session, {
    method: 'POST',
    path: '/apis/authorization.k8s.io/v1/selfsubjectaccessreviews',
    body: {
      apiVersion: 'authorization.k8s.io/v1',
      kind: 'SelfSubjectAccessReview',
      spec: {
        resourceAttributes: {
          verb,
          resource,
          ...(subresource ? { subresource } : {}),
          ...(namespace ? { namespace } : {}),
        },
      },
    },
  });
  return record(review.status).allowed === true;
}

/** May the user do `verb` on a pod subresource in `namespace`? */
export function mayOnPods(
  session: ContextSession,
  verb: string,
  subresource: string,
  namespace: string,
): Promise<boolean> {
  return mayDo(session, { verb, resource: 'pods', subresource, namespace });
}
