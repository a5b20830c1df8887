import type { ObjectReference, ReferencesList } from '../../contract/index.js';
import { readObject } from '../kinds/client.js';
import { KINDS } from '../kinds/kinds.js';
import type { KubeObject } from '../kinds/objects.js';
import { AppError } from '../errors.js';
import type { ContextSession } from '../session/session.js';
import { isRecord } from '../../../common/guards.js';
import { collectReferences, type Collected } from './collect.js';
import { REF_KINDS } from './kinds.js';

// The References section of a DaemonSet: what its pod template names, each object looked up with one GET (a pod
// template names a handful), so that one that does not exist is said where it is referenced. Nothing of the objects'
// contents leaves this file: a Secret is read only to know it exists and which keys it has.

function stateOf(error: unknown): ObjectReference['state'] {
  if (error instanceof AppError && error.code === 'not-found') return 'missing';
  if (error instanceof AppError && error.code === 'forbidden') return 'forbidden';
  return 'unknown';
}

function keysOf(object: KubeObject): Set<string> {
  const o = object as Record<string, unknown>;
  return new Set([o.data, o.binaryData, o.stringData].flatMap((m) => (isRecord(m) ? Object.keys(m) : [])));
}

async function lookUp(session: ContextSession, namespace: string, ref: Collected): Promise<ObjectReference> {
  const { keys, ...reference } = ref;
  try {
    const object = await readObject(session, REF_KINDS[ref.kind], namespace, ref.name);
    if (keys.length === 0 || (ref.kind !== 'ConfigMap' && ref.kind !== 'Secret')) {
      return { ...reference, state: 'present' };
    }
    const held = keysOf(object);
    const missingKeys = keys.filter((k) => !held.has(k));
    return missingKeys.length > 0
      ? { ...reference, state: 'present', missingKeys }
      : { ...reference, state: 'present' };
  } catch (error) {
    return { ...reference, state: stateOf(error) };
  }
}

export async function listReferences(
  session: ContextSession,
  namespace: string,
  name: string,
): Promise<ReferencesList> {
  const ds = await readObject(session, KINDS.daemonsets, namespace, name);
  const refs = collectReferences(ds.spec?.template);
  return { namespace, items: await Promise.all(refs.map((ref) => lookUp(session, namespace, ref))) };
}
