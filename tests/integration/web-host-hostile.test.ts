import fs from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import type { DaemonSetDelta, ServerMessage } from '../../electron/contract/index.js';
import { startSandbox, type SandboxHandle } from '../../electron/sandbox-cluster/index.js';
import { startWebHost, type WebHost } from '../../electron/web/host.js';
import { MAX_MESSAGE_BYTES } from '../../electron/web/server.js';
import { DRAFT_PART_CHARS } from '../../electron/contract/index.js';
import { largeKubeconfig } from '../unit/backend/kubeconfig-samples.js';
import { tempDir, waitFor } from './backend-harness.js';
import { signIn } from './web-sign-in.js';
import { kubectlOutput } from './kubectl.js';

// Hostile input on the browser host's WebSocket, with two real clients on a real host backed by the sandbox cluster:
// one misbehaves (garbage, wrong shapes, a frame over the size limit, a flood), the other watches DaemonSets. The
// misbehaving one is told why, then cut off; the other one's calls and watch events keep flowing throughout.

const ADMIN = 'sandbox-admin';
let sandbox: SandboxHandle;
let host: WebHost;
let kubeconfigFile: string;
let cookie: string;

/** A bridge client as the renderer's ws-bridge is, recording everything it receives. */
class BridgeClient {
  readonly received: ServerMessage[] = [];
  closed?: { code: number; reason: string };
  private nextId = 1;

  private constructor(readonly socket: WebSocket) {
    socket.on('message', (data) => this.received.push(JSON.parse(data.toString()) as ServerMessage));
    socket.on('close', (code, reason) => (this.closed = { code, reason: reason.toString() }));
  }

  static open(): Promise<BridgeClient> {
    return new Promise((resolve, reject) => {
      const socket = new WebSocket(`ws://127.0.0.1:${host.port}/bridge`, {
        headers: { cookie, origin: `http://127.0.0.1:${host.port}` },
        maxPayload: 64 * 1024 * 1024,
      });
      socket.on('open', () => resolve(new BridgeClient(socket)));
      socket.on('error', reject);
    });
  }

  async call(channel: string, args: unknown[]): Promise<ServerMessage & { type: 'result' }> {
    const id = this.nextId++;
    this.socket.send(JSON.stringify({ type: 'call', id, channel, args }));
    await waitFor(() => this.resultOf(id) !== undefined, 15_000, `answer to ${channel}`);
    return this.resultOf(id) as ServerMessage & { type: 'result' };
  }

  resultOf(id: number): (ServerMessage & { type: 'result' }) | undefined {
    return this.received.find((m): m is ServerMessage & { type: 'result' } => m.type === 'result' && m.id === id);
  }

  refusals(): string[] {
    return this.received.flatMap((m) => (m.type === 'refused' ? [m.error.message] : []));
  }

  deltas(): DaemonSetDelta[] {
    return this.received.flatMap((m) =>
      m.type === 'event' && m.event === 'onDidReceiveDelta' ? [m.payload.delta as DaemonSetDelta] : [],
    );
  }

  async closedWith(): Promise<{ code: number; reason: string }> {
    await waitFor(() => this.closed !== undefined, 15_000, 'the host to close the connection');
    return this.closed as { code: number; reason: string };
  }
}

let watcher: BridgeClient;
let watchedRows: Set<string>;

/** The watching client's view: rows folded from its deltas, as the renderer's store does. */
function foldRows(client: BridgeClient): Set<string> {
  const rows = new Set<string>();
  for (const delta of client.deltas()) {
    if (delta.reset) rows.clear();
    for (const row of delta.upserts) rows.add(row.key);
    for (const key of delta.removals) rows.delete(key);
  }
  return rows;
}

async function createDaemonSet(name: string): Promise<string> {
  const manifest = path.join(path.dirname(kubeconfigFile), `${name}.yaml`);
  const labels = `{ app: ${name} }`;
  await writeFile(
    manifest,
    [
      'apiVersion: apps/v1',
      'kind: DaemonSet',
      `metadata: { name: ${name}, namespace: default }`,
      `spec: { selector: { matchLabels: ${labels} }, template: { metadata: { labels: ${labels} },`,
      `  spec: { containers: [{ name: main, image: nginx }] } } }`,
      '',
    ].join('\n'),
  );
  await kubectlOutput(['apply', '-f', manifest], kubeconfigFile);
  return `default/${name}`;
}

async function expectWatcherStillServed(newDaemonSet: string): Promise<void> {
  const key = await createDaemonSet(newDaemonSet);
  await waitFor(() => foldRows(watcher).has(key), 20_000, `the watcher to see ${key}`);
  const info = await watcher.call('everynode:host.info', []);
  expect(info.result).toMatchObject({ ok: true, value: { kind: 'web' } });
  // Nothing meant for the misbehaving client reached this one.
  expect(watcher.refusals()).toEqual([]);
  expect(watcher.received.filter((m) => m.type === 'result' && !m.result.ok)).toEqual([]);
}

beforeAll(async () => {
  const dir = tempDir('everynode-hostile-');
  kubeconfigFile = path.join(dir, 'config');
  sandbox = await startSandbox({ speed: 25, nodes: 2 });
  fs.writeFileSync(kubeconfigFile, sandbox.kubeconfig, { mode: 0o600 });
  const staticDir = path.join(dir, 'renderer');
  await mkdir(staticDir);
  await writeFile(path.join(staticDir, 'index.html'), '<!doctype html><title>Everynode</title>');
  host = await startWebHost({
    sandbox: 'off',
    kubeconfigs: [kubeconfigFile],
    homeDir: path.join(dir, 'home'),
    stateDir: path.join(dir, 'state'),
    staticDir,
    // Lower than the defaults so that a flood trips them within a test's time; the watcher stays far below.
    bridgeLimits: { burstMessages: 60, messagesPerSecond: 30, maxRefusals: 40, refusalWindowMs: 10_000 },
  });
  cookie = await signIn(host);
  watcher = await BridgeClient.open();
  const state = await watcher.call('everynode:clusters.getState', []);
  expect(state.result.ok).toBe(true);
  const subscribed = await watcher.call('everynode:streams.open', ['daemonSets', [ADMIN, '*']]);
  expect(subscribed.result).toMatchObject({ ok: true });
  await waitFor(() => watcher.deltas().some((d) => d.synced), 20_000, 'the first DaemonSet list');
  watchedRows = foldRows(watcher);
  expect(watchedRows.size).toBeGreaterThan(0);
});

afterAll(async () => {
  watcher?.socket.close();
  await host?.close();
  await sandbox?.stop();
});

describe('browser host WebSocket under hostile input', () => {
  it('answers malformed messages with what is wrong, to the sender only, and keeps serving it', async () => {
    const hostile = await BridgeClient.open();
    try {
      hostile.socket.send('this is not json');
      hostile.socket.send('[1, 2, 3]');
      hostile.socket.send('{"type":"call","id":"seven","channel":"everynode:host.info","args":[]}');
      hostile.socket.send(Buffer.from([0xde, 0xad, 0xbe, 0xef]), { binary: true });
      await waitFor(() => hostile.refusals().length === 4, 10_000, 'four refusals');
      expect(hostile.refusals()).toEqual([
        'The message is not valid JSON.',
        'The message must be a JSON object, not an array.',
        '"id" must be a whole number, not a string.',
        'Binary messages are not part of the protocol: send each call as JSON text.',
      ]);

      // A frame with a usable id is answered by id, so the caller's promise settles.
      hostile.socket.send('{"type":"call","id":900,"channel":42,"args":[]}');
      hostile.socket.send('{"type":"call","id":901,"channel":"everynode:host.info","args":"none"}');
      await waitFor(() => hostile.resultOf(901) !== undefined, 10_000, 'answers by id');
      expect(hostile.resultOf(900)?.result).toEqual({
        ok: false,
        error: { code: 'invalid-argument', message: '"channel" must be a string, not a number.' },
      });
      expect(hostile.resultOf(901)?.result).toMatchObject({ ok: false, error: { code: 'invalid-argument' } });

      const unknown = await hostile.call('everynode:clusters.readFile', ['/etc/passwd']);
      expect(unknown.result).toMatchObject({ ok: false, error: { code: 'invalid-argument' } });
      expect(JSON.stringify(unknown)).toContain('Unknown channel');
      const badShape = await hostile.call('everynode:streams.open', ['daemonSets', [ADMIN, { evil: true }, 'extra']]);
      expect(badShape.result).toMatchObject({ ok: false, error: { code: 'invalid-argument' } });
      expect(JSON.stringify(badShape)).toContain('Invalid arguments for everynode:streams.open');

      const info = await hostile.call('everynode:host.info', []);
      expect(info.result).toMatchObject({ ok: true });
      expect(hostile.closed).toBeUndefined();
      await expectWatcherStillServed('after-garbage');
    } finally {
      hostile.socket.close();
    }
  });

  it('closes a connection that sends a frame over the size limit with 1009, and only that one', async () => {
    const hostile = await BridgeClient.open();
    const huge = `{"type":"call","id":1,"channel":"everynode:host.info","args":["${'x'.repeat(MAX_MESSAGE_BYTES)}"]}`;
    hostile.socket.send(huge);
    expect((await hostile.closedWith()).code).toBe(1009);
    expect(hostile.resultOf(1)).toBeUndefined();
    await expectWatcherStillServed('after-huge-frame');
  });

  it('refuses a flood over the rate limit, then closes that connection with 1008, while the watcher flows', async () => {
    const hostile = await BridgeClient.open();
    // Within the burst: all served.
    const first = await Promise.all(Array.from({ length: 20 }, () => hostile.call('everynode:host.info', [])));
    expect(first.every((m) => m.result.ok)).toBe(true);
    const sent = 3000;
    for (let id = 1000; id < 1000 + sent; id++) {
      hostile.socket.send(JSON.stringify({ type: 'call', id, channel: 'everynode:host.info', args: [] }));
    }
    const closed = await hostile.closedWith();
    expect(closed).toEqual({ code: 1008, reason: 'Too many refused messages' });
    const flood = hostile.received.filter(
      (m): m is ServerMessage & { type: 'result' } => m.type === 'result' && m.id >= 1000,
    );
    const limited = flood.filter((m) => !m.result.ok && m.result.error.code === 'rate-limited');
    // Each refused call was answered by id with the reason, until the host had had enough: 40 tolerated, the 41st
    // closes the connection, and the rest of the flood is never read.
    expect(limited.length).toBe(41);
    expect(limited[0]?.result).toEqual({
      ok: false,
      error: { code: 'rate-limited', message: 'Refused: More than 30 messages a second. This call was not run.' },
    });
    expect(flood.length).toBeLessThan(200);
    await expectWatcherStillServed('after-flood');
  });

  it('refuses a 4 MB hostile kubeconfig and reads a large one, answering the other client meanwhile', async () => {
    const uploader = await BridgeClient.open();
    const upload = (content: string) => {
      const id = 7000 + uploader.received.length + Math.floor(Math.random() * 1000);
      uploader.socket.send(
        JSON.stringify({
          type: 'call',
          id,
          channel: 'everynode:clusters.addKubeconfig',
          args: [{ kind: 'upload', name: 'big.yaml', content }],
        }),
      );
      return id;
    };
    const hostile = upload('['.repeat(4_000_000));
    await waitFor(() => uploader.resultOf(hostile) !== undefined, 15_000, 'the hostile upload to be refused');
    expect(uploader.resultOf(hostile)?.result).toEqual({
      ok: false,
      error: { code: 'invalid', message: 'big.yaml: not valid YAML (line 1: nested deeper than 64 levels)' },
    });
    // A real but large file takes the parser a while (on a worker thread, see kubeconfig-limits.test.ts): the other
    // client is answered meanwhile, and the file is read.
    const large = upload(largeKubeconfig(3.5));
    const info = await watcher.call('everynode:host.info', []);
    expect(info.result.ok).toBe(true);
    await waitFor(() => uploader.resultOf(large) !== undefined, 30_000, 'the large upload to be read');
    expect(uploader.resultOf(large)?.result).toMatchObject({ ok: true });
    uploader.socket.close();
    await expectWatcherStillServed('after-hostile-kubeconfig');
  });

  it('saves 20 MB of drafts sent in parts, as the editor sends them, and loads them back (finding 8)', async () => {
    const editor = await BridgeClient.open();
    const drafts = {
      files: [{ id: 'a', name: 'big.yaml', format: 'yaml', text: `# ${'x'.repeat(20 * 1024 * 1024)}\n` }],
      activeId: 'a',
      savedAt: 42,
    };
    const before = await editor.call('everynode:drafts.get', ['editor']);
    const base = (before.result as { ok: true; value: { revision: number } | null }).value?.revision ?? 0;
    const text = JSON.stringify(['editor', drafts, base]);
    const count = Math.ceil(text.length / DRAFT_PART_CHARS);
    expect(count).toBeGreaterThan(4);
    for (let index = 0; index < count; index++) {
      const part = text.slice(index * DRAFT_PART_CHARS, (index + 1) * DRAFT_PART_CHARS);
      const saved = await editor.call('everynode:drafts.putPart', ['save-1', index, count, part]);
      expect(saved.result).toMatchObject({ ok: true, value: index === count - 1 ? { key: 'editor' } : null });
    }
    const loaded = await editor.call('everynode:drafts.get', ['editor']);
    expect(loaded.result).toMatchObject({ ok: true, value: { key: 'editor', value: drafts } });
    // A part out of order is refused saying so; the drafts on disk stay as they were.
    const wrong = await editor.call('everynode:drafts.putPart', ['save-2', 1, 2, '{}']);
    expect(wrong.result).toEqual({
      ok: false,
      error: { code: 'invalid-argument', message: 'Draft not saved: part 2 of 2 came out of order.' },
    });
    editor.socket.close();
  });
});
