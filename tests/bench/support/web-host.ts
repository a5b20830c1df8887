// The browser host as users run it (see web-host-entry.ts), as one node process (tsx as a loader, not a wrapper), so
// its pid is the backend's and /proc tells its RSS.
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { inspectorUrl } from './node-heap.js';

export interface WebHostProcess {
  pid: number;
  url: string;
  /** performance.now() in the bench when the process was spawned, and when it printed its URL. */
  spawnedAt: number;
  readyAt: number;
  /** The host's inspector WebSocket, when it was started with one (for its heap after GC). */
  inspector: string | undefined;
  stop(): Promise<void>;
}

export interface HostBuild {
  /** The renderer the host serves (built by the bench into a directory of its own). */
  staticDir: string;
  /** The esbuild bundle of web-host-entry.ts; without it, the TypeScript through tsx as `npm run web` runs it. */
  bundle?: string;
  /** Open the inspector on a free local port (memory scenarios read the heap through it; start-up does not). */
  inspect?: boolean;
}

export const HOST_ENTRY = 'tests/bench/support/web-host-entry.ts';

export function startWebHost(
  kubeconfigPath: string,
  home: string,
  build: HostBuild,
  timeoutMs = 60_000,
): Promise<WebHostProcess> {
  const spawnedAt = performance.now();
  const entry = [
    ...(build.inspect ? ['--inspect=127.0.0.1:0'] : []),
    ...(build.bundle ? [build.bundle] : ['--import', 'tsx', HOST_ENTRY]),
  ];
  const args = [...entry, '--kubeconfig', kubeconfigPath, '--static-dir', build.staticDir];
  const child: ChildProcess = spawn(process.execPath, args, {
    env: { ...process.env, HOME: home, XDG_CONFIG_HOME: join(home, '.config'), KUBECONFIG: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const stop = (): Promise<void> => {
    if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
    return new Promise((resolve) => {
      const force = setTimeout(() => child.kill('SIGKILL'), 10_000);
      child.once('exit', () => {
        clearTimeout(force);
        resolve();
      });
      child.kill('SIGTERM');
    });
  };
  return new Promise((resolve, reject) => {
    let output = '';
    let errors = '';
    const timer = setTimeout(() => {
      void stop();
      reject(new Error(`the web host did not start within ${timeoutMs} ms: ${errors.slice(-500)}`));
    }, timeoutMs);
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /everynode web: (http:\/\/127\.0\.0\.1:\d+\/\?token=\S+)/.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve({
          pid: child.pid ?? 0,
          url: match[1],
          spawnedAt,
          readyAt: performance.now(),
          get inspector() {
            return inspectorUrl(errors);
          },
          stop,
        });
      }
    });
    child.stderr?.on('data', (chunk: Buffer) => (errors += chunk.toString()));
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the web host exited (${code}): ${errors.slice(-500)}`));
    });
  });
}
