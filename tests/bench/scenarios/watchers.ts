// Issue 2's fan-out: 1,000 DaemonSet status changes a second delivered to 20 raw HTTPS watchers (no client library),
// with the latency from the sandbox's write to the line arriving here, and how many events each watcher got.
import https from 'node:https';
import type { BenchContext } from '../context.js';
import { metric } from '../report.js';
import { benchKey } from '../sandbox/world.js';
import { percentile } from '../stats.js';
import { requestOptions } from '../support/https.js';
import { getBody } from '../support/https.js';

const WATCHERS = 20;
const RATE = 1000;

interface Watcher {
  /** name:value -> arrival time (ms since the epoch). */
  arrivals: Map<string, number>;
  close(): void;
}

// Lines are matched, not parsed: 20,000 JSON.parse calls a second here would measure this process, not the sandbox.
const NAME = /"name":"(ds-\d{5})"/;
const READY = /"numberReady":(\d+)/;

function openWatcher(ctx: BenchContext, resourceVersion: string): Promise<Watcher> {
  const arrivals = new Map<string, number>();
  const path = `/apis/apps/v1/daemonsets?watch=1&allowWatchBookmarks=true&resourceVersion=${resourceVersion}`;
  return new Promise((resolve, reject) => {
    const request = https.get(requestOptions(ctx.access, path, new https.Agent({ keepAlive: false })), (response) => {
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

export async function watchers(ctx: BenchContext): Promise<void> {
  const seconds = ctx.quick ? 5 : 20;
  const errors: string[] = [];
  const latencies: number[] = [];
  let delivered = 0;
  let expected = 0;
  let rate: number | undefined;
  try {
    const { body } = await getBody(ctx.access, '/apis/apps/v1/daemonsets?limit=1');
    const resourceVersion = (JSON.parse(body.toString('utf8')) as { metadata: { resourceVersion: string } }).metadata
      .resourceVersion;
    const open = await Promise.all(Array.from({ length: WATCHERS }, () => openWatcher(ctx, resourceVersion)));
    const keys = Array.from({ length: ctx.count }, (_, i) => benchKey(i, ctx.namespaces));
    const result = await ctx.sandbox.call('churn', { ratePerSec: RATE, seconds, keys, record: true });
    rate = (result.changes / result.elapsedMs) * 1000;
    await new Promise((resolve) => setTimeout(resolve, 2000));
    for (const watcher of open) watcher.close();
    const { log } = result;
    expected = log.keys.length * WATCHERS;
    for (const watcher of open) {
      for (let i = 0; i < log.keys.length; i++) {
        const key = log.keys[i] as string;
        const arrived = watcher.arrivals.get(`${key.slice(key.indexOf('/') + 1)}:${log.values[i] as number}`);
        if (arrived === undefined) continue;
        delivered++;
        latencies.push(arrived - (log.times[i] as number));
      }
    }
  } catch (error) {
    errors.push(error instanceof Error ? error.message : String(error));
  }
  const note =
    errors.join('; ') || `${WATCHERS} watchers × ${RATE}/s for ${seconds} s (achieved ${rate?.toFixed(0)}/s)`;
  ctx.add(
    metric('sandbox.watch.rate.per-s', {
      unit: '/s',
      ours: rate,
      goal: { on: 'value', op: '>=', limit: RATE * 0.95 },
      note: 'status writes the sandbox achieved while fanning out; below the goal it could not keep up',
    }),
    metric('sandbox.watch.p50.ms', { unit: 'ms', ours: percentile(latencies, 50), note }),
    metric('sandbox.watch.p99.ms', {
      unit: 'ms',
      ours: percentile(latencies, 99),
      goal: { on: 'value', op: '<=', limit: 100 },
      note: 'issue 2: sandbox write → event line received by a raw HTTPS watcher',
    }),
    metric('sandbox.watch.delivered.pct', {
      unit: '%',
      ours: expected > 0 ? (delivered / expected) * 100 : undefined,
      goal: { on: 'value', op: '>=', limit: 100 },
      note: `${delivered} of ${expected} events reached their watcher`,
    }),
  );
}
