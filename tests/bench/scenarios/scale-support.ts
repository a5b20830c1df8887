// What the scale scenarios (scale-detail, matrix, fleet) share: kubectl's wall time as the peer, a bare raw watch as
// the floor of "how soon could anyone know", the light sandbox in its own process, and page-side observers.
import { execFile } from 'node:child_process';
import type { Page } from '@playwright/test';
import https from 'node:https';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { startSandboxProcess, type SandboxProcess } from '../sandbox/client.js';
import { requestOptions, type AdminAccess } from '../support/https.js';
import { percentile } from '../stats.js';
import type { Metric } from '../report.js';

/** What a scale scenario gets from the run (it starts its own light sandboxes). */
export interface ScaleContext {
  quick: boolean;
  /** Repetitions of each kubectl peer (the median is reported). */
  repeats: number;
  /** The browser host's CLI in the bench's own build. */
  webHost: string;
  add(...metrics: Metric[]): void;
  log(message: string): void;
}

/** The list's churn allowance (issue 17): its 25 ms batch window plus a few frames, over a raw watch's arrival. */
export const CHURN_ALLOWANCE_MS = 60;
/** The list's long-task limit. */
export const LONG_TASK_LIMIT_MS = 100;

export function startLightSandbox(): Promise<SandboxProcess> {
  return startSandboxProcess({ nodes: 0, speed: 1, paused: true, light: true });
}

export function currentContext(kubeconfigPath: string): string {
  const config = parse(readFileSync(kubeconfigPath, 'utf8')) as { 'current-context'?: string };
  return config['current-context'] ?? '';
}

/** One kubectl run's wall time (ms) and output size; a failure rejects. */
export function kubectlWall(kubeconfig: string, args: string[]): Promise<{ ms: number; bytes: number }> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    execFile(
      'kubectl',
      ['--kubeconfig', kubeconfig, ...args],
      { maxBuffer: 4 * 1024 * 1024 * 1024, encoding: 'buffer', env: { ...process.env, KUBECONFIG: '' } },
      (error, stdout, stderr) => {
        if (error) reject(new Error(`kubectl ${args.join(' ')}: ${stderr.toString().slice(-300)}`));
        else resolve({ ms: performance.now() - started, bytes: stdout.length });
      },
    );
  });
}

/** The median wall time of `repeats` kubectl runs, one after another. */
export async function kubectlMedian(kubeconfig: string, args: string[], repeats: number): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < repeats; i++) times.push((await kubectlWall(kubeconfig, args)).ms);
  return percentile(times, 50) ?? Number.NaN;
}

export interface WatchLine {
  type: string;
  object: { metadata: { name: string; labels?: Record<string, string> }; spec?: { nodeName?: string } };
}

/** A bare watch over HTTPS (no client library): calls `onLine` with each event and the time it arrived (epoch ms). */
export function rawWatch(
  access: AdminAccess,
  path: string,
  onLine: (line: WatchLine, at: number) => void,
): { ready: Promise<void>; stop(): void } {
  let request: ReturnType<typeof https.get> | undefined;
  const ready = new Promise<void>((resolve, reject) => {
    request = https.get(requestOptions(access, path, new https.Agent({ keepAlive: false })), (response) => {
      if (response.statusCode !== 200) {
        reject(new Error(`watch ${path}: HTTP ${response.statusCode}`));
        return;
      }
      resolve();
      let buffered = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => {
        const at = Date.now();
        buffered += chunk;
        let newline = buffered.indexOf('\n');
        while (newline >= 0) {
          const text = buffered.slice(0, newline);
          buffered = buffered.slice(newline + 1);
          if (text.trim()) onLine(JSON.parse(text) as WatchLine, at);
          newline = buffered.indexOf('\n');
        }
      });
      response.on('error', () => undefined);
    });
    request.on('error', reject);
  });
  return { ready, stop: () => request?.destroy() };
}

/** The resourceVersion a watch starts from: a list of one item (`limit=1`). */
export async function listVersion(access: AdminAccess, path: string): Promise<string> {
  const separator = path.includes('?') ? '&' : '?';
  return new Promise((resolve, reject) => {
    https
      .get(requestOptions(access, `${path}${separator}limit=1`), (response) => {
        let body = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (body += chunk));
        response.on('end', () =>
          resolve((JSON.parse(body) as { metadata: { resourceVersion: string } }).metadata.resourceVersion),
        );
      })
      .on('error', reject);
  });
}

/**
 * Page side: long tasks, and the first time (epoch ms) each key reached what `done` says, from mutations of
 * `rootSelector`'s subtree, counting only keys that first showed what `before` says (when given: e.g. the old
 * revision, so a cell still showing the state it had before the change never counts). `keyOf`, `done` and `before`
 * are page-side function bodies taking the cell element.
 */
export const WATCH_CELLS_SOURCE = String.raw`((rootSelector, cellSelector, keyOfText, doneText, beforeText) => {
  const keyOf = new Function('el', keyOfText);
  const done = new Function('el', doneText);
  const before = beforeText ? new Function('el', beforeText) : undefined;
  const armed = new Set();
  const state = { seen: {}, longTasks: [] };
  const now = () => performance.timeOrigin + performance.now();
  // Every mutation of a batch happened before its callback began: that is when its cells were seen (the callback's
  // own work over hundreds of cells would otherwise stamp the last of them later than the page showed them).
  let at = 0;
  const visit = (el) => {
    if (!(el instanceof Element)) return;
    const cell = el.closest(cellSelector);
    if (!cell) return;
    const key = keyOf(cell);
    if (!key || key in state.seen) return;
    if (before && !armed.has(key)) {
      if (before(cell)) armed.add(key);
      return;
    }
    if (done(cell)) state.seen[key] = at;
  };
  const observer = new MutationObserver((records) => {
    at = now();
    for (const r of records) {
      visit(r.target.nodeType === 1 ? r.target : r.target.parentElement);
      for (const added of r.addedNodes) {
        if (added instanceof Element) {
          visit(added);
          for (const inner of added.querySelectorAll(cellSelector)) visit(inner);
        }
      }
    }
  });
  const root = document.querySelector(rootSelector);
  if (!root) throw new Error('no ' + rootSelector);
  observer.observe(root, { subtree: true, childList: true, attributes: true, characterData: true });
  const tasks = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) state.longTasks.push(entry.duration);
  });
  tasks.observe({ type: 'longtask', buffered: false });
  window.__scaleWatch = {
    stop() {
      observer.disconnect();
      tasks.disconnect();
      return state;
    },
  };
})`;

export interface CellWatchResult {
  seen: Record<string, number>;
  longTasks: number[];
}

/** p99 and count of `ours[key] - from[key]` over the keys both have. */
export function lags(ours: Record<string, number>, from: Map<string, number>): number[] {
  const out: number[] = [];
  for (const [key, at] of from) {
    const shown = ours[key];
    if (shown !== undefined) out.push(shown - at);
  }
  return out;
}

// Page side: go to `route`, wait (frame by frame) until `doneText` (a function body) holds, resolve after the paint.
const OPEN_UNTIL_SOURCE = String.raw`(async ([route, doneText, timeoutMs]) => {
  const done = new Function(doneText);
  const started = performance.now();
  location.hash = route;
  while (!done()) {
    if (performance.now() - started > timeoutMs) throw new Error(route + ' was not shown within ' + timeoutMs + ' ms');
    await new Promise((resolve) => requestAnimationFrame(resolve));
  }
  const shown = performance.now() - started;
  const painted = await new Promise((resolve) =>
    requestAnimationFrame(() => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => resolve(performance.now());
      channel.port2.postMessage(null);
    }),
  );
  return { shownMs: shown, paintedMs: painted - started };
})`;

/** Navigation to `route` until `done` (a page-side function body) holds, painted: ms from the navigation. */
export function openUntil(
  page: Page,
  route: string,
  done: string,
  timeoutMs: number,
): Promise<{ shownMs: number; paintedMs: number }> {
  return page.evaluate(`${OPEN_UNTIL_SOURCE}(${JSON.stringify([route, done, timeoutMs])})`) as Promise<{
    shownMs: number;
    paintedMs: number;
  }>;
}
