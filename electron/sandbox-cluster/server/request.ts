// One parsed API request: the route (resource, namespace, name, subresource), the verb and the query options.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { invalid, StatusError } from '../errors.js';
import type { KindDescriptor } from '../kinds/descriptor.js';
import type { Actor } from '../types.js';

export interface ResourceRequest {
  req: IncomingMessage;
  res: ServerResponse;
  url: URL;
  user: Actor;
  info: KindDescriptor;
  namespace?: string;
  name?: string;
  subresource?: string;
  verb: string;
}

export function notFoundPath(): StatusError {
  return new StatusError(404, 'NotFound', 'the server could not find the requested resource', {});
}

/** dryRun: absent or `All`; anything else is refused like the real option validation. */
export function dryRunOf(url: URL, optionsKind: string): boolean {
  const values = url.searchParams.getAll('dryRun');
  if (values.length === 0) return false;
  if (values.every((v) => v === 'All')) return true;
  throw invalid(optionsKind, 'meta.k8s.io', '', [
    {
      reason: 'FieldValueNotSupported',
      message: `Unsupported value: []string{${values.map((v) => JSON.stringify(v)).join(', ')}}: supported values: "All"`,
      field: 'dryRun',
    },
  ]);
}

export type FieldValidation = 'Strict' | 'Warn' | 'Ignore';

export function fieldValidationOf(url: URL): FieldValidation {
  const v = url.searchParams.get('fieldValidation');
  if (v === null || v === '') return 'Warn';
  if (v === 'Strict' || v === 'Warn' || v === 'Ignore') return v;
  throw new StatusError(
    400,
    'BadRequest',
    `fieldValidation: Unsupported value: "${v}": supported values: "Ignore", "Warn", "Strict"`,
  );
}

export function fieldManagerOf(url: URL, req: IncomingMessage): string {
  const explicit = url.searchParams.get('fieldManager');
  if (explicit) return explicit;
  // The API server derives the manager from the user agent's program name (e.g. "kubectl-client-side-apply").
  const agent = req.headers['user-agent'] ?? '';
  const program = agent.split('/')[0]?.trim();
  return program ? program : 'unknown';
}

export function intParam(url: URL, name: string): number | undefined {
  const v = url.searchParams.get(name);
  if (v === null || v === '') return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0) {
    throw new StatusError(400, 'BadRequest', `invalid value for ${name}: ${v}`);
  }
  return n;
}
