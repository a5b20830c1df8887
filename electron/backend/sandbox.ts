import { fork } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { writePrivateFile } from './files/private-file.js';

export interface RunningSandbox {
  /** The kubeconfig the sandbox generated, kept in memory: this text, never the file, is what the app trusts. */
  kubeconfig: string;
  /** The same kubeconfig written for the user's kubectl (0600 in the state directory); never read back. */
  kubeconfigPath: string;
  stop(): Promise<void>;
}

/** A process running the sandbox's child entry: a Node child here, an Electron utility process in the desktop app. */
export interface SandboxProcess {
  postMessage(message: unknown): void;
  onMessage(listener: (message: unknown) => void): void;
  onExit(listener: (code: number | null) => void): void;
  kill(): void;
}

export type SandboxLauncher = (entry: string, args: string[], execArgv: string[]) => SandboxProcess;

/** The browser host's (and plain Node's) way: child_process.fork with an IPC channel. */
export const forkLauncher: SandboxLauncher = (entry, args, execArgv) => {
  const child = fork(entry, args, { execArgv, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  return {
    postMessage: (message) => {
      if (child.connected) child.send(message as object);
    },
    onMessage: (listener) => child.on('message', listener),
    onExit: (listener) => child.on('exit', (code) => listener(code)),
    kill: () => void child.kill('SIGKILL'),
  };
};

/** The bundled child next to the bundled backend; from sources (tests, tsx) the TypeScript one, through tsx. */
export function sandboxChildEntry(): { entry: string; execArgv: string[] } {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const bundled = path.join(here, '..', 'sandbox-cluster', 'child.js');
  if (fs.existsSync(bundled)) return { entry: bundled, execArgv: [] };
  return { entry: path.join(here, '..', 'sandbox-cluster', 'child.ts'), execArgv: ['--import', 'tsx'] };
}

const STOP_TIMEOUT_MS = 5000;

/**
 * Starts the built-in sandbox cluster in a process of its own (the sandbox's CPU work never stalls the backend that
 * serves the window) and writes its kubeconfig for kubectl into the state directory.
 */
export async function startBuiltInSandbox(
  stateDir: string,
  options: { speed?: number; nodes?: number; name?: string } = {},
  launch: SandboxLauncher = forkLauncher,
): Promise<RunningSandbox> {
  const dataDir = path.join(stateDir, 'sandbox');
  const { entry, execArgv } = sandboxChildEntry();
  const child = launch(entry, [JSON.stringify({ ...options, name: options.name ?? 'sandbox', dataDir })], execArgv);
  let exited = false;
  const exit = new Promise<void>((resolve) => child.onExit(() => resolve()));
  void exit.then(() => (exited = true));
  const ready = await new Promise<{ kubeconfig: string }>((resolve, reject) => {
    child.onMessage((message) => {
      const m = message as { type?: unknown; kubeconfig?: unknown; message?: unknown };
      if (m.type === 'ready' && typeof m.kubeconfig === 'string') resolve({ kubeconfig: m.kubeconfig });
      else if (m.type === 'failed') reject(new Error(`the sandbox did not start: ${String(m.message)}`));
    });
    void exit.then(() => reject(new Error('the sandbox process ended before it was ready')));
  });
  const kubeconfigPath = path.join(dataDir, 'kubeconfig');
  await writePrivateFile(kubeconfigPath, ready.kubeconfig);
  let stopped: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    stopped ??= (async () => {
      if (exited) return;
      child.postMessage({ type: 'stop' });
      const timer = setTimeout(() => child.kill(), STOP_TIMEOUT_MS);
      await exit;
      clearTimeout(timer);
    })();
    return stopped;
  };
  return { kubeconfig: ready.kubeconfig, kubeconfigPath, stop };
}
