import { AppError } from '../errors.js';
import { readObject } from '../kinds/client.js';
import { KINDS } from '../kinds/kinds.js';
import type { ContextSession } from '../session/session.js';

/** Whether the pod a shell or forward goes to was deleted (a read answers 404); any other failure says no. */
export async function podGone(session: ContextSession, namespace: string, pod: string): Promise<boolean> {
  try {
    await readObject(session, KINDS.pods, namespace, pod);
    return false;
  } catch (error) {
    return error instanceof AppError && error.code === 'not-found';
  }
}
