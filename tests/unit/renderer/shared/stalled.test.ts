import { describe, expect, it } from 'vitest';
import type { DaemonSetDelta, DaemonSetRow } from '../../../../electron/contract/dto';
import {
  ProgressClock,
  RowProgress,
  rowProgressSignature,
  stalledMinutes,
  stalledSince,
} from '../../../../renderer/shared/stalled';
import { row } from '../fixtures';

describe('stalled rollouts', () => {
  it('are updating ones whose last progress is at least the threshold ago', () => {
    expect(stalledSince(true, 1_000, 61_000, 60_000)).toBe(1_000);
    expect(stalledSince(true, 1_000, 60_999, 60_000)).toBeUndefined();
    expect(stalledSince(false, 1_000, 10 * 60_000, 60_000)).toBeUndefined();
  });

  it('on the list: a row’s progress is a change of its counts or generation, first seen counting as one', () => {
    const clock = new ProgressClock();
    const updating = row('agent', { status: { updated: 1, available: 2 } });
    expect(clock.note('default/agent', rowProgressSignature(updating), 100)).toBe(100);
    // The same counts again (another field changed): no progress.
    const relabelled = { ...updating, labels: { team: 'ops' } };
    expect(clock.note('default/agent', rowProgressSignature(relabelled), 200)).toBe(100);
    const moved = row('agent', { status: { updated: 2, available: 2 } });
    expect(clock.note('default/agent', rowProgressSignature(moved), 300)).toBe(300);
    clock.forget('default/agent');
    expect(clock.at('default/agent')).toBeUndefined();
    clock.note('default/a', 'x', 1);
    clock.note('default/b', 'x', 1);
    clock.keepOnly(new Set(['default/b']));
    expect([clock.at('default/a'), clock.at('default/b')]).toEqual([undefined, 1]);
  });
});

describe('RowProgress (the list and fleet badge)', () => {
  const dsRow = (key: string, updated: number, phase: 'updating' | 'settled'): DaemonSetRow => {
    const settled = phase === 'settled';
    const name = key.split('/')[1] ?? key;
    return row(name, {
      namespace: 'ns',
      status: { ready: settled ? 3 : 1, available: settled ? 3 : 1, unavailable: settled ? 0 : 2, updated },
    });
  };
  const delta = (upserts: DaemonSetRow[], extra: Partial<DaemonSetDelta> = {}): DaemonSetDelta =>
    ({ reset: false, removals: [], upserts, synced: true, ...extra }) as DaemonSetDelta;

  it('flags an updating row whose counts stay put past the threshold, and forgets what a reset or removal drops', () => {
    const progress = new RowProgress();
    const stuck = dsRow('ns/a', 1, 'updating');
    progress.note(delta([stuck, dsRow('ns/b', 3, 'settled')], { reset: true }), ['ns/a', 'ns/b'], 0);
    expect(progress.stalled(stuck, 59_999, 60_000)).toBeUndefined();
    expect(progress.stalled(stuck, 60_000, 60_000)).toBe(0);
    expect(stalledMinutes(progress.stalled(stuck, 150_000, 60_000), 150_000)).toBe(3);
    // A settled row is never stalled, however long it stays the same.
    expect(progress.stalled(dsRow('ns/b', 3, 'settled'), 10 * 60_000, 60_000)).toBeUndefined();
    // Progress moves the clock.
    const moved = dsRow('ns/a', 2, 'updating');
    progress.note(delta([moved]), ['ns/a', 'ns/b'], 100_000);
    expect(progress.stalled(moved, 150_000, 60_000)).toBeUndefined();
    progress.note(delta([], { removals: ['ns/a'] }), ['ns/b'], 120_000);
    expect(progress.stalled(moved, 10 * 60_000, 60_000)).toBeUndefined();
  });
});
