// The browser host's JS heap after a full GC, read through its inspector (started with --inspect=127.0.0.1:0), the
// way the renderer's is read through CDP: RSS alone cannot tell a leak from V8 keeping freed pages.
import WebSocket from 'ws';

export function inspectorUrl(stderr: string): string | undefined {
  return /Debugger listening on (ws:\/\/127\.0\.0\.1:\d+\/[\w-]+)/.exec(stderr)?.[1];
}

export function nodeHeapMb(url: string, timeoutMs = 30_000): Promise<number> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url);
    const timer = setTimeout(() => {
      socket.terminate();
      reject(new Error('the host inspector did not answer'));
    }, timeoutMs);
    const finish = (error: Error | undefined, value?: number): void => {
      clearTimeout(timer);
      socket.close();
      if (error) reject(error);
      else resolve(value ?? 0);
    };
    socket.on('open', () => {
      socket.send(JSON.stringify({ id: 1, method: 'HeapProfiler.collectGarbage' }));
    });
    socket.on('message', (data: WebSocket.RawData) => {
      const reply = JSON.parse(data.toString()) as { id?: number; result?: { usedSize?: number }; error?: unknown };
      if (reply.error) finish(new Error('the host inspector refused'));
      else if (reply.id === 1) socket.send(JSON.stringify({ id: 2, method: 'Runtime.getHeapUsage' }));
      else if (reply.id === 2) finish(undefined, (reply.result?.usedSize ?? 0) / 1024 / 1024);
    });
    socket.on('error', (error) => finish(error));
  });
}
