// parseListItems gives exactly what JSON.parse gives, item by item, on the awkward shapes JSON allows.
import { describe, expect, it } from 'vitest';
import { ListItemReader, parseListItems } from '../../../electron/backend/watch/list-items.js';

function split(text: string): { items: unknown[]; rest: unknown } {
  const items: unknown[] = [];
  const rest = parseListItems(Buffer.from(text, 'utf8'), (item) => items.push(item));
  return { items, rest };
}

const tricky = [
  { metadata: { name: 'a', annotations: { note: 'braces } ] { [ and "quotes" and \\ backslash \\"' } } },
  { metadata: { name: '节点-ünïcödé-😀', labels: { items: '"items":[' } }, spec: { list: [[1, 2], [], [{}]] } },
  { metadata: { name: 'c' }, spec: { empty: {}, nothing: null, flag: false, n: -1.5e3 } },
];

describe('parseListItems', () => {
  it.each([
    ['compact', JSON.stringify({ kind: 'List', metadata: { resourceVersion: '7' }, items: tricky })],
    ['pretty-printed', JSON.stringify({ kind: 'List', metadata: { resourceVersion: '7' }, items: tricky }, null, 2)],
    ['items first', JSON.stringify({ items: tricky, metadata: { resourceVersion: '7' }, kind: 'List' })],
    [
      '"items" as a string before',
      JSON.stringify({ kind: '"items":[', metadata: { resourceVersion: '7', x: ['items'] }, items: tricky }),
    ],
  ])('%s: the same items and envelope as JSON.parse', (_, text) => {
    const whole = JSON.parse(text) as { items: unknown[] };
    const { items, rest } = split(text);
    expect(items).toEqual(whole.items);
    expect(rest).toEqual({ ...whole, items: [] });
  });

  it('handles an empty list and a list without items', () => {
    expect(split('{"kind":"List","metadata":{},"items":[]}')).toEqual({
      items: [],
      rest: { kind: 'List', metadata: {}, items: [] },
    });
    expect(split('{"kind":"Status","code":403}')).toEqual({ items: [], rest: { kind: 'Status', code: 403 } });
  });

  it('fails on a truncated answer, as JSON.parse does', () => {
    const text = JSON.stringify({ kind: 'List', metadata: {}, items: tricky });
    expect(() => split(text.slice(0, text.length - 40))).toThrow(SyntaxError);
  });

  it('reads a 5,000-item list like JSON.parse', () => {
    const list = {
      kind: 'DaemonSetList',
      metadata: { resourceVersion: '123' },
      items: Array.from({ length: 5000 }, (_, i) => ({
        metadata: { name: `ds-${i}`, uid: String(i) },
        status: { n: i },
      })),
    };
    const { items, rest } = split(JSON.stringify(list));
    expect(items).toHaveLength(5000);
    expect(items[4999]).toEqual(list.items[4999]);
    expect(rest).toEqual({ ...list, items: [] });
  });

  it('gives the same result whatever the chunk boundaries (every split of one byte, and random sizes)', () => {
    const text = JSON.stringify({ kind: 'List', metadata: { resourceVersion: '7' }, items: tricky }, null, 1);
    const body = Buffer.from(text, 'utf8');
    const whole = JSON.parse(text) as { items: unknown[] };
    const read = (sizes: () => number): { items: unknown[]; rest: unknown } => {
      const items: unknown[] = [];
      const reader = new ListItemReader((item) => items.push(item));
      for (let at = 0; at < body.length;) {
        const next = Math.min(body.length, at + sizes());
        reader.push(body.subarray(at, next));
        at = next;
      }
      return { items, rest: reader.end() };
    };
    const expected = { items: whole.items, rest: { ...whole, items: [] } };
    expect(read(() => 1)).toEqual(expected);
    for (let run = 0; run < 200; run++) expect(read(() => 1 + Math.floor(Math.random() * 40))).toEqual(expected);
  });
});
