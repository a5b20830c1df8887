import type { ExecAccess } from '../../contract/index.js';
import { AppError } from '../errors.js';
import { mayOnPods } from '../kinds/subresource-review.js';
import type { ContextSession } from '../session/session.js';

const VERBS = ['create', 'get'] as const;

/**
 * May the user open a shell in this namespace's pods? The API server asks `create` on pods/exec, and for a WebSocket
 * upgrade (a GET) also `get` (kube-apiserver 1.35, and the sandbox), so both are asked with SelfSubjectAccessReviews.
 */
export async function execAccess(session: ContextSession, namespace: string): Promise<ExecAccess> {
  const answers = await Promise.all(VERBS.map((verb) => mayOnPods(session, verb, 'exec', namespace)));
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
