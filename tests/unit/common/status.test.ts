// The rollout rule (common/status.ts) in the order of product.md section 2.
import { describe, expect, it } from 'vitest';
import { isSettled, rolloutOf, type RolloutFacts } from '../../../common/status';

const settled: RolloutFacts = {
  generation: 2,
  observedGeneration: 2,
  rolling: true,
  desired: 3,
  available: 3,
  updated: 3,
  misscheduled: 0,
};
const facts = (change: Partial<RolloutFacts>): RolloutFacts => ({ ...settled, ...change });

describe('rolloutOf', () => {
  it('is unobserved while the controller has not seen the latest generation, before any count', () => {
    expect(rolloutOf(facts({ observedGeneration: undefined }))).toBe('unobserved');
    expect(rolloutOf(facts({ observedGeneration: 1 }))).toBe('unobserved');
    expect(rolloutOf(facts({ observedGeneration: 1, desired: 0, available: 0, updated: 0 }))).toBe('unobserved');
  });

  it('counts a generation observed past the spec as observed', () => {
    expect(rolloutOf(facts({ observedGeneration: 3 }))).toBe('settled');
  });

  it('is stopped when no node should run a pod, whatever the other counts say', () => {
    expect(rolloutOf(facts({ desired: 0, available: 0, updated: 0, misscheduled: 2 }))).toBe('stopped');
  });

  it('is rolling while pods are unavailable, misscheduled or (RollingUpdate) not yet updated', () => {
    expect(rolloutOf(facts({ available: 2 }))).toBe('rolling');
    expect(rolloutOf(facts({ misscheduled: 1 }))).toBe('rolling');
    expect(rolloutOf(facts({ updated: 2 }))).toBe('rolling');
  });

  it('does not wait for OnDelete pods to be replaced: old pods are the user’s choice there', () => {
    expect(rolloutOf(facts({ rolling: false, updated: 0 }))).toBe('settled');
    expect(rolloutOf(facts({ rolling: false, available: 2 }))).toBe('rolling');
  });
});

describe('isSettled', () => {
  it('holds for settled and stopped DaemonSets only', () => {
    const cases = [settled, facts({ desired: 0 }), facts({ available: 1 }), facts({ observedGeneration: undefined })];
    expect(cases.map(isSettled)).toEqual([true, true, false, false]);
  });
});
