// The JSON guards (common/guards.ts): what counts as an object, a list of objects and a string.
import { describe, expect, it } from 'vitest';
import { isRecord, record, records, text } from '../../../common/guards';

describe('JSON guards', () => {
  it('isRecord holds for plain objects only: not null, arrays or primitives', () => {
    const verdicts = [{}, { a: 1 }, Object.create(null), null, [], [1], 'a', 1, true, undefined].map(isRecord);
    expect(verdicts).toEqual([true, true, true, false, false, false, false, false, false, false]);
  });

  it('record keeps an object as it is and reads anything else as an empty object', () => {
    const value = { a: 1 };
    expect(record(value)).toBe(value);
    expect([null, [1], 'x', 3, undefined].map(record)).toEqual([{}, {}, {}, {}, {}]);
  });

  it('records keeps the objects of a list, drops the rest, and reads a non-list as empty', () => {
    expect(records([{ a: 1 }, null, [], 'x', { b: 2 }])).toEqual([{ a: 1 }, { b: 2 }]);
    expect([{ 0: { a: 1 } }, 'ab', null, undefined].map(records)).toEqual([[], [], [], []]);
  });

  it('text keeps strings, the empty one included, and nothing else', () => {
    expect(['', 'a', 1, null, undefined, ['a'], { a: 'a' }].map(text)).toEqual(['', 'a', ...Array(5).fill(undefined)]);
  });
});
