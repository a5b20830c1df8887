import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket, WebSocketServer } from 'ws';
import type { DaemonSetDelta, DaemonSetRow, ServerMessage } from '../../../electron/contract/index.js';
import { methodChannel } from '../../../electron/contract/index.js';
import { HOLD_ABOVE_BYTES, heldSender, mergeListDeltas } from '../../../electron/web/held-deltas.js';

const delta = (over: Partial<DaemonSetDelta>): DaemonSetDelta => ({
  reset: false,
  upserts: [],
  removals: [],
  synced: true,
  ...over,
});

/** A row of `default` with `ready` pods; only its key and status matter to the merge. */
function row(name: string, over: { status?: { ready: number } } = {}): DaemonSetRow {
  const ready = over.status?.ready ?? 3;
  return {
    key: `default/${name}`,
    namespace: 'default',
    name,
    uid: `uid-${name}`,
    labels: {},
    createdAt: '2026-01-01T00:00:00Z',
    generation: 1,
    strategy: { type: 'RollingUpdate' },
    minReadySeconds: 0,
    images: [],
    nodeSelector: {},
    selector: {},
    podIssues: [],
    status: { desired: 3, current: 3, ready, available: ready, updated: 3, misscheduled: 0, unavailable: 0 },
  };
}

/** The rows the renderer holds after applying these batches in order (as renderer/list/row-map.ts applies one). */
function applied(batches: DaemonSetDelta[]): Map<string, DaemonSetRow> {
  const rows = new Map<string, DaemonSetRow>();
  for (const batch of batches) {
    if (batch.reset) rows.clear();
    for (const key of batch.removals) rows.delete(key);
    for (const r of batch.upserts) rows.set(r.key, r);
  }
  return rows;
}

describe('merging held list batches', () => {
  it('keeps the latest row, lets a later delete win and a later re-create win over that delete', () => {
    const a1 = row('a', { status: { ready: 1 } });
    const a2 = row('a', { status: { ready: 2 } });
    const c2 = row('c', { status: { ready: 2 } });
    const merged = mergeListDeltas(
      delta({ upserts: [a1, row('b'), row('c')] }),
      delta({ upserts: [a2], removals: ['default/b'] }),
    );
    expect(merged.upserts).toEqual([a2, row('c')]);
    expect(merged.removals).toEqual(['default/b']);
    const again = mergeListDeltas(merged, delta({ removals: ['default/c'] }));
    expect(again.upserts.map((r) => r.key)).toEqual(['default/a']);
    const recreated = mergeListDeltas(again, delta({ upserts: [c2] }));
    expect(applied([delta({ reset: true, upserts: [row('c')] }), recreated]).get('default/c')).toBe(c2);
  });

  it('a reset drops what came before it; after a reset, removals are not needed', () => {
    const later = delta({ reset: true, upserts: [row('z')], synced: true });
    expect(mergeListDeltas(delta({ upserts: [row('a')] }), later)).toBe(later);
    const merged = mergeListDeltas(
      delta({ reset: true, upserts: [row('a')], synced: false }),
      delta({ removals: ['default/a'] }),
    );
    expect(merged).toEqual({ reset: true, upserts: [], removals: [], synced: true });
  });

  it('the latest batch says synced and error; a summary is kept until a newer one', () => {
    const summary = { total: 1, updating: 0, stopped: 0 } as unknown as DaemonSetDelta['summary'];
    const error = { code: 'forbidden', message: 'no' } as const;
    const merged = mergeListDeltas(delta({ summary, error, synced: false }), delta({ synced: true }));
    expect(merged.summary).toBe(summary);
    expect(merged.error).toBeUndefined();
    expect(merged.synced).toBe(true);
  });

  it('merging any sequence of batches gives the rows applying them one by one gives', () => {
    // A 32-bit LCG in integer arithmetic (a product of two large doubles would lose its low bits).
    let seed = 11;
    const random = (n: number) => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return (seed >>> 8) % n;
    };
    for (let run = 0; run < 50; run++) {
      const batches: DaemonSetDelta[] = [delta({ reset: true, upserts: [row('ds-0'), row('ds-1'), row('ds-2')] })];
      for (let i = 0; i < 1 + random(8); i++) {
        const name = () => `ds-${random(6)}`;
        batches.push(
          delta({
            reset: random(10) === 0,
            upserts: Array.from({ length: random(3) }, () => row(name(), { status: { ready: random(5) } })),
            removals: Array.from({ length: random(2) }, () => `default/${name()}`),
          }),
        );
      }
      const [first, ...rest] = batches as [DaemonSetDelta, ...DaemonSetDelta[]];
      const merged = rest.reduce(mergeListDeltas, first);
      expect(applied([merged])).toEqual(applied(batches));
      // Merged after a picture the page already holds, too.
      const held = rest.reduce(mergeListDeltas);
      if (held) expect(applied([first, held])).toEqual(applied(batches));
    }
  });
});

describe('holding list batches for a socket that stops reading (real ws)', () => {
  let server: WebSocketServer | undefined;
  let client: WebSocket | undefined;
  afterEach(() => {
    client?.terminate();
    server?.close();
  });

  async function connect() {
    server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
    const accepted = new Promise<WebSocket>((resolve) => server?.once('connection', resolve));
    await new Promise((resolve) => server?.once('listening', resolve));
    const { port } = server.address() as AddressInfo;
    client = new WebSocket(`ws://127.0.0.1:${port}`);
    const received: ServerMessage[] = [];
    client.on('message', (data) => received.push(JSON.parse(String(data)) as ServerMessage));
    await new Promise((resolve) => client?.once('open', resolve));
    const socket = await accepted;
    const sender = heldSender(socket);
    sender.answered(methodChannel('streams', 'open'), ['daemonSets', ['ctx', '*']], {
      ok: true,
      value: { streamId: 'list-1' },
    });
    return { socket, sender, received, client };
  }
  const listBatch = (d: DaemonSetDelta): ServerMessage => ({
    type: 'event',
    event: 'onDidReceiveDelta',
    payload: { streamId: 'list-1', delta: d },
  });
  const listBatches = (received: ServerMessage[]) =>
    received.flatMap((m) =>
      m.type === 'event' && m.event === 'onDidReceiveDelta' ? [m.payload.delta as DaemonSetDelta] : [],
    );
  const until = async (done: () => boolean) => {
    for (let i = 0; i < 500 && !done(); i++) await new Promise((resolve) => setTimeout(resolve, 10));
  };

  it('sends every batch while the page reads', async () => {
    const { sender, received } = await connect();
    for (let i = 0; i < 20; i++) sender.send(listBatch(delta({ upserts: [row('a', { status: { ready: i } })] })));
    await until(() => listBatches(received).length === 20);
    expect(listBatches(received)).toHaveLength(20);
  });

  it('holds and merges them while more than 256 KB is unsent, and sends the merged batch once it drains', async () => {
    const { socket, sender, received, client: page } = await connect();
    page.pause();
    // Other traffic (a large answer) fills the socket until the host has more than the limit unsent.
    const pad = 'x'.repeat(128 * 1024);
    for (let i = 0; i < 400 && socket.bufferedAmount <= HOLD_ABOVE_BYTES; i++) {
      sender.send({ type: 'result', id: i, result: { ok: true, value: pad } });
      await new Promise((resolve) => setImmediate(resolve));
    }
    expect(socket.bufferedAmount).toBeGreaterThan(HOLD_ABOVE_BYTES);
    const sent: DaemonSetDelta[] = [delta({ reset: true, upserts: [row('a'), row('b'), row('c')] })];
    for (let i = 0; i < 300; i++) {
      const name = ['a', 'b', 'c', 'd'][i % 4] as string;
      sent.push(
        i % 50 === 49
          ? delta({ removals: [`default/${name}`] })
          : delta({ upserts: [row(name, { status: { ready: i } })] }),
      );
    }
    const unsent = socket.bufferedAmount;
    for (const batch of sent) sender.send(listBatch(batch));
    // Held, not queued: nothing was added to the socket.
    expect(socket.bufferedAmount).toBe(unsent);
    page.resume();
    const expected = applied(sent);
    await until(() => {
      const batches = listBatches(received);
      return batches.length > 0 && JSON.stringify([...applied(batches)]) === JSON.stringify([...expected]);
    });
    expect(applied(listBatches(received))).toEqual(expected);
    expect(listBatches(received)).toHaveLength(1);
  });
});
