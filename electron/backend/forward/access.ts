import type { ForwardAccess } from '../../contract/index.js';
import { checkStreamingAccess, streamingAccess } from '../exec/access.js';
import type { ContextSession } from '../session/session.js';

/** May the user forward ports of this namespace's pods (`create` and `get` on pods/portforward)? */
export const forwardAccess = (session: ContextSession, namespace: string): Promise<ForwardAccess> =>
  streamingAccess(session, 'portforward', namespace);

export const checkForwardAccess = (session: ContextSession, namespace: string): Promise<void> =>
  checkStreamingAccess(session, 'portforward', namespace, 'so no port of its pods can be forwarded.');
