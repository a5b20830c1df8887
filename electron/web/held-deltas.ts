import type { WebSocket } from 'ws';
import type { DaemonSetDelta, ServerMessage, StreamEvent, WireResult } from '../contract/index.js';
import { methodChannel } from '../contract/index.js';

// Backpressure for the DaemonSet list. Under churn the list sends a batch every ~25 ms; a tab that reads slower than
// that (a busy laptop, a background tab) would let them queue in its socket, each one shown late, one after the
// other. Above HOLD_ABOVE_BYTES unsent, a list stream's batches are held instead and merged into one (latest per row,
// deletes win), which is sent once the socket drains: what the page shows is as fresh as it can read, and what is
// held stays bounded by the number of rows, not by the time the page was away. Other messages (results, the other
// streams, whose deltas do not merge) are sent as before; the bridge still drops a socket over its hard limit.

/** Unsent bytes on a socket above which list batches are held for it. */
export const HOLD_ABOVE_BYTES = 256 * 1024;

const OPEN = methodChannel('streams', 'open');
const DISPOSE = methodChannel('streams', 'dispose');

/** One batch meaning `earlier` then `later` applied, as the renderer applies them (list/row-map.ts). */
export function mergeListDeltas(earlier: DaemonSetDelta, later: DaemonSetDelta): DaemonSetDelta {
  if (later.reset) return later;
  const upserts = new Map(earlier.upserts.map((row) => [row.key, row]));
  const removals = new Set(earlier.reset ? [] : earlier.removals);
  // A later batch applies its removals before its upserts, so the rows it both removes and sets end up set.
  for (const key of later.removals) {
    upserts.delete(key);
    if (!earlier.reset) removals.add(key);
  }
  for (const row of later.upserts) upserts.set(row.key, row);
  const merged: DaemonSetDelta = {
    reset: earlier.reset,
    upserts: [...upserts.values()],
    removals: [...removals],
    synced: later.synced,
  };
  const summary = later.summary ?? earlier.summary;
  if (summary) merged.summary = summary;
  // The latest batch says whether the watch runs: an error is cleared by the next good batch.
  if (later.error) merged.error = later.error;
  return merged;
}

type ListEvent = StreamEvent<'daemonSets'>;

function merge(earlier: ListEvent, later: ListEvent): ListEvent {
  const event: ListEvent = { streamId: later.streamId, delta: mergeListDeltas(earlier.delta, later.delta) };
  if (later.ended) event.ended = true;
  return event;
}

export interface HeldSender {
  send(message: ServerMessage): void;
  /** A call's answer is about to be sent: a list stream's id is learnt from its open, forgotten on its dispose. */
  answered(channel: string, args: unknown[], result: WireResult<unknown>): void;
}

/** The bridge's send for one socket, holding list batches while the socket has more than `holdAbove` unsent. */
export function heldSender(socket: WebSocket, holdAbove = HOLD_ABOVE_BYTES): HeldSender {
  const lists = new Set<string>();
  const held = new Map<string, ListEvent>();
  const write = (message: ServerMessage): void => {
    if (socket.readyState !== socket.OPEN) return;
    // Called once the frame has left for the kernel: the moment the unsent bytes can have dropped.
    socket.send(JSON.stringify(message), drained);
  };
  function drained(): void {
    if (held.size === 0 || socket.bufferedAmount > holdAbove) return;
    const batches = [...held.values()];
    held.clear();
    for (const payload of batches) write({ type: 'event', event: 'onDidReceiveDelta', payload });
  }
  function send(message: ServerMessage): void {
    if (message.type === 'event' && message.event === 'onDidReceiveDelta') {
      const payload = message.payload as ListEvent;
      if (lists.has(payload.streamId)) {
        const before = held.get(payload.streamId);
        if (before || socket.bufferedAmount > holdAbove) {
          held.set(payload.streamId, before ? merge(before, payload) : payload);
          if (payload.ended) lists.delete(payload.streamId);
          return;
        }
      }
    }
    write(message);
  }
  function answered(channel: string, args: unknown[], result: WireResult<unknown>): void {
    if (channel === OPEN && args[0] === 'daemonSets' && result.ok) {
      const { streamId } = result.value as { streamId: string };
      lists.add(streamId);
    } else if (channel === DISPOSE && typeof args[0] === 'string') {
      lists.delete(args[0]);
      held.delete(args[0]);
    }
  }
  return { send, answered };
}
