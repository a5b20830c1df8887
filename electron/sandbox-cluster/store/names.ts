// Names and identifiers the API server invents: generateName suffixes and UIDs.
import { randomInt, randomUUID } from 'node:crypto';

// The alphabet apimachinery uses for generated names: no vowels (no words) and no confusable characters.
const ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';

export function randomSuffix(length = 5): string {
  let out = '';
  for (let i = 0; i < length; i++) out += ALPHABET[randomInt(ALPHABET.length)];
  return out;
}

/** generateName + 5 random characters, with the base trimmed so the result stays within 63 characters. */
export function generateName(base: string): string {
  const trimmed = base.length > 58 ? base.slice(0, 58) : base;
  return trimmed + randomSuffix();
}

export function newUid(): string {
  return randomUUID();
}

export function timestamp(ms: number): string {
  // RFC 3339 without fractions, as metav1.Time serializes.
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}
