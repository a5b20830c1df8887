// The browser host's memory through its inspector (started with --inspect=127.0.0.1:0), the way the renderer's is
// read through CDP: RSS alone cannot tell a leak from V8 keeping freed pages, nor native memory from the JS heap.
import WebSocket from 'ws';
import type { MemorySample } from '../stats.js';

export function inspectorUrl(stderr: string): string | undefined {
  return /Debugger listening on (ws:\/\/127\.0\.0\.1:\d+\/[\w-]+)/.exec(stderr)?.[1];
}

interface Reply {
  id?: number;
  result?: Record<string, unknown>;
  error?: unknown;
}

/** Sends the inspector methods one after the other on one connection; resolves with the last one's result. */
function inspect(url: string, methods: [string, Record<string, unknown>?][], timeoutMs: number): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url);
    const timer = setTimeout(() => {
      socket.terminate();
      reject(new Error('the host inspector did not answer'));
    }, timeoutMs);
    const finish = (error: Error | undefined, value?: Reply): void => {
      clearTimeout(timer);
      socket.close();
      if (error) reject(error);
      else resolve(value ?? {});
    };
    const sendStep = (i: number): void => {
      const [method, params] = methods[i] ?? [''];
      socket.send(JSON.stringify({ id: i + 1, method, params }));
    };
    socket.on('open', () => sendStep(0));
    socket.on('message', (data: WebSocket.RawData) => {
      const reply = JSON.parse(data.toString()) as Reply;
      if (reply.id === undefined) return;
      if (reply.error) finish(new Error('the host inspector refused'));
      else if (reply.id < methods.length) sendStep(reply.id);
      else finish(undefined, reply);
    });
    socket.on('error', (error) => finish(error));
  });
}

/** The host's JS heap in MB after a full GC. */
export async function nodeHeapMb(url: string, timeoutMs = 30_000): Promise<number> {
  const reply = await inspect(url, [['HeapProfiler.collectGarbage'], ['Runtime.getHeapUsage']], timeoutMs);
  return Number(reply.result?.usedSize ?? 0) / 1024 / 1024;
}

/** process.memoryUsage() of the host in MB (rss, heapTotal, heapUsed, external, arrayBuffers), without a GC. */
export async function nodeMemoryUsage(url: string, timeoutMs = 30_000): Promise<MemorySample> {
  const expression = 'JSON.stringify(process.memoryUsage())';
  const reply = await inspect(url, [['Runtime.evaluate', { expression, returnByValue: true }]], timeoutMs);
  const value = (reply.result?.result as { value?: unknown } | undefined)?.value;
  const bytes = JSON.parse(typeof value === 'string' ? value : '{}') as Partial<MemorySample>;
  const mb = (n: number | undefined): number => (n ?? 0) / 1024 / 1024;
  return {
    rss: mb(bytes.rss),
    heapTotal: mb(bytes.heapTotal),
    heapUsed: mb(bytes.heapUsed),
    external: mb(bytes.external),
    arrayBuffers: mb(bytes.arrayBuffers),
  };
}
