// Reading and decoding request bodies: size-limited, JSON or YAML, with the Status errors a real server gives.
import type { IncomingMessage } from 'node:http';
import { parse as parseYaml } from 'yaml';
import { badRequest, requestEntityTooLarge, StatusError } from '../errors.js';

export const MAX_BODY_BYTES = 3 * 1024 * 1024;

export async function readBody(req: IncomingMessage, limit = MAX_BODY_BYTES): Promise<string> {
  return (await readBodyBytes(req, limit)).toString('utf8');
}

export function readBodyBytes(req: IncomingMessage, limit = MAX_BODY_BYTES): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length'] ?? '0');
    if (declared > limit) {
      // Drain without storing so the client sees the 413 instead of a reset connection.
      req.resume();
      reject(requestEntityTooLarge());
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let failed = false;
    req.on('data', (chunk: Buffer) => {
      if (failed) return;
      size += chunk.length;
      if (size > limit) {
        failed = true;
        reject(requestEntityTooLarge());
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (!failed) resolve(Buffer.concat(chunks));
    });
    req.on('error', (e) => {
      if (!failed) reject(e);
    });
  });
}

export function mediaType(header: string | undefined): string {
  return (header ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
}

export function unsupportedMediaType(): StatusError {
  return new StatusError(
    415,
    'UnsupportedMediaType',
    'the body of the request was in an unknown format - accepted media types include: application/json, application/yaml',
  );
}

/** Decodes a create/update body: JSON or YAML. Protobuf (see protobuf-objects.ts) and others are 415, garbage is 400. */
export function decodeObject(
  contentType: string | undefined,
  body: string,
  kind: string,
  version: string,
): Record<string, unknown> {
  const type = mediaType(contentType);
  let value: unknown;
  if (type === '' || type === 'application/json' || type === '*/*') {
    try {
      value = JSON.parse(body);
    } catch (e) {
      throw badRequest(
        `${kind} in version "${version}" cannot be handled as a ${kind}: ${e instanceof Error ? e.message : 'invalid JSON'}`,
      );
    }
  } else if (type === 'application/yaml' || type === 'application/x-yaml' || type === 'text/yaml') {
    try {
      value = parseYaml(body);
    } catch (e) {
      throw badRequest(
        `${kind} in version "${version}" cannot be handled as a ${kind}: ${e instanceof Error ? e.message.split('\n')[0] : 'invalid YAML'}`,
      );
    }
  } else {
    throw unsupportedMediaType();
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw badRequest(`${kind} in version "${version}" cannot be handled as a ${kind}: the body must be a JSON object`);
  }
  return value as Record<string, unknown>;
}
