import http from 'node:http';
import https from 'node:https';
import type { ClientRequest, IncomingMessage } from 'node:http';
import type { KubeConfig } from '@kubernetes/client-node';
import { TlsKeyed } from '../session/tls-keyed.js';

/** Everything needed to send one request to the session's cluster: its URL and the request options client-node filled. */
export interface ClusterTarget {
  url: URL;
  /** Headers (auth, impersonation), TLS material (CA, client certificate and key) and the agent that carries it. */
  options: https.RequestOptions;
}

/**
 * Resolves `path` and `query` against the current cluster and collects the request's credentials the way client-node
 * does for its own node:https requests (applyToHTTPSOptions runs exec plugins and reads token files), so raw requests
 * authenticate like typed ones.
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
  const options: https.RequestOptions = { headers: {} };
  await config.applyToHTTPSOptions(options);
  options.headers = { ...headers, ...plainHeaders(options.headers) };
  options.agent = agentFor(config, url, options);
  return { url, options };
}

/** Starts the GET; `signal` aborts it at any point, also while the server still withholds the response headers. */
export function sendGet(
  target: ClusterTarget,
  signal: AbortSignal,
  onResponse: (response: IncomingMessage) => void,
): ClientRequest {
  return send(target, 'GET', undefined, signal, onResponse);
}

/** Starts a request of any method with an optional body (the raw client's writes); `signal` aborts it. */
export function send(
  target: ClusterTarget,
  method: string,
  body: string | undefined,
  signal: AbortSignal,
  onResponse: (response: IncomingMessage) => void,
): ClientRequest {
  const options = { ...target.options, method, signal };
  // Node frames a DELETE's body only with a length (it chunks POST, PUT and PATCH bodies by itself).
  if (body !== undefined) options.headers = { ...options.headers, 'Content-Length': String(Buffer.byteLength(body)) };
  const request = (target.url.protocol === 'https:' ? https : http).request(target.url, options, onResponse);
  request.end(body);
  return request;
}

/** A failed answer as an error carrying `statusCode` and the API's Status as `body`, which session.classify reads. */
export function httpFailure(status: number, body: string): Error {
  return Object.assign(new Error(`HTTP ${status}`), { statusCode: status, body });
}

const agents = new WeakMap<KubeConfig, TlsKeyed<http.Agent>>();
const TLS_FIELDS = ['ca', 'cert', 'key', 'pfx', 'passphrase', 'rejectUnauthorized', 'servername'] as const;

/**
 * The agent for this request's credentials. client-node 2 keeps one agent per (cluster, user) for the KubeConfig's
 * whole life, built from the first credential it saw, and an agent's TLS options win over the request's: a client
 * certificate that an exec plugin renews would never be sent. So, as client-node 1 did, each request's TLS material
 * decides: the same material reuses one agent, new material gets a new one. A proxied cluster keeps client-node's
 * proxy agent (a renewed exec certificate through a proxy is the one case left to it).
 */
function agentFor(config: KubeConfig, url: URL, options: https.RequestOptions): http.Agent | undefined {
  if (config.getCurrentCluster()?.proxyUrl) return options.agent instanceof http.Agent ? options.agent : undefined;
  const tls: https.AgentOptions = {};
  for (const field of TLS_FIELDS) if (options[field] !== undefined) Object.assign(tls, { [field]: options[field] });
  let kept = agents.get(config);
  if (!kept) agents.set(config, (kept = new TlsKeyed<http.Agent>()));
  return kept.get([url.protocol, tls], () => (url.protocol === 'https:' ? new https.Agent(tls) : new http.Agent()));
}

/** client-node writes plain string values; anything else (numbers, lists) becomes a string as node would send it. */
function plainHeaders(from: http.OutgoingHttpHeaders | readonly string[] | undefined): Record<string, string> {
  const into: Record<string, string> = {};
  if (from === undefined || Array.isArray(from)) return into;
  for (const [key, value] of Object.entries(from as http.OutgoingHttpHeaders)) {
    if (typeof value === 'string' || typeof value === 'number') into[key] = String(value);
    else if (Array.isArray(value)) into[key] = value.join(', ');
  }
  return into;
}
