// Resource quantities ("500m", "1Gi"): parsed to numbers only to compare requests with limits and count quota.
import { StatusError } from '../errors.js';

export const QUANTITY_PATTERN = /^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$/;

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
  Ki: 2 ** 10,
  Mi: 2 ** 20,
  Gi: 2 ** 30,
  Ti: 2 ** 40,
  Pi: 2 ** 50,
  Ei: 2 ** 60,
};

/** The value of a quantity, or undefined when it is not one. */
export function parseQuantity(text: unknown): number | undefined {
  if (typeof text === 'number') return text;
  if (typeof text !== 'string') return undefined;
  const m = QUANTITY_PATTERN.exec(text);
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

/** A bad quantity fails decoding before validation, as on a real API server: 400, not 422. */
export function quantityDecodeError(kind: string, apiVersion: string): StatusError {
  const version = apiVersion.includes('/') ? apiVersion.split('/')[1] : apiVersion;
  return new StatusError(
    400,
    'BadRequest',
    `${kind} in version "${version}" cannot be handled as a ${kind}: quantities must match the regular expression '${QUANTITY_PATTERN.source}'`,
  );
}
