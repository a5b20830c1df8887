import type { ExecAccess } from '../../contract/index.js';
import { AppError } from '../errors.js';
import { rawCall } from '../kinds/client.js';
import type { ContextSession } from '../session/session.js';
import { record } from '../../../common/guards.js';

const VERBS = ['create', 'get'] as const;

/**
 * May the user open a shell in this namespace's pods? The API server asks `create` on pods/exec, and for a WebSocket
 * upgrade (a GET) also `get` (kube-apiserver 1.35, and the sandbox), so both are asked with SelfSubjectAccessReviews.
 */
export async function execAccess(session: ContextSession, namespace: string): Promise<ExecAccess> {
  const answers = await Promise.all(VERBS.map((verb) => mayExec(session, namespace, verb)));
  const missing = VERBS.filter((_, i) => !answers[i]);
  return { allowed: missing.length === 0, missing };
}

/** Refuses, naming the verbs and the resource, when the user may not open a shell there. */
export async function checkExecAccess(session: ContextSession, namespace: string): Promise<void> {
  const { missing } = await execAccess(session, namespace);
  if (missing.length === 0) return;
  throw new AppError(
    'forbidden',
    `User "${session.userName}" may not ${missing.join(' or ')} resource "pods/exec" in namespace "${namespace}", ` +
      'so no shell can be opened there.',
  );
}

// pods/exec is a subresource, which the session's AccessQuestion does not carry: ask the review with it directly.
async function mayExec(session: ContextSession, namespace: string, verb: string): Promise<boolean> {
  const review = await rawCall(session, {
    method: 'POST',
    path: '/apis/authorization.k8s.io/v1/selfsubjectaccessreviews',
    body: {
      apiVersion: 'authorization.k8s.io/v1',
      kind: 'SelfSubjectAccessReview',
      spec: { resourceAttributes: { verb, resource: 'pods', subresource: 'exec', namespace } },
    },
  });
  return record(review.status).allowed === true;
}
