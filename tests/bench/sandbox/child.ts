// The sandbox cluster in its own process for the bench: forked with an IPC channel, it starts the sandbox and runs the
// commands the bench sends (seed, churn, snapshot, pod world, detail world). Changes made here are the "server's changes" the bench
// times, so they are stamped where they happen.
import { startSandbox, type SandboxHandle } from '../../../electron/sandbox-cluster/index.js';
import { runChurn, type ChurnPlan } from './churn.js';
import { seedDetailWorld, type DetailWorld } from './detail-world.js';
import { growPodWorld } from './pod-world.js';
import { seedDaemonSets } from './world.js';
import { scaleCommands, stopFleet, type ScaleCommands } from './scale-world.js';

export interface StartArgs {
  nodes: number;
  speed: number;
  /** Pause the DaemonSet controller and kubelets right after the seed world starts. */
  paused: boolean;
  kubeconfigPath: string;
  /** The sandbox's light-pod mode (scale benches): no seed world, nothing runs but what the bench drives. */
  light?: boolean;
}

export interface SnapshotRow {
  key: string;
  ready: number;
  desired: number;
}

export interface Commands extends ScaleCommands {
  start(args: StartArgs): Promise<{ url: string }>;
  seed(args: { count: number; namespaces: number }): Promise<{ elapsedMs: number }>;
  churn(plan: ChurnPlan): ReturnType<typeof runChurn>;
  snapshot(): Promise<SnapshotRow[]>;
  podWorld(args: { pods: number; timeoutMs: number }): ReturnType<typeof growPodWorld>;
  detailWorld(args: { otherPods: number }): Promise<DetailWorld>;
  stop(): Promise<void>;
}

export interface Request {
  id: number;
  command: keyof Commands;
  args: unknown;
}

export type Reply = { id: number; ok: true; result: unknown } | { id: number; ok: false; message: string };

let sandbox: SandboxHandle | undefined;
const running = (): SandboxHandle => {
  if (!sandbox) throw new Error('sandbox not started');
  return sandbox;
};

const commands: Commands = {
  async start(args) {
    sandbox = await startSandbox({
      port: 0,
      name: 'bench',
      nodes: args.nodes,
      speed: args.speed,
      kubeconfigPath: args.kubeconfigPath,
      light: args.light,
    });
    if (args.paused) {
      sandbox.controllers.pause();
      sandbox.kubelets.pause();
    }
    return { url: sandbox.url };
  },
  seed({ count, namespaces }) {
    const started = Date.now();
    seedDaemonSets(running().api, count, namespaces);
    return Promise.resolve({ elapsedMs: Date.now() - started });
  },
  churn: (plan) => runChurn(running().api, plan),
  snapshot() {
    return Promise.resolve(
      running()
        .api.list('daemonsets')
        .map((ds) => {
          const status = (ds.status ?? {}) as { numberReady?: number; desiredNumberScheduled?: number };
          return {
            key: `${ds.metadata.namespace ?? ''}/${ds.metadata.name}`,
            ready: status.numberReady ?? 0,
            desired: status.desiredNumberScheduled ?? 0,
          };
        }),
    );
  },
  podWorld: ({ pods, timeoutMs }) => growPodWorld(running().api, pods, timeoutMs),
  detailWorld: ({ otherPods }) => Promise.resolve(seedDetailWorld(running().api, otherPods)),
  ...scaleCommands(running),
  async stop() {
    await stopFleet();
    await sandbox?.stop();
    sandbox = undefined;
  },
};

async function handle(request: Request): Promise<Reply> {
  try {
    const command = commands[request.command] as (args: unknown) => Promise<unknown>;
    return { id: request.id, ok: true, result: await command(request.args) };
  } catch (error) {
    return { id: request.id, ok: false, message: error instanceof Error ? error.message : String(error) };
  }
}

process.on('message', (message: Request) => {
  void handle(message).then((reply) => {
    process.send?.(reply);
    if (message.command === 'stop') process.disconnect();
  });
});
// The bench going away (even killed) ends this process too.
process.on('disconnect', () => {
  void sandbox?.stop().finally(() => process.exit(0));
  if (!sandbox) process.exit(0);
});
