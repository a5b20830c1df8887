import zlib from 'node:zlib';
import type { KubeConfig } from '@kubernetes/client-node';
import { ListItemReader } from './list-items.js';
import { clusterTarget, httpFailure, sendGet, type ClusterTarget } from './raw-request.js';
import type { ListResult } from './types.js';
import { isRecord } from '../../../common/guards.js';

/**
 * GET a collection as plain JSON and hand each item to `project`, which keeps only what the caller needs.
 *
 * client-node's typed list calls build a typed copy of every object (all fields, timestamps as Date) from the parsed
 * JSON: for 5,000 DaemonSets that copy costs more CPU than the request and the parse together, and until it is done
 * both copies are alive. Here the items are parsed and projected one by one (list-items.ts) and nothing else is kept.
 * Credentials and TLS come from the same KubeConfig as every other request; failures carry `statusCode` and `body`
 * (the API's Status) like raw-watch's and the raw client's, so session.classify reads them the same way.
 */
export async function listProjected<T>(
  config: KubeConfig,
  path: string,
  query: Record<string, string>,
  timeoutMs: number,
  project: (item: unknown) => T | undefined,
): Promise<ListResult<T>> {
  const target = await clusterTarget(config, path, query, { Accept: 'application/json', 'Accept-Encoding': 'gzip' });
  const items: T[] = [];
  const body = await get(target, timeoutMs, (raw) => {
    const item = project(raw);
    if (item !== undefined) items.push(item);
  });
  if (!isRecord(body) || !Array.isArray(body.items)) throw new Error('The list answer has no items.');
  const metadata = isRecord(body.metadata) ? body.metadata : {};
  return { items, resourceVersion: typeof metadata.resourceVersion === 'string' ? metadata.resourceVersion : '' };
}

/** The list's envelope (read with ListItemReader, items handed to `each` as they arrive); other statuses throw. */
function get(target: ClusterTarget, timeoutMs: number, each: (item: unknown) => void): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const request = sendGet(target, AbortSignal.timeout(timeoutMs), (response) => {
      const status = response.statusCode ?? 0;
      const gzip = response.headers['content-encoding'] === 'gzip';
      const stream = gzip ? response.pipe(zlib.createGunzip()) : response;
      const reader = status === 200 ? new ListItemReader(each) : undefined;
      const failed: Buffer[] = [];
      const fail = (error: unknown): void => {
        request.destroy();
        reject(error);
      };
      stream.on('data', (chunk: Buffer) => {
        if (!reader) return void failed.push(chunk);
        try {
          reader.push(chunk);
        } catch (error) {
          fail(error);
        }
      });
      stream.on('end', () => {
        if (!reader) {
          // Failures carry the API's Status (session.classify reads its message), as client-node's do.
          return reject(httpFailure(status, Buffer.concat(failed).toString('utf8')));
        }
        try {
          resolve(reader.end());
        } catch (error) {
          reject(error);
        }
      });
      stream.on('error', fail);
      response.on('error', fail);
    });
    request.on('error', reject);
  });
}
