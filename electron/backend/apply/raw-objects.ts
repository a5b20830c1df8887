import { AppError } from '../errors.js';
import { createObject, patchObject, rawCall, SERVER_SIDE_APPLY } from '../kinds/client.js';
import { record } from '../../../common/guards.js';
import { knownKind, objectPath, type Kind } from '../kinds/kinds.js';
import type { KubeObject } from '../kinds/objects.js';
import type { ContextSession } from '../session/session.js';

// Objects the user wrote (the editor's apply, the wizard's create), of any kind: the kinds table answers for the kinds
// the backend knows, the API's discovery document for the rest. Bodies and answers are the JSON as written and as
// sent (kinds/client.ts), so no field is dropped.

export interface RawWriteOptions {
  dryRun: boolean;
  fieldManager: string;
  /** Only for server-side apply: take over fields another manager owns. */
  force?: boolean;
}

interface Discovered {
  name: string;
  kind: string;
  namespaced: boolean;
}

/** Discovery answers per session and group-version (asked again when a kind is missing: a CRD may be new). */
const discovery = new WeakMap<ContextSession, Map<string, Discovered[]>>();

async function discover(session: ContextSession, apiVersion: string): Promise<Discovered[]> {
  const path = apiVersion.includes('/') ? `/apis/${apiVersion}` : `/api/${apiVersion}`;
  const answer = await rawCall(session, { method: 'GET', path });
  const resources = Array.isArray(answer.resources) ? (answer.resources as unknown[]) : [];
  const found = resources.flatMap((r): Discovered[] => {
    const { name, kind, namespaced } = record(r);
    // Subresources (daemonsets/status) share their kind with the resource itself.
    if (typeof name !== 'string' || name.includes('/') || typeof kind !== 'string') return [];
    return [{ name, kind, namespaced: namespaced === true }];
  });
  let perSession = discovery.get(session);
  if (!perSession) discovery.set(session, (perSession = new Map()));
  perSession.set(apiVersion, found);
  return found;
}

async function kindOf(session: ContextSession, apiVersion: string, kind: string): Promise<Kind> {
  const known = knownKind(apiVersion, kind);
  if (known) return known;
  const match = (list: Discovered[] | undefined) => list?.find((r) => r.kind === kind);
  const found = match(discovery.get(session)?.get(apiVersion)) ?? match(await discover(session, apiVersion));
  if (!found) throw new AppError('invalid-argument', `The cluster does not serve kind "${kind}" in ${apiVersion}.`);
  const [group, version] = apiVersion.includes('/') ? apiVersion.split('/', 2) : ['', apiVersion];
  return { group: group ?? '', version: version ?? '', plural: found.name, kind, namespaced: found.namespaced };
}

/** The kind and namespace a manifest is sent to; a namespaced one without a namespace goes to the context's. */
async function placeOf(
  session: ContextSession,
  manifest: KubeObject,
): Promise<{ kind: Kind; namespace: string | undefined; name: string; body: KubeObject }> {
  if (typeof manifest.kind !== 'string' || manifest.kind === '') {
    throw new AppError('invalid-argument', 'The object has no kind.');
  }
  const kind = await kindOf(session, manifest.apiVersion ?? 'v1', manifest.kind);
  const namespace = kind.namespaced ? (manifest.metadata?.namespace ?? session.namespace ?? 'default') : undefined;
  const body = namespace === undefined ? manifest : { ...manifest, metadata: { ...manifest.metadata, namespace } };
  return { kind, namespace, name: manifest.metadata?.name ?? '', body };
}

function writeQuery(options: RawWriteOptions): Record<string, string> {
  const query: Record<string, string> = { fieldManager: options.fieldManager };
  if (options.dryRun) query.dryRun = 'All';
  if (options.force !== undefined) query.force = String(options.force);
  return query;
}

/** The object as stored, or a 404 AppError. */
export async function readManifest(session: ContextSession, manifest: KubeObject): Promise<Record<string, unknown>> {
  const { kind, namespace, name } = await placeOf(session, manifest);
  return rawCall(session, { method: 'GET', path: objectPath(kind, namespace, name) });
}

export async function createManifest(
  session: ContextSession,
  manifest: KubeObject,
  options: RawWriteOptions,
): Promise<Record<string, unknown>> {
  const { kind, namespace, body } = await placeOf(session, manifest);
  return createObject(session, kind, namespace, body, writeQuery(options));
}

/** Server-side apply (PATCH with the apply content type), like `kubectl apply --server-side`. */
export async function applyManifest(
  session: ContextSession,
  manifest: KubeObject,
  options: RawWriteOptions,
): Promise<Record<string, unknown>> {
  const { kind, namespace, name, body } = await placeOf(session, manifest);
  return patchObject(session, kind, namespace, name, body, SERVER_SIDE_APPLY, writeQuery(options));
}
