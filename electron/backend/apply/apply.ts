import type { ApplyOptions, ApplyResult } from '../../contract/index.js';
import { AppError } from '../errors.js';
import type { ContextSession } from '../session/session.js';
import { FIELD_MANAGER } from './create.js';
import type { KubeObject } from '../kinds/objects.js';
import { applyManifest, readManifest } from './raw-objects.js';
import { isRecord } from '../../../common/guards.js';

/** The object to send: managedFields are server bookkeeping the apply body must not carry. */
function applyBody(session: ContextSession, manifest: Record<string, unknown>): KubeObject {
  const metadata = isRecord(manifest.metadata) ? { ...manifest.metadata } : {};
  if (
    typeof manifest.apiVersion !== 'string' ||
    typeof manifest.kind !== 'string' ||
    typeof metadata.name !== 'string'
  ) {
    throw new AppError('invalid-argument', 'An object to apply needs apiVersion, kind and metadata.name.');
  }
  delete metadata.managedFields;
  if (metadata.namespace === undefined && session.namespace) metadata.namespace = session.namespace;
  return { ...manifest, metadata } as KubeObject;
}

/**
 * Server-side apply of one object with field manager `everynode`, like `kubectl apply --server-side`. With dryRun the
 * server computes the result without storing it; `live` is the object as it is now (null when it does not exist), so
 * the editor can show the diff first. A field owned by another manager is a 409 whose causes name it; `force` takes
 * those fields over.
 */
export async function applyObject(
  session: ContextSession,
  manifest: Record<string, unknown>,
  options: ApplyOptions,
): Promise<ApplyResult> {
  const body = applyBody(session, manifest);
  let live: Record<string, unknown> | null = null;
  if (options.dryRun) {
    try {
      live = await readManifest(session, body);
    } catch (error) {
      if (!(error instanceof AppError && error.status === 404)) throw error;
    }
  }
  const result = await applyManifest(session, body, {
    dryRun: options.dryRun,
    fieldManager: FIELD_MANAGER,
    force: options.force,
  });
  return { live, result, dryRun: options.dryRun };
}
