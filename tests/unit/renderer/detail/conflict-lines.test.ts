import { describe, expect, it } from 'vitest';
import { differingLines } from '../../../../renderer/detail/conflict-lines';

describe('the conflict view’s differing lines', () => {
  it('numbers the lines of each side that the other does not have', () => {
    const theirs = 'a: 1\nb: 2\nteam: ops\nc: 3\n';
    const mine = 'a: 1\nb: 5\nc: 3\nd: 4\n';
    const marks = differingLines(theirs, mine);
    expect([...marks.theirs]).toEqual([2, 3]);
    expect([...marks.mine]).toEqual([2, 4]);
    expect(differingLines(theirs, theirs)).toEqual({ theirs: new Set(), mine: new Set() });
  });
});
