// Kubernetes Status errors. Every failure the sandbox reports, over HTTP or in-process, is one of these, so clients
// see the exact codes, reasons and messages a real API server sends.

export interface StatusCause {
  reason?: string;
  message?: string;
  field?: string;
}

export interface StatusDetails {
  name?: string;
  group?: string;
  kind?: string;
  causes?: StatusCause[];
  retryAfterSeconds?: number;
}

export interface StatusBody {
  kind: 'Status';
  apiVersion: 'v1';
  metadata: Record<string, never>;
  status: 'Failure';
  message: string;
  reason: string;
  details?: StatusDetails;
  code: number;
}

export class StatusError extends Error {
  constructor(
    readonly code: number,
    readonly reason: string,
    message: string,
    readonly details?: StatusDetails,
  ) {
    super(message);
    this.name = 'StatusError';
  }

  toStatus(): StatusBody {
    const body: StatusBody = {
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: this.message,
      reason: this.reason,
      code: this.code,
    };
    if (this.details) body.details = this.details;
    return body;
  }
}

/** Accepts anything shaped like a StatusError (e.g. thrown by a helper that could not import this class). */
export function asStatusError(value: unknown): StatusError | undefined {
  if (value instanceof StatusError) return value;
  if (typeof value !== 'object' || value === null) return undefined;
  const v = value as Record<string, unknown>;
  if (typeof v.code !== 'number' || typeof v.reason !== 'string' || typeof v.message !== 'string') return undefined;
  return new StatusError(v.code, v.reason, v.message, v.details as StatusDetails | undefined);
}

/** `daemonsets.apps` for group resources, `pods` for the core group. */
export function qualifiedResource(resource: string, group: string): string {
  return group ? `${resource}.${group}` : resource;
}

export function notFound(resource: string, group: string, name: string): StatusError {
  return new StatusError(404, 'NotFound', `${qualifiedResource(resource, group)} "${name}" not found`, {
    name,
    group: group || undefined,
    kind: resource,
  });
}

export function alreadyExists(resource: string, group: string, name: string): StatusError {
  return new StatusError(409, 'AlreadyExists', `${qualifiedResource(resource, group)} "${name}" already exists`, {
    name,
    group: group || undefined,
    kind: resource,
  });
}

export function conflict(resource: string, group: string, name: string, reason?: string): StatusError {
  const why = reason ?? 'the object has been modified; please apply your changes to the latest version and try again';
  return new StatusError(
    409,
    'Conflict',
    `Operation cannot be fulfilled on ${qualifiedResource(resource, group)} "${name}": ${why}`,
    { name, group: group || undefined, kind: resource },
  );
}

export interface FieldCause {
  /** FieldValueInvalid | FieldValueRequired | FieldValueNotSupported | FieldValueForbidden | FieldValueTooLong | FieldValueDuplicate */
  reason: string;
  /** The cause text without the field prefix, e.g. `Invalid value: "x": must be ...` or `Required value`. */
  message: string;
  field: string;
}

/** 422 Invalid: `DaemonSet.apps "x" is invalid: <field>: <message>` (several causes joined as `[a, b]`). */
export function invalid(kind: string, group: string, name: string, causes: FieldCause[]): StatusError {
  const qualifiedKind = group ? `${kind}.${group}` : kind;
  const parts = causes.map((c) => `${c.field}: ${c.message}`);
  const joined = parts.length === 1 ? parts[0] : `[${parts.join(', ')}]`;
  return new StatusError(422, 'Invalid', `${qualifiedKind} "${name}" is invalid: ${joined}`, {
    name,
    group: group || undefined,
    kind,
    causes: causes.map((c) => ({ reason: c.reason, message: c.message, field: c.field })),
  });
}

export function forbidden(message: string, details?: StatusDetails): StatusError {
  return new StatusError(403, 'Forbidden', message, details);
}

export function badRequest(message: string, causes?: StatusCause[]): StatusError {
  return new StatusError(400, 'BadRequest', message, causes ? { causes } : undefined);
}

export function unauthorized(): StatusError {
  return new StatusError(401, 'Unauthorized', 'Unauthorized');
}

export function methodNotSupported(resource: string, verb: string): StatusError {
  return new StatusError(405, 'MethodNotAllowed', `the server does not allow this method on the requested resource`, {
    kind: resource,
    causes: [{ message: verb }],
  });
}

export function gone(message: string): StatusError {
  return new StatusError(410, 'Expired', message);
}

export function unsupportedMediaType(contentType: string, strategic = true): StatusError {
  const types = ['application/json-patch+json', 'application/merge-patch+json', 'application/apply-patch+yaml'];
  if (strategic) types.push('application/strategic-merge-patch+json');
  return new StatusError(
    415,
    'UnsupportedMediaType',
    `the body of the request was in an unknown format - accepted media types include: ${types.join(', ')}`,
    {
      causes: [{ reason: 'UnsupportedMediaType', message: contentType }],
    },
  );
}

export function internalError(message: string): StatusError {
  return new StatusError(500, 'InternalError', `Internal error occurred: ${message}`, { causes: [{ message }] });
}

export function tooManyRequests(retryAfterSeconds: number): StatusError {
  return new StatusError(429, 'TooManyRequests', 'Too many requests, please try again later.', {
    retryAfterSeconds,
  });
}

export function requestEntityTooLarge(): StatusError {
  return new StatusError(413, 'RequestEntityTooLarge', 'Request entity too large: limit is 3145728');
}
