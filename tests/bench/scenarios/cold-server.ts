// Scenario 1, server side: the same 5,000-DaemonSet list read by kubectl (peer), a bare @kubernetes/client-node
// call (baseline), JSON.parse of the raw bytes (floor), and our backend from its stream's open to the first complete delta.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { AppsV1Api, KubeConfig } from '@kubernetes/client-node';
import type { DaemonSetDelta, StreamEvent } from '../../../electron/contract/index.js';
import { createBackend, type EventSink } from '../../../electron/backend/index.js';
import type { BenchContext } from '../context.js';
import { metric } from '../report.js';
import { median } from '../stats.js';
import { getBody } from '../support/https.js';
import { tempDir } from '../support/files.js';

const execFileAsync = promisify(execFile);

async function kubectlMs(kubeconfig: string, home: string, expected: number): Promise<number> {
  const started = performance.now();
  const { stdout } = await execFileAsync('kubectl', ['--kubeconfig', kubeconfig, 'get', 'ds', '-A', '-o', 'json'], {
    env: { ...process.env, HOME: home },
    maxBuffer: 512 * 1024 * 1024,
  });
  const ms = performance.now() - started;
  const items = (JSON.parse(stdout) as { items: unknown[] }).items.length;
  if (items !== expected) throw new Error(`kubectl listed ${items} DaemonSets, expected ${expected}`);
  return ms;
}

/** One timed `kubectl get ds -A -o json` with the discovery cache of earlier runs (cold.ui.ms's peer at a load level). */
export function kubectlListMs(ctx: BenchContext): Promise<number> {
  return kubectlMs(ctx.sandbox.kubeconfigPath, KUBECTL_HOME.get(ctx) ?? tempDir('bench-kubectl'), ctx.totalDaemonSets);
}

/** kubectl's home (its discovery cache) per run. */
const KUBECTL_HOME = new WeakMap<BenchContext, string>();

/**
 * cold.ui.ms's peer when scenario 1 did not run (`--only ui`): kubectl measured as scenario 1 measures it, an
 * untimed run to fill its discovery cache, then the median of the run's repetitions.
 */
export async function ensureKubectlPeer(ctx: BenchContext): Promise<void> {
  if (ctx.shared.has('kubectl.ms')) return;
  const home = KUBECTL_HOME.get(ctx) ?? tempDir('bench-kubectl');
  KUBECTL_HOME.set(ctx, home);
  const timed = (): Promise<number> => kubectlMs(ctx.sandbox.kubeconfigPath, home, ctx.totalDaemonSets);
  await timed().catch(() => undefined);
  const samples: number[] = [];
  for (let i = 0; i < ctx.repeats; i++) samples.push(await timed());
  const ms = median(samples);
  if (ms !== undefined) ctx.shared.set('kubectl.ms', ms);
}

async function clientNodeMs(kubeconfig: string, expected: number): Promise<number> {
  const config = new KubeConfig();
  config.loadFromFile(kubeconfig);
  const apps = config.makeApiClient(AppsV1Api);
  const started = performance.now();
  const list = await apps.listDaemonSetForAllNamespaces({});
  const ms = performance.now() - started;
  if (list.items.length !== expected) throw new Error(`client-node listed ${list.items.length}, expected ${expected}`);
  return ms;
}

/** One backend, connected once; each measurement is a fresh stream (its informer starts with a list). */
async function backendProbe(kubeconfig: string) {
  const home = tempDir('bench-backend');
  const backend = await createBackend({ homeDir: home, stateDir: home, sandbox: 'off', kubeconfigFiles: [kubeconfig] });
  let onDelta: ((delta: DaemonSetDelta) => void) | undefined;
  const sink: EventSink = {
    emit(event, payload) {
      // The only stream this probe opens is the DaemonSet list.
      if (event === 'onDidReceiveDelta') onDelta?.((payload as StreamEvent<'daemonSets'>).delta);
    },
  };
  const client = backend.connect(sink);
  const deadline = Date.now() + 30_000;
  let state = await client.services.clusters.getState();
  while (state.connection.state !== 'connected' && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    state = await client.services.clusters.getState();
  }
  const context = state.activeContext;
  if (!context || state.connection.state !== 'connected') throw new Error('the backend did not connect');
  return {
    async firstDeltaMs(expected: number): Promise<number> {
      let started = 0;
      const complete = new Promise<number>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('no complete delta within 60 s')), 60_000);
        onDelta = (delta) => {
          if (!delta.reset || !delta.synced) return;
          clearTimeout(timer);
          if (delta.upserts.length !== expected) reject(new Error(`first delta had ${delta.upserts.length} rows`));
          else resolve(performance.now() - started);
        };
      });
      started = performance.now();
      const { streamId } = await client.services.streams.open('daemonSets', [context, '*']);
      const ms = await complete;
      await client.services.streams.dispose(streamId);
      return ms;
    },
    async dispose() {
      client.dispose();
      await backend.dispose();
    },
  };
}

async function attempt(samples: number[], errors: Set<string>, work: () => Promise<number>): Promise<void> {
  try {
    samples.push(await work());
  } catch (error) {
    errors.add(error instanceof Error ? error.message : String(error));
  }
}

export async function coldServer(ctx: BenchContext): Promise<void> {
  const kubeconfig = ctx.sandbox.kubeconfigPath;
  const expected = ctx.totalDaemonSets;
  const kubectlHome = tempDir('bench-kubectl');
  KUBECTL_HOME.set(ctx, kubectlHome);
  const samples = { kubectl: [] as number[], raw: [] as number[], parse: [] as number[], client: [] as number[] };
  const backendSamples: number[] = [];
  const errors = { kubectl: new Set<string>(), raw: new Set<string>(), client: new Set<string>() };
  const backendErrors = new Set<string>();
  let bytes = 0;

  // An untimed kubectl run fills its discovery cache, as on a user's machine.
  await kubectlMs(kubeconfig, kubectlHome, expected).catch(() => undefined);
  const backend = await backendProbe(kubeconfig).catch((error: unknown) => {
    backendErrors.add(error instanceof Error ? error.message : String(error));
    return undefined;
  });
  for (let i = 0; i < ctx.repeats; i++) {
    await attempt(samples.kubectl, errors.kubectl, () => kubectlMs(kubeconfig, kubectlHome, expected));
    await attempt(samples.raw, errors.raw, async () => {
      const { ms, body } = await getBody(ctx.access, '/apis/apps/v1/daemonsets');
      bytes = body.length;
      const started = performance.now();
      const items = (JSON.parse(body.toString('utf8')) as { items: unknown[] }).items.length;
      samples.parse.push(performance.now() - started);
      if (items !== expected) throw new Error(`raw list had ${items} items`);
      return ms;
    });
    await attempt(samples.client, errors.client, () => clientNodeMs(kubeconfig, expected));
    if (backend) await attempt(backendSamples, backendErrors, () => backend.firstDeltaMs(expected));
  }
  await backend?.dispose();

  const why = (set: Set<string>): string => [...set].join('; ');
  const kubectl = median(samples.kubectl);
  if (kubectl !== undefined) ctx.shared.set('kubectl.ms', kubectl);
  const clientNode = median(samples.client);
  const mb = (bytes / 1024 / 1024).toFixed(1);
  ctx.add(
    metric('cold.kubectl.ms', {
      unit: 'ms',
      ours: kubectl,
      note: why(errors.kubectl) || `peer: \`kubectl get ds -A -o json\` wall time, median of ${ctx.repeats}`,
    }),
    metric('cold.client-node.ms', {
      unit: 'ms',
      ours: clientNode,
      note: why(errors.client) || 'baseline: bare listDaemonSetForAllNamespaces, request to typed objects',
    }),
    metric('cold.json-parse.ms', {
      unit: 'ms',
      ours: median(samples.parse),
      note: `floor: JSON.parse of the same ${mb} MB`,
    }),
    metric('cold.backend.first-delta.ms', {
      unit: 'ms',
      ours: median(backendSamples),
      peer: clientNode,
      peerLabel: 'client-node',
      goal: { on: 'ratio', op: '<=', limit: 1.2 },
      note: why(backendErrors) || 'open daemonSets(context, "*") to the first complete delta at the sink',
    }),
    metric('sandbox.list.ms', {
      unit: 'ms',
      ours: median(samples.raw),
      peer: kubectl,
      peerLabel: 'kubectl',
      // kubectl's time holds the same request plus its own decoding and printing: the server's part must be small.
      goal: { on: 'ratio', op: '<=', limit: 0.5 },
      note: why(errors.raw) || `issue 2: GET /apis/apps/v1/daemonsets over HTTPS, ${expected} items, ${mb} MB`,
    }),
  );
}
