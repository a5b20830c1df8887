// `GET pods/<name>/log?follow=true`: the lines so far, then new ones as the simulated container writes them, until
// the pod or its container goes away (the kubelet then closes the stream, as a real one does) or the client leaves.
import type { ResourceRequest } from './request.js';

const POLL_MS = 100;

/** `read` returns every line prefixed with its RFC 3339 timestamp and a space, and throws once the pod is gone. */
export function followPodLog(
  r: ResourceRequest,
  read: () => string[],
  options: { tail: number | undefined; timestamps: boolean },
): void {
  const show = (line: string): string => (options.timestamps ? line : line.slice(line.indexOf(' ') + 1)) + '\n';
  let lines = read();
  let last = lines.at(-1);
  if (options.tail !== undefined) lines = options.tail === 0 ? [] : lines.slice(-options.tail);
  r.res.writeHead(200, { 'Content-Type': 'text/plain; charset=utf-8', 'Transfer-Encoding': 'chunked' });
  r.res.write(lines.map(show).join(''));
  const timer = setInterval(() => {
    let now: string[];
    try {
      now = read();
    } catch {
      stop();
      r.res.end();
      return;
    }
    // Lines carry their timestamp, so the last one sent is found again even after the ring buffer dropped old ones.
    const at = last === undefined ? -1 : now.lastIndexOf(last);
    const fresh = at >= 0 ? now.slice(at + 1) : now.filter((l) => last === undefined || l > last);
    if (fresh.length === 0) return;
    last = fresh.at(-1);
    r.res.write(fresh.map(show).join(''));
  }, POLL_MS);
  const stop = (): void => clearInterval(timer);
  r.res.on('close', stop);
}
