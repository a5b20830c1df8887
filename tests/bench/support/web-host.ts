// The browser host as `npm run web` runs it (`node dist/web/cli.mjs`, from the bench's own build), as one node process
// so its pid is the backend's and /proc tells its RSS.
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { HOST_NODE_FLAGS } from '../../../scripts/host-node-flags.mjs';
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

export interface HostOptions {
  /** Open the inspector on a free local port (memory scenarios read the heap through it; start-up does not). */
  inspect?: boolean;
  /** Extra node options before the CLI (experiments such as --trace-gc; the bench's own runs pass none). */
  nodeArgs?: string[];
}

export function startWebHost(
  cli: string,
  kubeconfigPath: string,
  home: string,
  options: HostOptions = {},
  timeoutMs = 60_000,
): Promise<WebHostProcess> {
  const spawnedAt = performance.now();
  const args = [
    ...(options.inspect ? ['--inspect=127.0.0.1:0'] : []),
    // The flags `npm run web` starts it with, so the bench measures the host a user gets.
    ...HOST_NODE_FLAGS,
    ...(options.nodeArgs ?? []),
    cli,
    '--kubeconfig',
    kubeconfigPath,
  ];
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
