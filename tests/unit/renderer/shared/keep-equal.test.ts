import { describe, expect, it } from 'vitest';
import { keepEqual } from '../../../../renderer/shared/keep-equal';

const cell = (node: string, state: string) => ({ node, state });

describe('keepEqual', () => {
  it('keeps the older object of every equal item and the new one of a changed item', () => {
    const before = [cell('a', 'available'), cell('b', 'available')];
    const next = keepEqual(before, [cell('a', 'available'), cell('b', 'pulling')], (c) => c.node);
    expect(next[0]).toBe(before[0]);
    expect(next[1]).not.toBe(before[1]);
    expect(next[1]?.state).toBe('pulling');
  });

  it('returns the list before when nothing changed, and a new one when an item came or moved', () => {
    const before = [cell('a', 'available'), cell('b', 'available')];
    expect(keepEqual(before, [cell('a', 'available'), cell('b', 'available')], (c) => c.node)).toBe(before);
    const moved = keepEqual(before, [cell('b', 'available'), cell('a', 'available')], (c) => c.node);
    expect(moved).not.toBe(before);
    expect(moved).toEqual([before[1], before[0]]);
    expect(keepEqual(before, [...before, cell('c', 'missing')], (c) => c.node)).toHaveLength(3);
  });
});
