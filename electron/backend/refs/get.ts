import type { ReferencedObject, RefKind, SecretEntry } from '../../contract/index.js';
import { readObject } from '../kinds/client.js';
import type { ContextSession } from '../session/session.js';
import { isRecord } from '../../../common/guards.js';
import { REF_KINDS } from './kinds.js';

// One referenced object for the renderer's read-only panel. A Secret leaves without its data: its keys and sizes
// always, its decoded values only when the user pressed "Show values" (`reveal`); the last-applied annotation, which
// kubectl apply fills with the whole object, values included, is dropped with it.

const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

function isUtf8(bytes: Buffer): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

function entriesOf(data: unknown, reveal: boolean): SecretEntry[] {
  if (!isRecord(data)) return [];
  return Object.entries(data)
    .map(([key, encoded]): SecretEntry => {
      const bytes = Buffer.from(typeof encoded === 'string' ? encoded : '', 'base64');
      if (!reveal) return { key, bytes: bytes.length };
      return isUtf8(bytes)
        ? { key, bytes: bytes.length, value: bytes.toString('utf8') }
        : { key, bytes: bytes.length, value: bytes.toString('base64'), binary: true };
    })
    .sort((a, b) => a.key.localeCompare(b.key));
}

export async function getReferenced(
  session: ContextSession,
  kind: RefKind,
  namespace: string,
  name: string,
  options: { reveal: boolean },
): Promise<ReferencedObject> {
  const wire: Record<string, unknown> = { ...(await readObject(session, REF_KINDS[kind], namespace, name)) };
  const metadata = isRecord(wire.metadata) ? { ...wire.metadata } : {};
  delete metadata.managedFields;
  if (kind !== 'Secret') return { kind, namespace, name, manifest: { ...wire, metadata } };
  const { data, stringData: _stringData, ...rest } = wire;
  if (isRecord(metadata.annotations) && LAST_APPLIED in metadata.annotations) {
    const { [LAST_APPLIED]: _lastApplied, ...annotations } = metadata.annotations;
    if (Object.keys(annotations).length > 0) metadata.annotations = annotations;
    else delete metadata.annotations;
  }
  const type = typeof wire.type === 'string' ? wire.type : 'Opaque';
  const secret = { type, entries: entriesOf(data, options.reveal), revealed: options.reveal };
  return { kind, namespace, name, manifest: { ...rest, metadata }, secret };
}
