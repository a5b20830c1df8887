// The browser host as users run it (`npm run web`'s CLI), as one node process (tsx as a loader, not a wrapper), so
// its pid is the backend's and /proc tells its RSS.
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

export interface WebHostProcess {
  pid: number;
  url: string;
  /** performance.now() in the bench when the process was spawned, and when it printed its URL. */
  spawnedAt: number;
  readyAt: number;
  stop(): Promise<void>;
}

/**
 * `bundle`: the esbuild bundle of the host (see bundle.ts); without it, the TypeScript sources through tsx as
 * `npm run web` runs them.
 */
export function startWebHost(
  kubeconfigPath: string,
  home: string,
  bundle?: string,
  timeoutMs = 60_000,
): Promise<WebHostProcess> {
  const spawnedAt = performance.now();
  const entry = bundle ? [bundle] : ['--import', 'tsx', 'electron/web/cli.ts'];
  const child: ChildProcess = spawn(process.execPath, [...entry, '--port', '0', '--kubeconfig', kubeconfigPath], {
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
        resolve({ pid: child.pid ?? 0, url: match[1], spawnedAt, readyAt: performance.now(), stop });
      }
    });
    child.stderr?.on('data', (chunk: Buffer) => (errors += chunk.toString()));
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the web host exited (${code}): ${errors.slice(-500)}`));
    });
  });
}
