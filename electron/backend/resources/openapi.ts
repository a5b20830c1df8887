import https from 'node:https';
import { AppError, codeForStatus } from '../errors.js';
import type { ContextSession } from '../session/session.js';

const GROUP_VERSION = /^(?:[a-z0-9]([-a-z0-9.]*[a-z0-9])?\/)?v[0-9]+(?:(?:alpha|beta)[0-9]+)?$/;
const MAX_BYTES = 30 * 1024 * 1024;

/** The /openapi/v3 path of a group-version: `v1` is the core group under /api, the rest under /apis. */
export function openApiPath(groupVersion: string): string {
  if (!GROUP_VERSION.test(groupVersion)) {
    throw new AppError('invalid-argument', `"${groupVersion}" is not a group/version such as apps/v1.`);
  }
  return groupVersion.includes('/') ? `/openapi/v3/apis/${groupVersion}` : `/openapi/v3/api/${groupVersion}`;
}

/**
 * Fetches the cluster's OpenAPI v3 document for one group-version with the session's own credentials (which never
 * leave the backend). The editor turns it into its schema model.
 */
export async function fetchOpenApi(session: ContextSession, groupVersion: string): Promise<Record<string, unknown>> {
  const path = openApiPath(groupVersion);
  const cluster = session.kubeConfig.getCurrentCluster();
  if (!cluster) throw new AppError('unreachable', `Context "${session.name}" has no cluster.`);
  const url = new URL(path, cluster.server);
  const options: https.RequestOptions = { method: 'GET', headers: { Accept: 'application/json' } };
  await session.kubeConfig.applyToHTTPSOptions(options);
  const body = await new Promise<string>((resolve, reject) => {
    const request = https.request(url, { ...options, timeout: 30_000 }, (response) => {
      const chunks: Buffer[] = [];
      let size = 0;
      response.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > MAX_BYTES) request.destroy(new Error('document too large'));
        else chunks.push(chunk);
      });
      response.on('end', () => {
        const status = response.statusCode ?? 0;
        if (status >= 200 && status < 300) resolve(Buffer.concat(chunks).toString('utf8'));
        else reject(new AppError(codeForStatus(status), `The cluster answered ${status} for ${path}.`, { status }));
      });
      response.on('error', reject);
    });
    request.on('timeout', () => request.destroy(new Error('timed out')));
    request.on('error', reject);
    request.end();
  }).catch((error: unknown) => {
    if (error instanceof AppError) throw error;
    throw session.classify(error);
  });
  const value: unknown = JSON.parse(body);
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new AppError('internal', `The cluster's ${path} is not an OpenAPI document.`);
  }
  return value as Record<string, unknown>;
}
