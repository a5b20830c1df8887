import { describe, expect, it } from 'vitest';
import { ProgressClock, rowProgressSignature, stalledSince } from '../../../../renderer/shared/stalled';
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
