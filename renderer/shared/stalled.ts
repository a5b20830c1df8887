import type { DaemonSetDelta, DaemonSetRow } from '../../electron/contract/dto';
import { statusOf } from './status';

// "No progress for N min": one rule for the detail page's warning and the list row's badge. A rollout is stalled when
// its DaemonSet is updating and nothing that counts as progress has changed for the user's threshold (one setting,
// kept in localStorage, changed on the detail page). The list knows only the rows' counts; the detail page also sees
// the pods, and estimates the last progress of a rollout stuck before it opened from their creation times.

export const DEFAULT_STALL_MS = 5 * 60_000;
const STALL_KEY = 'everynode.stuckMinutes';

/** The threshold the user chose (minutes in localStorage), else 5 min. */
export function storedStallMs(): number {
  const minutes = Number(globalThis.localStorage?.getItem(STALL_KEY));
  return Number.isFinite(minutes) && minutes > 0 ? minutes * 60_000 : DEFAULT_STALL_MS;
}

export function storeStallMinutes(minutes: number): void {
  globalThis.localStorage?.setItem(STALL_KEY, String(minutes));
}

/** Since when an updating DaemonSet has made no progress, once that is longer than the threshold; else undefined. */
export function stalledSince(updating: boolean, lastProgressAt: number, now: number, thresholdMs: number) {
  return updating && now - lastProgressAt >= thresholdMs ? lastProgressAt : undefined;
}

/** What counts as progress in a list row: the controller's counts and the generation it has seen. */
export function rowProgressSignature(row: DaemonSetRow): string {
  const s = row.status;
  return `${row.generation}/${row.observedGeneration ?? ''}|${s.desired}/${s.current}/${s.ready}/${s.available}/${s.updated}/${s.misscheduled}`;
}

/** When each key's signature last changed (first seen counts as a change: the list cannot know earlier). */
export class ProgressClock {
  private readonly seen = new Map<string, { signature: string; at: number }>();

  note(key: string, signature: string, now: number): number {
    const last = this.seen.get(key);
    if (last?.signature === signature) return last.at;
    this.seen.set(key, { signature, at: now });
    return now;
  }

  at(key: string): number | undefined {
    return this.seen.get(key)?.at;
  }

  forget(key: string): void {
    this.seen.delete(key);
  }

  /** Drops the keys not in `keep` (rows gone, another context). */
  keepOnly(keep: ReadonlySet<string>): void {
    for (const key of this.seen.keys()) if (!keep.has(key)) this.seen.delete(key);
  }
}

/** The badge's minutes ("no progress for N min", at least 1), or null when the row is not stalled. */
export function stalledMinutes(since: number | undefined, now: number): number | null {
  return since === undefined ? null : Math.max(1, Math.round((now - since) / 60_000));
}

/**
 * The list's and the fleet's clock of their rows' progress: fed by the rows' stream deltas, asked for one row's stall.
 * Only the rows a delta changed are read, so churn costs what it touches.
 */
export class RowProgress {
  private readonly clock = new ProgressClock();

  /** Notes a delta once applied; `current` is the keys the stream holds after it (a reset drops the rest). */
  note(delta: DaemonSetDelta, current: Iterable<string>, now: number): void {
    if (delta.reset) this.clock.keepOnly(new Set(current));
    for (const key of delta.removals) this.clock.forget(key);
    for (const row of delta.upserts) this.clock.note(row.key, rowProgressSignature(row), now);
  }

  /** Since when the row's rollout has made no progress, past the threshold; else undefined. */
  stalled(row: DaemonSetRow, now: number, thresholdMs: number): number | undefined {
    const at = this.clock.at(row.key);
    return at === undefined ? undefined : stalledSince(statusOf(row).phase === 'Updating', at, now, thresholdMs);
  }
}
