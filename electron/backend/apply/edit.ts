import type { EditableDaemonSet } from '../../contract/index.js';
import { readObject, replaceObject } from '../kinds/client.js';
import { KINDS } from '../kinds/kinds.js';
import { AppError } from '../errors.js';
import type { ContextSession } from '../session/session.js';
import { isRecord } from '../../../common/guards.js';

/**
 * The DaemonSet as stored (the JSON the server sends, every field kept) minus what nobody edits: managedFields and
 * status. Its resourceVersion travels beside it, so the update can be made conditional on it.
 */
export async function readEditable(
  session: ContextSession,
  namespace: string,
  name: string,
): Promise<EditableDaemonSet> {
  const wire: Record<string, unknown> = { ...(await readObject(session, KINDS.daemonsets, namespace, name)) };
  const { status: _status, ...manifest } = wire;
  const metadata = isRecord(manifest.metadata) ? { ...manifest.metadata } : {};
  delete metadata.managedFields;
  const resourceVersion = typeof metadata.resourceVersion === 'string' ? metadata.resourceVersion : '';
  delete metadata.resourceVersion;
  return { manifest: { ...manifest, metadata }, resourceVersion };
}

/**
 * PUT of the user's manifest, conditional on the resourceVersion they started from: a change made meanwhile by anyone
 * else is a 409 (code `conflict`), never overwritten. Name and namespace come from the page, not from the text.
 */
export async function updateDaemonSet(
  session: ContextSession,
  namespace: string,
  name: string,
  manifest: Record<string, unknown>,
  baseResourceVersion: string,
): Promise<{ resourceVersion: string }> {
  const metadata = isRecord(manifest.metadata) ? manifest.metadata : {};
  if (metadata.name !== undefined && metadata.name !== name) {
    throw new AppError(
      'invalid-argument',
      `The name cannot be changed (from "${name}" to "${String(metadata.name)}").`,
    );
  }
  if (metadata.namespace !== undefined && metadata.namespace !== namespace) {
    throw new AppError('invalid-argument', `The project cannot be changed (from "${namespace}").`);
  }
  // Sent as the user wrote it: client-node's typed replace would drop every field its models do not know.
  const body = {
    ...manifest,
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: { ...metadata, name, namespace, resourceVersion: baseResourceVersion },
  };
  const updated = await replaceObject(session, KINDS.daemonsets, namespace, name, body);
  return { resourceVersion: updated.metadata?.resourceVersion ?? '' };
}
