// listProjected against a real HTTP server: gzip bodies, projection, and failures that classify like client-node's.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KubeConfig } from '@kubernetes/client-node';
import { classifyError } from '../../../electron/backend/session/classify.js';
import { listProjected } from '../../../electron/backend/watch/raw-list.js';

let server: http.Server;
let config: KubeConfig;
const seen: { url: string; auth: string | undefined; encoding: string | undefined }[] = [];

const list = {
  kind: 'List',
  metadata: { resourceVersion: '99' },
  items: [
    { metadata: { name: 'a', namespace: 'x' }, spec: { big: 'z'.repeat(1000) } },
    { metadata: { name: 'b', namespace: 'x' } },
    'not an object',
  ],
};

beforeAll(async () => {
  server = http.createServer((req, res) => {
    seen.push({ url: req.url ?? '', auth: req.headers.authorization, encoding: req.headers['accept-encoding'] });
    if (req.url?.startsWith('/ok')) {
      res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Encoding': 'gzip' });
      res.end(zlib.gzipSync(JSON.stringify(list)));
    } else if (req.url?.startsWith('/forbidden')) {
      res.writeHead(403, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ kind: 'Status', reason: 'Forbidden', message: 'daemonsets.apps is forbidden: no' }));
    } else {
      res.writeHead(502, { 'Content-Type': 'text/html' });
      res.end('<html>bad gateway</html>');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  config = new KubeConfig();
  config.loadFromOptions({
    clusters: [
      { name: 'c', server: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, skipTLSVerify: true },
    ],
    users: [{ name: 'u', token: 'secret-token' }],
    contexts: [{ name: 'ctx', cluster: 'c', user: 'u' }],
    currentContext: 'ctx',
  });
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const nameOnly = (item: unknown): string | undefined => {
  const meta = (item as { metadata?: { name?: unknown } } | null)?.metadata;
  return typeof meta?.name === 'string' ? meta.name : undefined;
};

describe('listProjected', () => {
  it('sends the credentials, reads a gzip body and keeps only what the projection returns', async () => {
    const result = await listProjected(config, '/ok/items', { limit: '5' }, 5000, nameOnly);
    expect(result).toEqual({ items: ['a', 'b'], resourceVersion: '99' });
    const request = seen.at(-1);
    expect(request?.url).toBe('/ok/items?limit=5');
    expect(request?.auth).toBe('Bearer secret-token');
    expect(request?.encoding).toContain('gzip');
  });

  it("fails with the API's Status, classified as client-node's errors are", async () => {
    const error = await listProjected(config, '/forbidden', {}, 5000, nameOnly).catch((e: unknown) => e);
    const app = classifyError(error, 'ctx');
    expect(app.code).toBe('forbidden');
    expect(app.message).toBe('daemonsets.apps is forbidden: no');
  });

  it('fails with the status alone when the body is not JSON', async () => {
    const error = await listProjected(config, '/proxy', {}, 5000, nameOnly).catch((e: unknown) => e);
    const app = classifyError(error, 'ctx');
    expect(app.message).toBe('Context "ctx": the API server answered 502.');
    expect(app.message).not.toContain('secret-token');
  });
});
