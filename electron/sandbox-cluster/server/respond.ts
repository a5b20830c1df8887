// Writing responses: JSON bodies and Status errors, with the headers a real API server sends.
import type { ServerResponse } from 'node:http';
import { asStatusError, internalError, StatusError } from '../errors.js';

export function sendJson(res: ServerResponse, code: number, body: unknown, headers: Record<string, string> = {}): void {
  if (res.headersSent || res.destroyed) return;
  const text = JSON.stringify(body);
  res.writeHead(code, {
    'Content-Type': 'application/json',
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-cache, private',
    ...headers,
  });
  res.end(text);
}

export function sendText(
  res: ServerResponse,
  code: number,
  text: string,
  contentType = 'text/plain; charset=utf-8',
): void {
  if (res.headersSent || res.destroyed) return;
  res.writeHead(code, { 'Content-Type': contentType, 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}

export function sendStatusError(res: ServerResponse, error: StatusError, headers: Record<string, string> = {}): void {
  const extra = { ...headers };
  const retry = error.details?.retryAfterSeconds;
  if (retry !== undefined) extra['Retry-After'] = String(retry);
  sendJson(res, error.code, error.toStatus(), extra);
}

/** Any thrown value becomes a Status: StatusErrors as they are, anything else a 500 without internals. */
export function sendError(res: ServerResponse, error: unknown): void {
  const status = asStatusError(error);
  if (status) {
    sendStatusError(res, status);
    return;
  }
  const message = error instanceof Error ? error.message : 'unexpected error';
  sendStatusError(res, internalError(message));
}

export function successStatus(details: Record<string, unknown>): Record<string, unknown> {
  return { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', details };
}
