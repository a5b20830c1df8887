import type { CreateOptions, CreateResult } from '../../contract/index.js';
import { createManifest } from './raw-objects.js';
import { KINDS } from '../kinds/kinds.js';
import { readObject } from '../kinds/client.js';
import type { KubeObject } from '../kinds/objects.js';
import { AppError } from '../errors.js';
import type { ContextSession } from '../session/session.js';
import { isRecord } from '../../../common/guards.js';

export const FIELD_MANAGER = 'everynode';

/** The manifest must be an apps/v1 DaemonSet for this namespace: the renderer may not create anything else here. */
function checkManifest(namespace: string, manifest: Record<string, unknown>): KubeObject {
  if (manifest.apiVersion !== 'apps/v1' || manifest.kind !== 'DaemonSet') {
    throw new AppError('invalid-argument', 'Only an apps/v1 DaemonSet can be created here.');
  }
  const metadata = isRecord(manifest.metadata) ? manifest.metadata : {};
  if (metadata.namespace !== undefined && metadata.namespace !== namespace) {
    throw new AppError(
      'invalid-argument',
      `The manifest names namespace "${String(metadata.namespace)}", not "${namespace}".`,
      {
        causes: [{ field: 'metadata.namespace', message: `must be "${namespace}"` }],
      },
    );
  }
  return { ...manifest, metadata: { ...metadata, namespace } } as KubeObject;
}

/**
 * Creates (or dry-runs) a DaemonSet. A 409 becomes a cause on metadata.name, so the wizard shows "name taken" on the
 * name field; 422 causes pass through as the API server gave them.
 */
export async function createDaemonSet(
  session: ContextSession,
  namespace: string,
  manifest: Record<string, unknown>,
  options: CreateOptions,
): Promise<CreateResult> {
  const body = checkManifest(namespace, manifest);
  try {
    // Raw JSON, not client-node's typed create: its models would drop fields they do not know.
    const created = await createManifest(session, body, { dryRun: options.dryRun, fieldManager: FIELD_MANAGER });
    return { object: created, dryRun: options.dryRun };
  } catch (error) {
    if (error instanceof AppError && error.status === 409 && !error.causes) {
      throw new AppError(error.code, error.message, {
        status: 409,
        causes: [{ field: 'metadata.name', message: error.message, reason: 'AlreadyExists' }],
      });
    }
    throw error;
  }
}

/** True when no DaemonSet of that name exists; null when the user may not read DaemonSets in the namespace. */
export async function nameAvailable(session: ContextSession, namespace: string, name: string): Promise<boolean | null> {
  try {
    await readObject(session, KINDS.daemonsets, namespace, name);
    return false;
  } catch (error) {
    if (error instanceof AppError && error.status === 404) return true;
    if (error instanceof AppError && error.status === 403) return null;
    throw error;
  }
}
