// WatchLineReader: newline-delimited watch events, whatever byte the chunks end on.
import { describe, expect, it } from 'vitest';
import { WatchLineReader } from '../../../electron/backend/watch/watch-lines.js';

const events = [
  { type: 'ADDED', object: { metadata: { name: 'ünïcødé-日本', resourceVersion: '7' } } },
  { type: 'BOOKMARK', object: { metadata: { resourceVersion: '8' } } },
  { type: 'DELETED', object: { metadata: { name: 'b', annotations: { note: 'a\nb "quoted" 😀' } } } },
];
const stream = Buffer.from(events.map((e) => JSON.stringify(e) + '\n').join(''), 'utf8');

function readAll(chunks: Buffer[]): unknown[] {
  const seen: unknown[] = [];
  const reader = new WatchLineReader((event) => seen.push(event));
  for (const chunk of chunks) reader.push(chunk);
  reader.end();
  return seen;
}

describe('WatchLineReader', () => {
  it('parses the same events wherever one or two chunk boundaries fall, even inside a multi-byte character', () => {
    expect(stream.length).toBeGreaterThan(100);
    for (let i = 0; i <= stream.length; i++) {
      expect(readAll([stream.subarray(0, i), stream.subarray(i)])).toEqual(events);
    }
    for (let i = 0; i < stream.length; i += 7) {
      for (let j = i; j <= stream.length; j += 5) {
        expect(readAll([stream.subarray(0, i), stream.subarray(i, j), stream.subarray(j)])).toEqual(events);
      }
    }
  });

  it('parses a stream fed one byte at a time, and hands each event over as soon as its line is complete', () => {
    const seen: unknown[] = [];
    const reader = new WatchLineReader((event) => seen.push(event));
    const firstEnd = stream.indexOf(0x0a);
    for (let i = 0; i < firstEnd; i++) reader.push(stream.subarray(i, i + 1));
    expect(seen).toEqual([]);
    reader.push(stream.subarray(firstEnd, firstEnd + 1));
    expect(seen).toEqual([events[0]]);
    for (let i = firstEnd + 1; i < stream.length; i++) reader.push(stream.subarray(i, i + 1));
    expect(seen).toEqual(events);
  });

  it('accepts a last event without its newline and blank or CRLF-terminated lines', () => {
    const text = `\n${JSON.stringify(events[0])}\r\n\n${JSON.stringify(events[1])}`;
    expect(readAll([Buffer.from(text)])).toEqual([events[0], events[1]]);
  });

  it('throws on a line that is not JSON', () => {
    const reader = new WatchLineReader(() => undefined);
    expect(() => reader.push(Buffer.from('<html>proxy error</html>\n'))).toThrow(SyntaxError);
  });
});
