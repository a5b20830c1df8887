import https from 'node:https';
import type { IncomingMessage } from 'node:http';
import type { AppErrorDTO, LogChunk, LogOptions } from '../../contract/index.js';
import { AppError, codeForStatus, scrubSecrets, toErrorDTO } from '../errors.js';
import type { ContextSession } from '../session/session.js';

export interface LogTarget {
  namespace: string;
  pod: string;
  container: string;
}

const FLUSH_MS = 100;
const MAX_CHUNK_LINES = 2000;

/**
 * One read of a container's log (pods/log), optionally followed. Lines go out in chunks every FLUSH_MS; the last chunk
 * says `ended`. Our own request rather than client-node's Log: that one drops the API server's message on a 400
 * ("container ... is waiting to start"), which is exactly what the user needs to read.
 */
export class LogStream {
  private request: ReturnType<typeof https.request> | undefined;
  private pending: string[] = [];
  private partial = '';
  private timer: NodeJS.Timeout | undefined;
  private ended = false;

  constructor(
    readonly id: string,
    private readonly session: ContextSession,
    private readonly target: LogTarget,
    private readonly options: LogOptions,
    private readonly emit: (chunk: LogChunk) => void,
  ) {}

  async start(): Promise<void> {
    const { namespace, pod, container } = this.target;
    const cluster = this.session.kubeConfig.getCurrentCluster();
    if (!cluster) throw new AppError('unreachable', 'The context names no cluster.');
    const url = new URL(
      `${cluster.server.replace(/\/$/, '')}/api/v1/namespaces/${encodeURIComponent(namespace)}/pods/${encodeURIComponent(pod)}/log`,
    );
    url.searchParams.set('container', container);
    if (this.options.follow) url.searchParams.set('follow', 'true');
    if (this.options.previous) url.searchParams.set('previous', 'true');
    if (this.options.tailLines !== undefined) url.searchParams.set('tailLines', String(this.options.tailLines));
    const init = await this.session.kubeConfig.applyToFetchOptions({});
    const headers: Record<string, string> = {};
    // client-node hands back node-fetch's Headers; https.request wants a plain record.
    const given = init.headers as unknown as { forEach?: (each: (value: string, key: string) => void) => void };
    given.forEach?.((value, key) => (headers[key] = value));
    const agent = typeof init.agent === 'object' && init.agent !== null ? (init.agent as https.Agent) : undefined;
    const response = await new Promise<IncomingMessage>((resolve, reject) => {
      this.request = https.request(url, { method: 'GET', headers, ...(agent ? { agent } : {}) }, resolve);
      this.request.on('error', reject);
      this.request.end();
    }).catch((error: unknown) => {
      throw this.session.classify(error);
    });
    const status = response.statusCode ?? 0;
    if (status !== 200) throw await failure(response, status);
    response.setEncoding('utf8');
    response.on('data', (text: string) => this.onText(text));
    response.on('end', () => this.finish());
    response.on('error', (error) => this.finish(toErrorDTO(this.session.classify(error))));
  }

  stop(): void {
    this.request?.destroy();
    this.finish();
  }

  private onText(text: string): void {
    const lines = (this.partial + text).split('\n');
    this.partial = lines.pop() ?? '';
    this.pending.push(...lines);
    if (this.pending.length >= MAX_CHUNK_LINES) this.flush();
    else this.timer ??= setTimeout(() => this.flush(), FLUSH_MS);
  }

  private flush(error?: AppErrorDTO): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    const chunk: LogChunk = { streamId: this.id, lines: this.pending, ended: this.ended };
    if (error) chunk.error = error;
    this.pending = [];
    if (chunk.lines.length > 0 || chunk.ended) this.emit(chunk);
  }

  private finish(error?: AppErrorDTO): void {
    if (this.ended) return;
    this.ended = true;
    if (this.partial !== '') this.pending.push(this.partial);
    this.partial = '';
    this.flush(error);
  }
}

async function failure(response: IncomingMessage, status: number): Promise<AppError> {
  let body = '';
  response.setEncoding('utf8');
  for await (const part of response) body += part as string;
  let message = `Reading the log failed (HTTP ${status}).`;
  try {
    const parsed = JSON.parse(body) as { message?: unknown };
    if (typeof parsed.message === 'string') message = scrubSecrets(parsed.message);
  } catch {
    // Not a Status object: keep the generic message rather than echoing an arbitrary body.
  }
  return new AppError(codeForStatus(status), message, { status });
}
