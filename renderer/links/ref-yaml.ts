import { stringify } from 'yaml';
import type { ReferencedObject } from '../../electron/contract/refs-dto';

/**
 * The panel's YAML: the object as sent; a Secret's entries as `data`, each hidden as the size line the caller words
 * ("•••• 24 bytes") or, once revealed, its decoded value.
 */
export function refYaml(object: ReferencedObject, hidden: (bytes: number) => string): string {
  const secret = object.secret;
  if (!secret) return stringify(object.manifest);
  const data = Object.fromEntries(secret.entries.map((e) => [e.key, e.value ?? hidden(e.bytes)]));
  return stringify({ ...object.manifest, data });
}
