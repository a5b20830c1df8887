// The soak's sandbox cluster, in its own process so that the soak measures the app's memory alone. Started by
// cluster-link.ts with fork(); takes fault orders and answers the server's view over the IPC channel.
import { startSandbox, type SandboxHandle } from '../../electron/sandbox-cluster/index.js';
import {
  isSettledView,
  keyOfObject,
  viewOfObject,
  type ChildMessage,
  type FaultOrder,
  type Request,
  type SandboxFaultKind,
} from './protocol.js';
import { ServerHistory } from './server-history.js';

export interface ChildOptions {
  kubeconfigPath: string;
  nodes: number;
  speed: number;
  bookmarkIntervalMs: number;
  historyLimit: number;
}

let unhandledRejections = 0;
process.on('unhandledRejection', (reason) => {
  unhandledRejections++;
  process.stderr.write(`soak sandbox: unhandled rejection: ${reason instanceof Error ? reason.message : 'unknown'}\n`);
});

const send = (message: ChildMessage): void => {
  process.send?.(message);
};

function parseOptions(): ChildOptions {
  const text = process.argv[2];
  if (!text) throw new Error('cluster-child: options JSON expected as the first argument');
  return JSON.parse(text) as ChildOptions;
}

class FaultRunner {
  private stallTimer: NodeJS.Timeout | undefined;
  private kubeletTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly sandbox: SandboxHandle,
    private readonly history: ServerHistory,
  ) {}

  fire(order: FaultOrder<SandboxFaultKind>): number {
    const { faults, kubelets } = this.sandbox;
    switch (order.kind) {
      case 'drop':
        return faults.dropWatches();
      case 'silence':
        return faults.silenceWatches();
      case 'stall':
        clearTimeout(this.stallTimer);
        faults.stallWatches();
        this.history.setStalled(true);
        this.stallTimer = setTimeout(() => this.release(), order.amount);
        return order.amount;
      case 'error500':
      case 'error429':
        faults.failNext(order.amount, order.kind === 'error500' ? 500 : 429, 1);
        return order.amount;
      case 'compact':
        // Compaction alone shows only when a watch restarts: cut the streams so they come back with an old version.
        faults.compactHistory();
        return faults.dropWatches();
      case 'kubelets':
        clearTimeout(this.kubeletTimer);
        kubelets.pause();
        this.kubeletTimer = setTimeout(() => kubelets.resume(), order.amount);
        return order.amount;
    }
  }

  quiesce(): void {
    clearTimeout(this.kubeletTimer);
    this.sandbox.kubelets.resume();
    this.sandbox.faults.failNext(0, 500);
    this.release();
  }

  private release(): void {
    clearTimeout(this.stallTimer);
    this.sandbox.faults.releaseWatches();
    this.history.setStalled(false);
  }
}

async function main(): Promise<void> {
  const options = parseOptions();
  const sandbox = await startSandbox({
    kubeconfigPath: options.kubeconfigPath,
    nodes: options.nodes,
    speed: options.speed,
    bookmarkIntervalMs: options.bookmarkIntervalMs,
    historyLimit: options.historyLimit,
  });
  const history = new ServerHistory(sandbox.api.list('daemonsets'));
  sandbox.api.subscribe((event) => history.onEvent(event));
  const faults = new FaultRunner(sandbox, history);

  const answer = (request: Request): unknown => {
    switch (request.type) {
      case 'fault':
        return faults.fire(request.order);
      case 'quiesce':
        faults.quiesce();
        return null;
      case 'views':
        return Object.fromEntries(sandbox.api.list('daemonsets').map((ds) => [keyOfObject(ds), viewOfObject(ds)]));
      case 'staleness':
        return history.staleness(request.store);
      case 'settled':
        return sandbox.api.list('daemonsets').every((ds) => isSettledView(viewOfObject(ds)));
      case 'stats':
        return {
          unhandledRejections,
          openWatches: sandbox.faults.openWatches(),
          rssBytes: process.memoryUsage().rss,
        };
    }
  };
  process.on('message', (request: Request) => {
    try {
      send({ type: 'reply', id: request.id, ok: true, value: answer(request) });
    } catch (e) {
      send({ type: 'reply', id: request.id, ok: false, message: e instanceof Error ? e.message : 'failed' });
    }
  });
  // The soak went away (finished or crashed): nothing else will stop this cluster.
  process.on('disconnect', () => {
    void sandbox.stop().finally(() => process.exit(0));
  });
  const context = `${sandbox.name}-admin`;
  send({ type: 'ready', kubeconfigPath: options.kubeconfigPath, context });
}

main().catch((e: unknown) => {
  process.stderr.write(`soak sandbox: ${e instanceof Error ? e.message : 'failed to start'}\n`);
  process.exit(1);
});
