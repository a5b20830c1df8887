// A tiny HTTPS client for the sandbox's API server, authenticating as its kubeconfig users.
import { execFileSync } from 'node:child_process';
import { request } from 'node:https';
import { parse } from 'yaml';

export type Who = 'admin' | 'developer' | 'operator' | 'anonymous' | 'bad-token';

interface KubeconfigUser {
  name: string;
  user: {
    token?: string;
    'client-certificate-data'?: string;
    'client-key-data'?: string;
    exec?: { command: string; args: string[]; env: { name: string; value: string }[] };
  };
}

interface Kubeconfig {
  clusters: { name: string; cluster: { server: string; 'certificate-authority-data': string } }[];
  users: KubeconfigUser[];
}

export interface Response {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  json(): Record<string, unknown>;
}

const b64 = (s: string): string => Buffer.from(s, 'base64').toString('utf8');

export class SandboxClient {
  readonly url: URL;
  private readonly ca: string;
  private readonly users: Map<string, KubeconfigUser['user']>;
  private operatorToken?: string;

  constructor(kubeconfig: string) {
    const config = parse(kubeconfig) as Kubeconfig;
    const cluster = config.clusters[0]?.cluster;
    if (!cluster) throw new Error('kubeconfig without cluster');
    this.url = new URL(cluster.server);
    this.ca = b64(cluster['certificate-authority-data']);
    this.users = new Map(config.users.map((u) => [u.name.split('-').pop() ?? '', u.user]));
  }

  /** Runs the operator's exec plugin exactly as kubectl would and returns its ExecCredential. */
  execCredential(): { apiVersion: string; kind: string; status: { token: string; expirationTimestamp: string } } {
    const exec = this.users.get('operator')?.exec;
    if (!exec) throw new Error('operator has no exec config');
    const env = { ...process.env, ...Object.fromEntries(exec.env.map((e) => [e.name, e.value])) };
    const out = execFileSync(exec.command, exec.args, { env, encoding: 'utf8' });
    return JSON.parse(out) as ReturnType<SandboxClient['execCredential']>;
  }

  private options(who: Who, method: string, path: string, headers: Record<string, string>) {
    const base = {
      host: this.url.hostname,
      port: Number(this.url.port),
      method,
      path,
      ca: this.ca,
      headers: { ...headers },
    };
    if (who === 'admin') base.headers.Authorization = `Bearer ${this.users.get('admin')?.token ?? ''}`;
    if (who === 'bad-token') base.headers.Authorization = 'Bearer not-a-token';
    if (who === 'operator') {
      this.operatorToken ??= this.execCredential().status.token;
      base.headers.Authorization = `Bearer ${this.operatorToken}`;
    }
    if (who === 'developer') {
      const dev = this.users.get('developer');
      return { ...base, cert: b64(dev?.['client-certificate-data'] ?? ''), key: b64(dev?.['client-key-data'] ?? '') };
    }
    return base;
  }

  /** TLS and authentication options for a connection of one's own (a WebSocket, say) as `who`. */
  connection(who: Who): { ca: string; headers: Record<string, string>; cert?: string; key?: string } {
    const { ca, headers, cert, key } = this.options(who, 'GET', '/', {}) as {
      ca: string;
      headers: Record<string, string>;
      cert?: string;
      key?: string;
    };
    return { ca, headers, cert, key };
  }

  call(
    method: string,
    path: string,
    opts: { who?: Who; body?: unknown; headers?: Record<string, string> } = {},
  ): Promise<Response> {
    const headers = { ...opts.headers };
    let payload: string | Buffer | undefined;
    if (opts.body !== undefined) {
      payload = typeof opts.body === 'string' || Buffer.isBuffer(opts.body) ? opts.body : JSON.stringify(opts.body);
      headers['Content-Type'] ??= 'application/json';
    }
    return new Promise((resolve, reject) => {
      const req = request(this.options(opts.who ?? 'admin', method, path, headers), (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            text,
            json: () => JSON.parse(text) as Record<string, unknown>,
          });
        });
        res.on('error', reject);
      });
      req.on('error', reject);
      req.end(payload);
    });
  }

  /**
   * Opens a watch and collects its events until `until` says stop, the server closes the stream, or `timeoutMs`.
   * Resolves with the events and whether the server ended the stream.
   */
  watch(
    path: string,
    until: (events: WatchEvent[]) => boolean,
    opts: { who?: Who; timeoutMs?: number; onOpen?: () => void } = {},
  ): Promise<{ status: number; events: WatchEvent[]; serverClosed: boolean }> {
    return new Promise((resolve, reject) => {
      const events: WatchEvent[] = [];
      let buffer = '';
      let done = false;
      const req = request(this.options(opts.who ?? 'admin', 'GET', path, {}), (res) => {
        opts.onOpen?.();
        const finish = (serverClosed: boolean): void => {
          if (done) return;
          done = true;
          clearTimeout(timer);
          req.destroy();
          resolve({ status: res.statusCode ?? 0, events, serverClosed });
        };
        res.on('data', (chunk: Buffer) => {
          buffer += chunk.toString('utf8');
          let nl: number;
          while ((nl = buffer.indexOf('\n')) >= 0) {
            const line = buffer.slice(0, nl);
            buffer = buffer.slice(nl + 1);
            if (line.trim()) events.push(JSON.parse(line) as WatchEvent);
          }
          if (until(events)) finish(false);
        });
        res.on('end', () => finish(true));
        res.on('error', () => finish(true));
      });
      const timer = setTimeout(() => {
        if (done) return;
        done = true;
        req.destroy();
        reject(new Error(`watch ${path} timed out with ${events.length} events`));
      }, opts.timeoutMs ?? 10_000);
      req.on('error', (e) => {
        if (!done) {
          done = true;
          clearTimeout(timer);
          reject(e);
        }
      });
      req.end();
    });
  }
}

export interface WatchEvent {
  type: string;
  object: {
    kind?: string;
    code?: number;
    message?: string;
    metadata?: { name?: string; resourceVersion?: string };
  } & Record<string, unknown>;
}
