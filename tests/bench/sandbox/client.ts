// The bench's side of the sandbox process: fork it (plain node with tsx's loader, so the pid is the sandbox itself and
// its RSS is the sandbox's), send commands, await replies.
import { fork, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Commands, Reply, Request } from './child.js';
import { tempDir } from '../support/files.js';

export interface SandboxProcess {
  pid: number;
  url: string;
  kubeconfigPath: string;
  call<C extends keyof Commands>(command: C, ...args: Parameters<Commands[C]>): ReturnType<Commands[C]>;
  stop(): Promise<void>;
}

const CHILD = join(fileURLToPath(new URL('.', import.meta.url)), 'child.ts');

export async function startSandboxProcess(options: {
  nodes: number;
  speed: number;
  paused: boolean;
  light?: boolean;
}): Promise<SandboxProcess> {
  const child: ChildProcess = fork(CHILD, [], {
    execArgv: [
      '--import',
      'tsx',
      // Light-pod worlds report the sandbox's heap after a GC (memory per light pod).
      ...(options.light ? ['--expose-gc'] : []),
      ...(process.env.BENCH_SANDBOX_PROFILE
        ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_SANDBOX_PROFILE}`]
        : []),
    ],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  let nextId = 1;
  const pending = new Map<number, { resolve(value: unknown): void; reject(error: Error): void }>();
  child.on('message', (reply: Reply) => {
    const waiter = pending.get(reply.id);
    if (!waiter) return;
    pending.delete(reply.id);
    if (reply.ok) waiter.resolve(reply.result);
    else waiter.reject(new Error(`sandbox: ${reply.message}`));
  });
  child.on('exit', (code) => {
    for (const waiter of pending.values()) waiter.reject(new Error(`sandbox process exited (${code})`));
    pending.clear();
  });
  const call = ((command: keyof Commands, args?: unknown) =>
    new Promise((resolve, reject) => {
      const id = nextId++;
      pending.set(id, { resolve, reject });
      const request: Request = { id, command, args };
      child.send(request);
    })) as SandboxProcess['call'];

  const kubeconfigPath = join(tempDir('bench-sandbox'), 'kubeconfig.yaml');
  const { url } = await call('start', { ...options, kubeconfigPath });
  return {
    pid: child.pid ?? 0,
    url,
    kubeconfigPath,
    call,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      const force = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await call('stop').catch(() => undefined);
      await exited;
      clearTimeout(force);
    },
  };
}
