import type { AppErrorDTO, ConnectionState } from '../../contract/index.js';
import { AppError, codeForStatus } from '../errors.js';
import { isRecord } from '../../../common/guards.js';

/** Raised when credentials cannot be produced (exec plugin failed, certificate file unreadable). */
export class CredentialError extends Error {}

const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EPIPE',
  'ECONNABORTED',
  'UND_ERR_CONNECT_TIMEOUT',
]);

const NETWORK_WORDS: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ENOTFOUND: 'host not found',
  EAI_AGAIN: 'host name lookup failed',
  ETIMEDOUT: 'timed out',
  ECONNRESET: 'connection reset',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
};

interface StatusBody {
  message?: string;
  reason?: string;
  causes?: { field?: string; message: string; reason?: string }[];
}

/** Reads a Kubernetes Status from an ApiException body (a JSON string, an object, or nothing). */
export function readStatusBody(body: unknown): StatusBody {
  let value: unknown = body;
  if (typeof body === 'string') {
    try {
      value = JSON.parse(body);
    } catch {
      return {};
    }
  }
  if (!isRecord(value)) return {};
  const out: StatusBody = {};
  if (typeof value.message === 'string') out.message = value.message;
  if (typeof value.reason === 'string') out.reason = value.reason;
  const details = value.details;
  if (isRecord(details) && Array.isArray(details.causes)) {
    out.causes = details.causes.filter(isRecord).map((c) => {
      const cause: { field?: string; message: string; reason?: string } = {
        message: typeof c.message === 'string' ? c.message : '',
      };
      if (typeof c.field === 'string') cause.field = c.field;
      if (typeof c.reason === 'string') cause.reason = c.reason;
      return cause;
    });
  }
  return out;
}

/** The HTTP status carried by a client-node error (ApiException.code, Watch's statusCode), if any. */
export function httpStatusOf(error: unknown): number | undefined {
  if (!isRecord(error)) return undefined;
  // Only an HTTP status: a DOMException's numeric `code` (23 for AbortSignal.timeout's TimeoutError) is none.
  const status = (value: unknown) => (typeof value === 'number' && value >= 100 && value <= 599 ? value : undefined);
  return status(error.code) ?? status(error.statusCode);
}

function networkCode(error: unknown): string | undefined {
  for (let e: unknown = error, depth = 0; isRecord(e) && depth < 4; e = e.cause, depth++) {
    if (typeof e.code === 'string' && NETWORK_CODES.has(e.code)) return e.code;
    if (e.name === 'AbortError' || e.name === 'TimeoutError') return 'ETIMEDOUT';
    if (typeof e.errno === 'string' && NETWORK_CODES.has(e.errno)) return e.errno;
  }
  return undefined;
}

// undici's fetch (client-node 2's typed calls) refuses the Fetch standard's "bad ports" (1, 6000, 10080 and others)
// before it connects, with this message.
function blockedPort(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; isRecord(e) && depth < 4; e = e.cause, depth++) {
    if (e instanceof Error && e.message === 'bad port') return true;
  }
  return false;
}

function tlsProblem(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; isRecord(e) && depth < 4; e = e.cause, depth++) {
    if (typeof e.code === 'string' && /CERT|SELF_SIGNED|TLS|SSL|UNABLE_TO_VERIFY|ERR_OSSL/.test(e.code)) return true;
  }
  return false;
}

/**
 * Turns anything a client-node call threw into an AppError that names the context and holds no credential. Raw
 * error texts are never passed on: they may quote exec plugin output or request headers.
 */
export function classifyError(error: unknown, context: string): AppError {
  if (error instanceof AppError) return error;
  if (error instanceof CredentialError) {
    return new AppError('unauthorized', `Context "${context}": ${error.message}`);
  }
  const status = httpStatusOf(error);
  if (status !== undefined) {
    const body = isRecord(error) ? readStatusBody(error.body) : {};
    const options: { status: number; causes?: StatusBody['causes'] } = { status };
    if (body.causes && body.causes.length > 0) options.causes = body.causes;
    if (status === 401) {
      return new AppError(
        'unauthorized',
        `Context "${context}": the API server did not accept the credentials (401 Unauthorized). The token or certificate may have expired.`,
        options,
      );
    }
    const message = body.message ?? `Context "${context}": the API server answered ${status}.`;
    return new AppError(codeForStatus(status), message, options);
  }
  const net = networkCode(error);
  if (net !== undefined) {
    return new AppError(
      'unreachable',
      `Context "${context}": cannot reach the API server (${NETWORK_WORDS[net] ?? net}).`,
    );
  }
  if (blockedPort(error)) {
    return new AppError(
      'unreachable',
      `Context "${context}": the API server's port is one that web clients refuse to connect to (a "bad port" of the Fetch standard, such as 6000 or 10080).`,
    );
  }
  if (tlsProblem(error)) {
    return new AppError('unreachable', `Context "${context}": the API server's TLS certificate could not be verified.`);
  }
  return new AppError('internal', `Context "${context}": the request failed unexpectedly.`);
}

/** The connection state an error puts the active context in. */
export function connectionStateFor(error: AppErrorDTO | AppError): ConnectionState {
  switch (error.code) {
    case 'unreachable':
      return 'unreachable';
    case 'unauthorized':
      return 'unauthorized';
    case 'forbidden':
      return 'forbidden';
    default:
      return 'error';
  }
}
