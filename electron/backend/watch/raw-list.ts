import http from 'node:http';
import https from 'node:https';
import type { Agent } from 'node:http';
import zlib from 'node:zlib';
import type { KubeConfig } from '@kubernetes/client-node';
import { ListItemReader } from './list-items.js';
import type { ListResult } from './types.js';

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;

/**
 * GET a collection as plain JSON and hand each item to `project`, which keeps only what the caller needs.
 *
 * client-node's typed list calls build a typed copy of every object (all fields, timestamps as Date) from the parsed
 * JSON: for 5,000 DaemonSets that copy costs more CPU than the request and the parse together, and until it is done
 * both copies are alive. Here the items are parsed and projected one by one (list-items.ts) and nothing else is kept. Credentials and TLS
 * come from the same KubeConfig as every other request; failures carry `statusCode` and `body` (the API's Status)
 * like the Watch's, so session.classify reads them the same way.
 */
export async function listProjected<T>(
  config: KubeConfig,
  path: string,
  query: Record<string, string>,
  timeoutMs: number,
  project: (item: unknown) => T | undefined,
): Promise<ListResult<T>> {
  const server = config.getCurrentCluster()?.server;
  if (server === undefined) throw new Error('No currently active cluster');
  const url = new URL(server.replace(/\/+$/, '') + path);
  for (const [key, value] of Object.entries(query)) url.searchParams.set(key, value);
  const init = await config.applyToFetchOptions({});
  const headers: Record<string, string> = { Accept: 'application/json', 'Accept-Encoding': 'gzip' };
  addHeaders(headers, init.headers);
  // Its agent holds the cluster's CA and client certificate; a plain-HTTP server (tests) takes none.
  const agent = url.protocol === 'https:' && isRecord(init.agent) ? (init.agent as unknown as Agent) : undefined;
  const items: T[] = [];
  const body = await get(url, headers, agent, timeoutMs, (raw) => {
    const item = project(raw);
    if (item !== undefined) items.push(item);
  });
  if (!isRecord(body) || !Array.isArray(body.items)) throw new Error('The list answer has no items.');
  const metadata = isRecord(body.metadata) ? body.metadata : {};
  return { items, resourceVersion: typeof metadata.resourceVersion === 'string' ? metadata.resourceVersion : '' };
}

/** Copies the auth headers client-node computed (a Headers object, pairs, or a record) into a plain record. */
function addHeaders(into: Record<string, string>, from: unknown): void {
  if (Array.isArray(from)) {
    for (const pair of from as unknown[]) {
      if (Array.isArray(pair) && typeof pair[0] === 'string' && typeof pair[1] === 'string') into[pair[0]] = pair[1];
    }
  } else if (isRecord(from) && typeof from.forEach === 'function') {
    // A Headers object (node-fetch's, which client-node uses, or the global one).
    (from as { forEach(each: (value: string, key: string) => void): void }).forEach(
      (value, key) => (into[key] = value),
    );
  } else if (isRecord(from)) {
    for (const [key, value] of Object.entries(from)) {
      if (typeof value === 'string') into[key] = value;
      else if (Array.isArray(value)) into[key] = value.join(', ');
    }
  }
}

/** The list's envelope (read with ListItemReader, items handed to `each` as they arrive); other statuses throw. */
function get(
  url: URL,
  headers: Record<string, string>,
  agent: Agent | undefined,
  timeoutMs: number,
  each: (item: unknown) => void,
): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const signal = AbortSignal.timeout(timeoutMs);
    const options = { method: 'GET', headers, signal, ...(agent ? { agent } : {}) };
    const request = (url.protocol === 'https:' ? https : http).request(url, options, (response) => {
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
          const body = Buffer.concat(failed).toString('utf8');
          return reject(Object.assign(new Error(`HTTP ${status}`), { statusCode: status, body }));
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
    request.end();
  });
}
