import http from 'node:http';
import https from 'node:https';
import type { Agent, ClientRequest, IncomingMessage } from 'node:http';
import type { KubeConfig } from '@kubernetes/client-node';

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;

/** Everything needed to send one GET to the session's cluster: its URL, auth headers and TLS agent. */
export interface ClusterTarget {
  url: URL;
  headers: Record<string, string>;
  agent: Agent | undefined;
}

/**
 * Resolves `path` and `query` against the current cluster and collects the request's credentials the way client-node
 * does (applyToFetchOptions runs exec plugins and reads token files), so raw requests authenticate like typed ones.
 */
export async function clusterTarget(
  config: KubeConfig,
  path: string,
  query: Record<string, string>,
  headers: Record<string, string>,
): Promise<ClusterTarget> {
  const server = config.getCurrentCluster()?.server;
  if (server === undefined) throw new Error('No currently active cluster');
  const url = new URL(server.replace(/\/+$/, '') + path);
  for (const [key, value] of Object.entries(query)) url.searchParams.set(key, value);
  const init = await config.applyToFetchOptions({});
  const all = { ...headers };
  addHeaders(all, init.headers);
  // Its agent holds the cluster's CA and client certificate; a plain-HTTP server (tests) takes none.
  const agent = url.protocol === 'https:' && isRecord(init.agent) ? (init.agent as unknown as Agent) : undefined;
  return { url, headers: all, agent };
}

/** Starts the GET; `signal` aborts it at any point, also while the server still withholds the response headers. */
export function sendGet(
  target: ClusterTarget,
  signal: AbortSignal,
  onResponse: (response: IncomingMessage) => void,
): ClientRequest {
  const options = { method: 'GET', headers: target.headers, signal, ...(target.agent ? { agent: target.agent } : {}) };
  const request = (target.url.protocol === 'https:' ? https : http).request(target.url, options, onResponse);
  request.end();
  return request;
}

/** A failed answer as an error carrying `statusCode` and the API's Status as `body`, which session.classify reads. */
export function httpFailure(status: number, body: string): Error {
  return Object.assign(new Error(`HTTP ${status}`), { statusCode: status, body });
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
