// The scale benches' worlds (issues 15 and 17), in the sandbox's process and in its light-pod mode: thousands of nodes
// with one pod per DaemonSet on each, a rolling update played step by step as the DaemonSet controller would with
// maxUnavailable, every pod of a DaemonSet failing at once, and a fleet of light sandboxes in this same process.
// Each change is stamped (ms since the epoch) just before it is committed, so the bench's latencies include the
// server's own work.
import { writeFileSync } from 'node:fs';
import { parse, stringify } from 'yaml';
import { startSandbox, type LightFailure, type SandboxHandle } from '../../../electron/sandbox-cluster/index.js';

export const SCALE_NAMESPACE = 'scale';

export interface LightWorldArgs {
  nodes: number;
  namespace: string;
  /** DaemonSets to add, each with one pod on every node. */
  daemonSets: { name: string; image: string }[];
}

export interface LightWorldResult {
  nodes: number;
  pods: number;
  elapsedMs: number;
  /** The sandbox's RSS and JS heap (after a GC when exposed) before and after the pods were added. */
  before: MemorySample;
  after: MemorySample;
}

export interface MemorySample {
  rssMb: number;
  heapMb: number;
}

export interface RolloutArgs {
  namespace: string;
  name: string;
  image: string;
  /** Pods replaced per step (maxUnavailable). */
  stepPods: number;
  /** Pause between steps: the new pods becoming available before the controller goes on. */
  intervalMs: number;
}

export interface RolloutStepLog {
  /** When the step started writing, and when its last change was committed (ms since the epoch). */
  at: number;
  doneAt: number;
  moved: number;
}

export interface RolloutResult {
  hash: string;
  steps: RolloutStepLog[];
}

export interface ScaleCommands {
  lightWorld(args: LightWorldArgs): Promise<LightWorldResult>;
  lightRollout(args: RolloutArgs): Promise<RolloutResult>;
  lightFail(args: {
    namespace: string;
    name: string;
    reason: LightFailure;
  }): Promise<{ changed: number; at: number; doneAt: number }>;
  lightFleet(args: FleetArgs): Promise<{ contexts: string[]; elapsedMs: number }>;
  memory(): Promise<MemorySample>;
}

export interface FleetArgs {
  clusters: number;
  nodes: number;
  daemonSets: number;
  /** One kubeconfig holding every cluster's admin context. */
  kubeconfigPath: string;
}

const fleet: SandboxHandle[] = [];

function sample(): MemorySample {
  (globalThis as { gc?: () => void }).gc?.();
  const usage = process.memoryUsage();
  return { rssMb: usage.rss / 1024 / 1024, heapMb: usage.heapUsed / 1024 / 1024 };
}

const wait = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

interface KubeconfigDoc {
  clusters: unknown[];
  contexts: { name: string }[];
  users: { name: string }[];
  'current-context'?: string;
}

/** Admin contexts of every cluster in one kubeconfig (the other users stay out: the fleet opts in admins only). */
function mergedKubeconfig(handles: SandboxHandle[]): string {
  const merged: KubeconfigDoc & Record<string, unknown> = {
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [],
    contexts: [],
    users: [],
  };
  for (const handle of handles) {
    const doc = parse(handle.kubeconfig) as KubeconfigDoc;
    const admin = `${handle.name}-admin`;
    merged.clusters.push(...doc.clusters);
    merged.contexts.push(...doc.contexts.filter((c) => c.name === admin));
    merged.users.push(...doc.users.filter((u) => u.name === admin));
  }
  merged['current-context'] = `${handles[0]?.name ?? ''}-admin`;
  return stringify(merged);
}

export function scaleCommands(running: () => SandboxHandle): ScaleCommands {
  return {
    lightWorld({ nodes, namespace, daemonSets }) {
      const started = Date.now();
      const before = sample();
      const light = running().light;
      light.addNodes(nodes);
      let pods = 0;
      for (const ds of daemonSets) pods += light.addDaemonSet({ namespace, name: ds.name, image: ds.image }).pods;
      return Promise.resolve({ nodes, pods, elapsedMs: Date.now() - started, before, after: sample() });
    },
    async lightRollout({ namespace, name, image, stepPods, intervalMs }) {
      const light = running().light;
      const hash = light.startRollout(namespace, name, image);
      const steps: RolloutStepLog[] = [];
      for (;;) {
        await wait(intervalMs);
        const at = Date.now();
        const { moved, remaining } = light.rolloutStep(namespace, name, stepPods);
        steps.push({ at, doneAt: Date.now(), moved });
        if (remaining === 0) break;
      }
      return { hash, steps };
    },
    lightFail({ namespace, name, reason }) {
      const at = Date.now();
      const changed = running().light.setState(namespace, name, { running: false, reason });
      return Promise.resolve({ changed, at, doneAt: Date.now() });
    },
    async lightFleet({ clusters, nodes, daemonSets, kubeconfigPath }) {
      const started = Date.now();
      for (let c = 0; c < clusters; c++) {
        const handle = await startSandbox({ port: 0, name: `fleet-${String(c).padStart(2, '0')}`, light: true });
        fleet.push(handle);
        handle.light.addNodes(nodes);
        for (let d = 0; d < daemonSets; d++) {
          // The last cluster runs an older image of every agent: the fleet's drift.
          const version = c === clusters - 1 ? '1.0.0' : '1.1.0';
          const agent = `agent-${String(d).padStart(2, '0')}`;
          handle.light.addDaemonSet({
            namespace: 'agents',
            name: agent,
            image: `registry.example.com/${agent}:${version}`,
          });
        }
      }
      writeFileSync(kubeconfigPath, mergedKubeconfig(fleet), { mode: 0o600 });
      return { contexts: fleet.map((h) => `${h.name}-admin`), elapsedMs: Date.now() - started };
    },
    memory: () => Promise.resolve(sample()),
  };
}

/** Stops the fleet's sandboxes (with the process's own). */
export async function stopFleet(): Promise<void> {
  await Promise.all(fleet.splice(0).map((h) => h.stop()));
}
