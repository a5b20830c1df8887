import type { AppErrorDTO, ErrorCode } from '../contract/index.js';

type Cause = NonNullable<AppErrorDTO['causes']>[number];

/** An error the user may read: its message never holds a token, key, certificate or exec plugin output. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly status?: number;
  readonly causes?: Cause[];

  constructor(code: ErrorCode, message: string, options: { status?: number; causes?: Cause[] } = {}) {
    super(scrubSecrets(message));
    this.name = 'AppError';
    this.code = code;
    if (options.status !== undefined) this.status = options.status;
    if (options.causes !== undefined) this.causes = options.causes;
  }
}

export function codeForStatus(status: number): ErrorCode {
  switch (status) {
    case 400:
      return 'invalid-argument';
    case 401:
      return 'unauthorized';
    case 403:
      return 'forbidden';
    case 404:
      return 'not-found';
    case 409:
      return 'conflict';
    case 410:
      return 'conflict';
    case 415:
      return 'unsupported';
    case 422:
      return 'invalid';
    case 502:
    case 503:
    case 504:
      return 'unreachable';
    default:
      return 'internal';
  }
}

// A last line of defence for text that reaches the user: bearer tokens, PEM blocks and long base64 runs (a key or
// certificate pasted into a message) are cut out. The first line of defence is never to put them in messages.
const PEM = /-----BEGIN [A-Z0-9 ]+-----[\s\S]*?(-----END [A-Z0-9 ]+-----|$)/g;
const BEARER = /\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]+/gi;
const LONG_BASE64 = /[A-Za-z0-9+/_-]{40,}={0,2}/g;
const JWT = /\beyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]*)?/g;

export function scrubSecrets(text: string): string {
  return text
    .replace(PEM, '[redacted]')
    .replace(BEARER, '$1 [redacted]')
    .replace(JWT, '[redacted]')
    .replace(LONG_BASE64, '[redacted]');
}

/** Hosts turn whatever a service threw into the wire shape; unknown errors keep a scrubbed message only. */
export function toErrorDTO(error: unknown): AppErrorDTO {
  if (error instanceof AppError) {
    const dto: AppErrorDTO = { code: error.code, message: error.message };
    if (error.status !== undefined) dto.status = error.status;
    if (error.causes !== undefined) dto.causes = error.causes;
    return dto;
  }
  const message = error instanceof Error ? error.message : String(error);
  return { code: 'internal', message: scrubSecrets(message.split('\n')[0] ?? 'Unexpected error') };
}
