// Issue 16's two rows, on a sandbox of its own (in this process) and the real backend:
// - operate.terminal.echo.ms: a keystroke's round trip through the app's shell (exec.input -> pods/exec -> the tty's
//   echo -> the `exec` stream's delta), median of 40, against the same keystroke over a raw WebSocket exec to the
//   sandbox (client-node's Exec, no backend); goal ratio <= 2.
// - operate.forward.throughput.mbps: 1 MiB through a port-forward (Node's fetch to 127.0.0.1), median of 7, against
//   the same bytes downloaded over HTTPS straight from the sandbox (a ConfigMap holding them); goal ratio >= 0.5.
import { Exec, KubeConfig } from '@kubernetes/client-node';
import { writeFileSync } from 'node:fs';
import https from 'node:https';
import path from 'node:path';
import { PassThrough, Writable } from 'node:stream';
import type { EventName, EverynodeEvents, StreamEvent } from '../../../electron/contract/index.js';
import { createBackend } from '../../../electron/backend/index.js';
import { startSandbox } from '../../../electron/sandbox-cluster/index.js';
import { pattern } from '../../../electron/sandbox-cluster/streaming/http-endpoint.js';
import type { BenchContext } from '../context.js';
import { metric } from '../report.js';
import { percentile } from '../stats.js';
import { tempDir } from '../support/files.js';
import { adminAccess, requestOptions } from '../support/https.js';

const NS = 'default';
const POD = 'operate-agent';
const BYTES = 1024 * 1024 - 64 * 1024; // what one ConfigMap may hold, with room for its envelope
const ECHOES = 40;

const until = async (check: () => boolean, what: string, ms = 10_000): Promise<void> => {
  const deadline = performance.now() + ms;
  while (!check()) {
    if (performance.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
};

/** Round trips of single keystrokes: `send(c)` types it, `seen()` is everything echoed so far. */
async function echoes(send: (c: string) => void, seen: () => string): Promise<number[]> {
  const times: number[] = [];
  await until(() => seen().includes('$') || seen().includes('#'), 'a prompt');
  for (let i = 0; i < ECHOES; i++) {
    const c = String.fromCharCode(97 + (i % 26));
    const before = seen().length;
    const start = performance.now();
    send(c);
    await until(() => seen().slice(before).includes(c), 'the echo');
    times.push(performance.now() - start);
  }
  return times;
}

export async function operate(ctx: BenchContext): Promise<void> {
  const sandbox = await startSandbox({ speed: 25, nodes: 2 });
  const dir = tempDir('operate');
  const kubeconfig = path.join(dir, 'config');
  writeFileSync(kubeconfig, sandbox.kubeconfig, { mode: 0o600 });
  const events: StreamEvent[] = [];
  const backend = await createBackend({
    kubeconfigEnv: kubeconfig,
    homeDir: dir,
    sandbox: 'off',
    stateDir: path.join(dir, 'state'),
  });
  const client = backend.connect({
    emit: <E extends EventName>(event: E, payload: EverynodeEvents[E]) => {
      if (event === 'onDidReceiveDelta') events.push(JSON.parse(JSON.stringify(payload)) as StreamEvent);
    },
  });
  try {
    sandbox.api.create('pods', {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: POD, namespace: NS },
      spec: {
        nodeName: 'worker-1',
        containers: [{ name: 'agent', image: 'example.org/agent:1', ports: [{ containerPort: 8080 }] }],
      },
    });
    await until(() => sandbox.api.get('pods', NS, POD)?.status?.phase === 'Running', 'the pod', 30_000);
    let connected = false;
    while (!connected) {
      connected = (await client.services.clusters.getState()).connection.state === 'connected';
      if (!connected) await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const context = (await client.services.clusters.getState()).activeContext ?? '';

    // The app's shell.
    const { streamId } = await client.services.streams.open('exec', [
      context,
      NS,
      POD,
      'agent',
      { cols: 80, rows: 24 },
    ]);
    const shellText = () =>
      events
        .filter((e) => e.streamId === streamId)
        .map((e) => (e.delta as { output: string }).output)
        .join('');
    const ours = await echoes((c) => void client.services.exec.input(streamId, c), shellText);
    await client.services.streams.dispose(streamId);

    // The same keystrokes over a raw WebSocket exec.
    const kc = new KubeConfig();
    kc.loadFromString(sandbox.kubeconfig);
    let raw = '';
    const stdin = new PassThrough();
    const stdout = new Writable({
      write: (chunk: Buffer, _e, done) => {
        raw += chunk.toString('utf8');
        done();
      },
    });
    const socket = await new Exec(kc).exec(NS, POD, 'agent', ['sh'], stdout, null, stdin, true);
    const peer = await echoes(
      (c) => stdin.write(c),
      () => raw,
    );
    socket.close();
    const note = `median of ${String(ECHOES)} single keystrokes, sandbox in-process`;
    ctx.add(
      metric('operate.terminal.echo.ms', {
        unit: 'ms',
        ours: percentile(ours, 50),
        peer: percentile(peer, 50),
        peerLabel: 'raw WebSocket exec (client-node)',
        goal: { on: 'ratio', op: '<=', limit: 2 },
        note,
      }),
    );

    // 1 MiB through a forward, against the same bytes in a ConfigMap over HTTPS.
    const bytes = pattern(BYTES).toString('latin1');
    sandbox.api.create('configmaps', {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'operate-bytes', namespace: NS },
      data: { bytes },
    });
    const forward = await client.services.streams.open('forward', [context, NS, POD, 8080, 0]);
    await until(() => events.some((e) => e.streamId === forward.streamId), 'the listener');
    const port = (events.find((e) => e.streamId === forward.streamId)?.delta as { localPort: number }).localPort;
    const access = adminAccess(kubeconfig);
    const direct = async (): Promise<number> => {
      const start = performance.now();
      const size = await new Promise<number>((resolve, reject) => {
        const agent = new https.Agent({ keepAlive: false });
        https
          .get(requestOptions(access, `/api/v1/namespaces/${NS}/configmaps/operate-bytes`, agent), (res) => {
            let n = 0;
            res.on('data', (chunk: Buffer) => (n += chunk.length));
            res.on('end', () => resolve(n));
          })
          .on('error', reject);
      });
      return size / 1e6 / ((performance.now() - start) / 1000);
    };
    const forwarded = async (): Promise<number> => {
      const start = performance.now();
      const body = await (await fetch(`http://127.0.0.1:${String(port)}/bytes/${String(BYTES)}`)).arrayBuffer();
      if (body.byteLength !== BYTES) throw new Error(`the forward gave ${String(body.byteLength)} bytes`);
      return BYTES / 1e6 / ((performance.now() - start) / 1000);
    };
    const runs = ctx.quick ? 3 : 7;
    const viaForward: number[] = [];
    const viaHttps: number[] = [];
    for (let i = 0; i < runs; i++) {
      viaForward.push(await forwarded());
      viaHttps.push(await direct());
    }
    await client.services.streams.dispose(forward.streamId);
    ctx.add(
      metric('operate.forward.throughput.mbps', {
        unit: 'MB/s',
        ours: percentile(viaForward, 50),
        peer: percentile(viaHttps, 50),
        peerLabel: 'HTTPS GET of the same bytes (a ConfigMap)',
        goal: { on: 'ratio', op: '>=', limit: 0.5 },
        note: `median of ${String(runs)} downloads of ${String(BYTES)} bytes, a new connection each`,
      }),
    );
  } finally {
    client.dispose();
    await backend.dispose();
    await sandbox.stop();
  }
}
