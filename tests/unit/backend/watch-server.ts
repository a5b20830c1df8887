// A real local HTTP server for watch tests: records each watch request and whether its connection is still open.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { KubeConfig } from '@kubernetes/client-node';

export interface WatchRequest {
  url: URL;
  headers: http.IncomingHttpHeaders;
  /** True once the client closed (or the server ended) this request's connection. */
  closed: boolean;
}

export interface WatchServer {
  config: KubeConfig;
  requests: WatchRequest[];
  /** The most watch requests that were open at the same time. */
  maxOpen: number;
  open(): number;
  /** Answers the next watch request; the default withholds the response headers forever. */
  answer: (res: http.ServerResponse, url: URL) => void;
  close(): Promise<void>;
}

export async function startWatchServer(token?: string): Promise<WatchServer> {
  const server: WatchServer = {
    config: new KubeConfig(),
    requests: [],
    maxOpen: 0,
    open: () => server.requests.filter((r) => !r.closed).length,
    answer: () => undefined,
    close: () => Promise.resolve(),
  };
  const httpServer = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.searchParams.get('watch') !== 'true') return void res.writeHead(404).end();
    const request: WatchRequest = { url, headers: req.headers, closed: false };
    server.requests.push(request);
    res.on('close', () => (request.closed = true));
    server.maxOpen = Math.max(server.maxOpen, server.open());
    server.answer(res, url);
  });
  await new Promise<void>((resolve) => httpServer.listen(0, '127.0.0.1', resolve));
  server.config.loadFromOptions({
    clusters: [
      { name: 'c', server: `http://127.0.0.1:${(httpServer.address() as AddressInfo).port}`, skipTLSVerify: true },
    ],
    users: [token === undefined ? { name: 'u' } : { name: 'u', token }],
    contexts: [{ name: 'ctx', cluster: 'c', user: 'u' }],
    currentContext: 'ctx',
  });
  server.close = () =>
    new Promise((resolve) => {
      httpServer.closeAllConnections();
      httpServer.close(() => resolve());
    });
  return server;
}

/** One watch event line as the API server writes it. */
export const line = (type: string, object: unknown): string => JSON.stringify({ type, object }) + '\n';
