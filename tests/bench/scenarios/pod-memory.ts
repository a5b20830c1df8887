// Issue 2's memory figure: a sandbox of its own with 500 nodes and 10,000 daemon pods placed by its controller and
// run by its kubelets, then its resident memory.
import type { Metric } from '../report.js';
import { metric } from '../report.js';
import { startSandboxProcess } from '../sandbox/client.js';
import { rssMb } from '../support/files.js';

const NODES = 500;
const PODS = 10_000;

/** Reported as skipped in --quick: placing and running 10,000 pods takes about a minute or more on 2 cores. */
export function podMemorySkipped(): Metric[] {
  const skipped = { ours: undefined, skipped: true, note: 'full run only (placing 10,000 pods takes minutes)' };
  return [
    metric('sandbox.pods.running', { unit: 'pods', ...skipped }),
    metric('sandbox.memory.rss.mb', { unit: 'MB', ...skipped }),
  ];
}

export async function podMemory(timeoutMs: number, log: (message: string) => void): Promise<Metric[]> {
  let rss: number | undefined;
  let note = '';
  let running = 0;
  const sandbox = await startSandboxProcess({ nodes: NODES, speed: 50, paused: false });
  try {
    const world = await sandbox.call('podWorld', { pods: PODS, timeoutMs });
    running = world.running;
    rss = rssMb(sandbox.pid);
    note = `${NODES} nodes, ${world.daemonSets} DaemonSets, ${world.pods} pods (${world.running} Running) after ${(world.elapsedMs / 1000).toFixed(0)} s`;
    log(`pod world: ${note}`);
  } catch (error) {
    note = error instanceof Error ? error.message : String(error);
  } finally {
    await sandbox.stop();
  }
  return [
    metric('sandbox.pods.running', {
      unit: 'pods',
      ours: running,
      peer: PODS,
      peerLabel: 'asked',
      goal: { on: 'ratio', op: '>=', limit: 1 },
      note: `issue 2: daemon pods Running within ${Math.round(timeoutMs / 1000)} s`,
    }),
    metric('sandbox.memory.rss.mb', {
      unit: 'MB',
      ours: rss,
      goal: { on: 'value', op: '<=', limit: 1024 },
      note,
    }),
  ];
}
