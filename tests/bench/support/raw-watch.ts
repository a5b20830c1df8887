// A bare watch client: one HTTPS request on the DaemonSet watch, no client library, each event line matched for its
// name and ready count and stamped on arrival. The floor a UI's latency is compared with: the same events reaching a
// client that does nothing else.
import https from 'node:https';
import { getBody, requestOptions, type AdminAccess } from './https.js';

export interface RawWatcher {
  /** name:value -> arrival time (ms since the epoch). */
  arrivals: Map<string, number>;
  close(): void;
}

// Lines are matched, not parsed: 20,000 JSON.parse calls a second here would measure this process, not the sandbox.
const NAME = /"name":"(ds-\d{5})"/;
const READY = /"numberReady":(\d+)/;

/** The DaemonSet list's resourceVersion now: watches opened from it see every later change. */
export async function currentResourceVersion(access: AdminAccess): Promise<string> {
  const { body } = await getBody(access, '/apis/apps/v1/daemonsets?limit=1');
  return (JSON.parse(body.toString('utf8')) as { metadata: { resourceVersion: string } }).metadata.resourceVersion;
}

export function openRawWatcher(access: AdminAccess, resourceVersion: string): Promise<RawWatcher> {
  const arrivals = new Map<string, number>();
  const path = `/apis/apps/v1/daemonsets?watch=1&allowWatchBookmarks=true&resourceVersion=${resourceVersion}`;
  return new Promise((resolve, reject) => {
    const request = https.get(requestOptions(access, path, new https.Agent({ keepAlive: false })), (response) => {
      if (response.statusCode !== 200) {
        reject(new Error(`watch: HTTP ${response.statusCode}`));
        return;
      }
      let rest = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => {
        const now = Date.now();
        const lines = (rest + chunk).split('\n');
        rest = lines.pop() ?? '';
        for (const line of lines) {
          const name = NAME.exec(line)?.[1];
          const ready = READY.exec(line)?.[1];
          if (name && ready) arrivals.set(`${name}:${ready}`, now);
        }
      });
      response.on('error', () => undefined);
      resolve({ arrivals, close: () => request.destroy() });
    });
    request.on('error', reject);
  });
}
