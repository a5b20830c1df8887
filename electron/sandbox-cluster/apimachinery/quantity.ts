// Resource quantities ("500m", "1.5", "128Mi", "2e3"), the one parser of the whole sandbox: the registry validates and
// compares requests with limits, the quota controller sums usage and writes it back in the API server's canonical
// style ("1500m", "2", "192Mi").
import { StatusError } from '../errors.js';

export const QUANTITY_PATTERN = /^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$/;

const BINARY: Record<string, number> = { Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, Pi: 2 ** 50, Ei: 2 ** 60 };
const SUFFIXES: Record<string, number> = {
  '': 1,
  n: 1e-9,
  u: 1e-6,
  m: 1e-3,
  k: 1e3,
  M: 1e6,
  G: 1e9,
  T: 1e12,
  P: 1e15,
  E: 1e18,
  ...BINARY,
};

/** The value in base units (cores, bytes, counts), or undefined when it is not a quantity. */
export function parseQuantity(text: unknown): number | undefined {
  if (typeof text === 'number') return text;
  if (typeof text !== 'string') return undefined;
  // Validation tests QUANTITY_PATTERN on the raw text first, so trimming here only forgives stored or typed spacing.
  const m = QUANTITY_PATTERN.exec(text.trim());
  if (!m) return undefined;
  const base = Number(m[1]);
  if (Number.isNaN(base)) return undefined;
  const suffix = m[2] ?? '';
  const multiplier = SUFFIXES[suffix];
  if (multiplier !== undefined) return base * multiplier;
  const exp = /^[eE]([-+]?[0-9]+)$/.exec(suffix);
  if (exp) return base * 10 ** Number(exp[1]);
  return undefined;
}

/** CPU-like quantities: whole units when exact, millis otherwise. */
export function formatDecimal(value: number): string {
  const millis = Math.round(value * 1000);
  return millis % 1000 === 0 ? String(millis / 1000) : `${millis}m`;
}

/** Memory-like quantities: the largest binary suffix that divides exactly, else plain bytes. */
export function formatBytes(value: number): string {
  const bytes = Math.round(value);
  if (bytes === 0) return '0';
  for (const suffix of ['Ei', 'Pi', 'Ti', 'Gi', 'Mi', 'Ki']) {
    const unit = BINARY[suffix] ?? 1;
    if (bytes % unit === 0) return `${bytes / unit}${suffix}`;
  }
  return String(bytes);
}

export function formatFor(resource: string, value: number): string {
  return /memory|storage/.test(resource) ? formatBytes(value) : formatDecimal(value);
}

/** A bad quantity fails decoding before validation, as on a real API server: 400, not 422. */
export function quantityDecodeError(kind: string, apiVersion: string): StatusError {
  const version = apiVersion.includes('/') ? apiVersion.split('/')[1] : apiVersion;
  return new StatusError(
    400,
    'BadRequest',
    `${kind} in version "${version}" cannot be handled as a ${kind}: quantities must match the regular expression '${QUANTITY_PATTERN.source}'`,
  );
}
