// ControllerRevision contents: the hash that names a revision and labels its pods, and the `data` patch that
// `kubectl rollout undo` applies. Both must be deterministic: kubectl compares data byte for byte.

import type { DaemonSet, PodTemplate } from './kinds.js';

const SAFE_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';

/** JSON with object keys sorted at every level, as Go's encoding/json writes maps. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

export function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) {
      const item = (value as Record<string, unknown>)[key];
      if (item !== undefined) out[key] = sortKeys(item);
    }
    return out;
  }
  return value;
}

function fnv1a32(text: string): number {
  let hash = 0x811c9dc5;
  const bytes = Buffer.from(text, 'utf8');
  for (const byte of bytes) {
    hash ^= byte;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash >>> 0;
}

/**
 * A short stable hash of the template and collision count, written with the same vowel-free alphabet upstream uses
 * (so a hash never spells a word and always looks like `6d4f8b9c7`).
 */
export function templateHash(template: PodTemplate, collisionCount?: number): string {
  let input = canonicalJson(template);
  if (collisionCount !== undefined && collisionCount !== 0) input += `#${collisionCount}`;
  const digits = String(fnv1a32(input));
  let out = '';
  for (const ch of digits) out += SAFE_ALPHABET[ch.charCodeAt(0) % SAFE_ALPHABET.length];
  return out;
}

/** `{"spec":{"template":{...,"$patch":"replace"}}}` as an object whose keys are in canonical order. */
export function revisionData(ds: DaemonSet): Record<string, unknown> {
  // Go marshals the template's ObjectMeta with `"creationTimestamp":null`; kubectl builds its comparison the same way,
  // so the stored data must carry it for `rollout undo` to recognise the current revision.
  const metadata = { creationTimestamp: null, ...(ds.spec.template.metadata ?? {}) };
  const template = { ...ds.spec.template, metadata, $patch: 'replace' };
  return sortKeys({ spec: { template } }) as Record<string, unknown>;
}

/** Whether a stored revision's data is the DaemonSet's current template, compared as canonical bytes. */
export function revisionMatches(ds: DaemonSet, data: unknown): boolean {
  return canonicalJson(revisionData(ds)) === canonicalJson(data);
}
