import type { ClientRequest, IncomingMessage } from 'node:http';
import type { AppErrorDTO, LogChunk, LogOptions } from '../../contract/index.js';
import { AppError, codeForStatus, scrubSecrets, toErrorDTO } from '../errors.js';
import type { ContextSession } from '../session/session.js';
import { clusterTarget, sendGet } from '../watch/raw-request.js';
import type { Producer } from './producer.js';

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
export class LogStream implements Producer<LogChunk> {
  private request: ClientRequest | undefined;
  private readonly abort = new AbortController();
  private pending: string[] = [];
  private partial = '';
  private timer: NodeJS.Timeout | undefined;
  private ended = false;

  constructor(
    private readonly session: ContextSession,
    private readonly target: LogTarget,
    private readonly options: LogOptions,
    private readonly emit: (chunk: LogChunk) => void,
  ) {}

  async start(): Promise<void> {
    const { namespace, pod, container } = this.target;
    const path = `/api/v1/namespaces/${encodeURIComponent(namespace)}/pods/${encodeURIComponent(pod)}/log`;
    const query: Record<string, string> = { container };
    if (this.options.follow) query.follow = 'true';
    if (this.options.previous) query.previous = 'true';
    if (this.options.tailLines !== undefined) query.tailLines = String(this.options.tailLines);
    const target = await clusterTarget(this.session.kubeConfig, path, query, {}).catch((error: unknown) => {
      throw this.session.classify(error);
    });
    const response = await new Promise<IncomingMessage>((resolve, reject) => {
      this.request = sendGet(target, this.abort.signal, resolve);
      this.request.on('error', reject);
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

  /** A log read is never shared, so nobody joins late. */
  current(): undefined {
    return undefined;
  }

  dispose(): void {
    this.abort.abort();
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
    const chunk: LogChunk = { lines: this.pending, ended: this.ended };
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
