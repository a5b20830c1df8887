// Parses a Kubernetes list answer ({"kind":…,"metadata":{…},"items":[{…},{…}]}) one item at a time, as its bytes
// arrive.
//
// JSON.parse of the whole body needs the whole body as one buffer, then as one string, then every item's object at
// once; all of it stays reachable until the last item is read, so the collector promotes it to the old generation and
// the process keeps that memory long after (the browser host grew by ~40 MB per cold list of 5,000 DaemonSets). Here
// each network chunk is scanned and dropped, and each item is decoded and parsed alone: all of it dies young.

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;

const ITEMS_KEY = /"items"\s*:\s*$/;

/**
 * Feed it the body's chunks with push(), then call end(): `each` gets every object of the top-level "items" array,
 * parsed, in order; end() returns the rest of the answer (kind, metadata…) parsed, with "items" as an empty array (an
 * answer without a top-level "items" array is returned whole). Malformed JSON throws SyntaxError, like JSON.parse
 * (after `each` may have seen the items before the fault).
 */
export class ListItemReader {
  private depth = 0;
  private inString = false;
  private escaped = false;
  private state: 'before' | 'items' | 'after' = 'before';
  private inElement = false;
  private element: Buffer[] = [];
  /** The bytes outside the items array (small: kind, apiVersion, metadata), copied out of their chunks. */
  private readonly envelope: Buffer[] = [];
  /** The envelope's last bytes before the items array, for recognising its key across chunk boundaries. */
  private tail = '';

  constructor(private readonly each: (item: unknown) => void) {}

  push(chunk: Buffer): void {
    // Start of the bytes of this chunk not yet stored (into the envelope, or into the open element).
    let from = 0;
    for (let i = 0; i < chunk.length; i++) {
      const byte = chunk[i];
      if (this.inString) {
        i = this.stringEnd(chunk, i);
        continue;
      }
      if (byte === QUOTE) {
        this.inString = true;
      } else if (byte === OPEN_BRACE || byte === OPEN_BRACKET) {
        if (
          this.state === 'before' &&
          this.depth === 1 &&
          byte === OPEN_BRACKET &&
          this.afterItemsKey(chunk, from, i)
        ) {
          this.envelope.push(Buffer.from(chunk.subarray(from, i + 1)));
          this.state = 'items';
        } else if (this.state === 'items' && this.depth === 2) {
          this.inElement = true;
          from = i;
        }
        this.depth++;
      } else if (byte === CLOSE_BRACE || byte === CLOSE_BRACKET) {
        this.depth--;
        if (this.state === 'items' && this.depth === 2 && this.inElement) {
          this.element.push(chunk.subarray(from, i + 1));
          this.emitElement();
        } else if (this.state === 'items' && this.depth === 1) {
          this.state = 'after';
          from = i;
        }
      }
    }
    if (this.state === 'before')
      this.tail = (this.tail + chunk.toString('latin1', Math.max(from, chunk.length - 64))).slice(-64);
    if (this.state !== 'items') this.envelope.push(Buffer.from(chunk.subarray(from)));
    // Copied: a part that stays until the element ends in a later chunk must not keep this whole chunk alive.
    else if (this.inElement) this.element.push(Buffer.from(chunk.subarray(from)));
  }

  end(): unknown {
    if (this.depth !== 0 || this.inString) throw new SyntaxError('Unexpected end of JSON input');
    return JSON.parse(Buffer.concat(this.envelope).toString('utf8'));
  }

  /**
   * Inside a string from `at`: the index of its closing quote (and leaves the string), or the chunk's last index (the
   * string goes on). Strings are most of a list's bytes, so the quote is found by indexOf, not byte by byte.
   */
  private stringEnd(chunk: Buffer, at: number): number {
    let i = at;
    if (this.escaped) {
      this.escaped = false;
      i++;
    }
    for (;;) {
      const quote = chunk.indexOf(QUOTE, i);
      const stop = quote < 0 ? chunk.length : quote;
      // Backslashes right before the quote (or the chunk's end): an odd run escapes it.
      let run = 0;
      while (stop - run - 1 >= i && chunk[stop - run - 1] === BACKSLASH) run++;
      if (quote < 0) {
        this.escaped = run % 2 === 1;
        return chunk.length - 1;
      }
      if (run % 2 === 0) {
        this.inString = false;
        return quote;
      }
      i = quote + 1;
    }
  }

  private afterItemsKey(chunk: Buffer, from: number, at: number): boolean {
    return ITEMS_KEY.test(this.tail + chunk.toString('latin1', Math.max(from, at - 64), at));
  }

  private emitElement(): void {
    const parts = this.element;
    this.element = [];
    this.inElement = false;
    const text = parts.length === 1 ? (parts[0] ?? Buffer.alloc(0)).toString('utf8') : Buffer.concat(parts).toString();
    this.each(JSON.parse(text));
  }
}

/** The same for a body already in one buffer. */
export function parseListItems(body: Buffer, each: (item: unknown) => void): unknown {
  const reader = new ListItemReader(each);
  reader.push(body);
  return reader.end();
}
