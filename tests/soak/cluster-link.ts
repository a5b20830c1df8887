// The soak's side of the sandbox child process: start it, send fault orders, ask for the server's view.
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { ChildOptions } from './cluster-child.js';
import type {
  ChildMessage,
  ChildStats,
  FaultOrder,
  Request,
  SandboxFaultKind,
  StalenessResult,
  StatusView,
} from './protocol.js';

const CHILD = fileURLToPath(new URL('./cluster-child.ts', import.meta.url));
const READY_TIMEOUT_MS = 60_000;

type Body<R> = R extends { id: number } ? Omit<R, 'id'> : never;

export class ClusterLink {
  private nextId = 1;
  private readonly pending = new Map<number, { resolve(value: unknown): void; reject(error: Error): void }>();
  private exited = false;

  private constructor(
    private readonly child: ChildProcess,
    readonly kubeconfigPath: string,
    readonly context: string,
  ) {
    child.on('message', (message: ChildMessage) => {
      if (message.type !== 'reply') return;
      const waiter = this.pending.get(message.id);
      this.pending.delete(message.id);
      if (message.ok) waiter?.resolve(message.value);
      else waiter?.reject(new Error(`sandbox: ${message.message}`));
    });
    child.on('exit', () => {
      this.exited = true;
      for (const waiter of this.pending.values()) waiter.reject(new Error('the sandbox process exited'));
      this.pending.clear();
    });
  }

  /** Forks the sandbox (TypeScript through tsx's loader) and resolves once it serves. */
  static start(options: ChildOptions): Promise<ClusterLink> {
    const child = fork(CHILD, [JSON.stringify(options)], {
      execArgv: ['--import', 'tsx'],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        child.kill();
        reject(new Error('the sandbox did not start in time'));
      }, READY_TIMEOUT_MS);
      child.on('message', (message: ChildMessage) => {
        if (message.type !== 'ready') return;
        clearTimeout(timer);
        resolve(new ClusterLink(child, message.kubeconfigPath, message.context));
      });
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`the sandbox process exited (${String(code)}) before it was ready`));
      });
    });
  }

  private request<T>(body: Body<Request>): Promise<T> {
    if (this.exited) return Promise.reject(new Error('the sandbox process exited'));
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: (value) => resolve(value as T), reject });
      this.child.send({ ...body, id } as Request);
    });
  }

  fault(order: FaultOrder<SandboxFaultKind>): Promise<number> {
    return this.request({ type: 'fault', order });
  }

  /** Ends every fault in progress (stall, kubelet pause, pending failures). */
  quiesce(): Promise<void> {
    return this.request({ type: 'quiesce' });
  }

  views(): Promise<Record<string, StatusView>> {
    return this.request({ type: 'views' });
  }

  staleness(store: Record<string, string>): Promise<StalenessResult> {
    return this.request({ type: 'staleness', store });
  }

  /** Every DaemonSet rolled out on every node it wants. */
  settled(): Promise<boolean> {
    return this.request({ type: 'settled' });
  }

  stats(): Promise<ChildStats> {
    return this.request({ type: 'stats' });
  }

  stop(): Promise<void> {
    if (this.exited) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(() => this.child.kill('SIGKILL'), 10_000);
      this.child.once('exit', () => {
        clearTimeout(timer);
        resolve();
      });
      this.child.disconnect();
    });
  }
}
