// Raw HTTPS to the sandbox as its admin: the bench's own view of the API server, with no client library in between.
import { readFileSync } from 'node:fs';
import https from 'node:https';
import { parse } from 'yaml';

export interface AdminAccess {
  server: string;
  ca: string;
  token: string;
}

interface KubeconfigShape {
  'current-context'?: string;
  contexts?: { name: string; context: { cluster: string; user: string } }[];
  clusters?: { name: string; cluster: { server: string; 'certificate-authority-data'?: string } }[];
  users?: { name: string; user: { token?: string } }[];
}

/** The current context's server, CA and token, read from a sandbox kubeconfig (never logged). */
export function adminAccess(kubeconfigPath: string): AdminAccess {
  const config = parse(readFileSync(kubeconfigPath, 'utf8')) as KubeconfigShape;
  const context = config.contexts?.find((c) => c.name === config['current-context'])?.context;
  const cluster = config.clusters?.find((c) => c.name === context?.cluster)?.cluster;
  const token = config.users?.find((u) => u.name === context?.user)?.user.token;
  const caData = cluster?.['certificate-authority-data'];
  if (!cluster || !token || !caData) throw new Error('the sandbox kubeconfig has no admin token context');
  return { server: cluster.server, ca: Buffer.from(caData, 'base64').toString('utf8'), token };
}

export function requestOptions(access: AdminAccess, path: string, agent?: https.Agent): https.RequestOptions {
  const url = new URL(path, access.server);
  return {
    hostname: url.hostname,
    port: url.port,
    path: url.pathname + url.search,
    ca: access.ca,
    agent,
    headers: { Authorization: `Bearer ${access.token}`, Accept: 'application/json' },
  };
}

/** GET a path and return the whole body; `ms` runs from the request to the last byte. */
export function getBody(access: AdminAccess, path: string): Promise<{ ms: number; body: Buffer }> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const request = https.get(requestOptions(access, path, new https.Agent({ keepAlive: false })), (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => {
        if (response.statusCode !== 200) reject(new Error(`GET ${path}: HTTP ${response.statusCode}`));
        else resolve({ ms: performance.now() - started, body: Buffer.concat(chunks) });
      });
      response.on('error', reject);
    });
    request.on('error', reject);
  });
}
