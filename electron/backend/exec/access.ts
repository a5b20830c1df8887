import type { ExecAccess } from '../../contract/index.js';
import { AppError } from '../errors.js';
import { mayOnPods } from '../kinds/subresource-review.js';
import type { ContextSession } from '../session/session.js';

const VERBS = ['create', 'get'] as const;

/**
 * May the user use a streaming subresource of this namespace's pods (exec, portforward)? The API server asks
 * `create`, and for a WebSocket upgrade (a GET) also `get` (kube-apiserver 1.35, and the sandbox), so both are asked
 * with SelfSubjectAccessReviews.
 */
export async function streamingAccess(
  session: ContextSession,
  subresource: 'exec' | 'portforward',
  namespace: string,
): Promise<ExecAccess> {
  const answers = await Promise.all(VERBS.map((verb) => mayOnPods(session, verb, subresource, namespace)));
  const missing = VERBS.filter((_, i) => !answers[i]);
  return { allowed: missing.length === 0, missing };
}

/** Refuses, naming the verbs and the resource, when the user may not; `consequence` says what cannot be done. */
export async function checkStreamingAccess(
  session: ContextSession,
  subresource: 'exec' | 'portforward',
  namespace: string,
  consequence: string,
): Promise<void> {
  const { missing } = await streamingAccess(session, subresource, namespace);
  if (missing.length === 0) return;
  throw new AppError(
    'forbidden',
    `User "${session.userName}" may not ${missing.join(' or ')} resource "pods/${subresource}" in namespace ` +
      `"${namespace}", ${consequence}`,
  );
}

export const execAccess = (session: ContextSession, namespace: string): Promise<ExecAccess> =>
  streamingAccess(session, 'exec', namespace);

export const checkExecAccess = (session: ContextSession, namespace: string): Promise<void> =>
  checkStreamingAccess(session, 'exec', namespace, 'so no shell can be opened there.');
