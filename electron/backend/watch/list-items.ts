// Parses a Kubernetes list answer ({"kind":…,"metadata":{…},"items":[{…},{…}]}) one item at a time.
//
// JSON.parse of the whole body makes one string as large as the body and every item's object at once; they all stay
// reachable until the last item is read, so the collector promotes them to the old generation, and the process keeps
// that memory long after (the browser host grew by ~40 MB per cold list of 5,000 DaemonSets). Here the body stays
// bytes outside the JS heap; each item is decoded and parsed alone and dies young once projected.

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const COLON = 0x3a;

const isSpace = (byte: number | undefined): boolean => byte === 0x20 || byte === 0x0a || byte === 0x0d || byte === 0x09;

/** True when the bytes just before `at` (an opening bracket) are `"items":`, whitespace allowed. */
function followsItemsKey(body: Buffer, at: number): boolean {
  let i = at - 1;
  while (i >= 0 && isSpace(body[i])) i--;
  if (body[i] !== COLON) return false;
  i--;
  while (i >= 0 && isSpace(body[i])) i--;
  return i >= 6 && body.toString('latin1', i - 6, i + 1) === '"items"';
}

/**
 * Calls `each` with every object in the top-level "items" array, parsed, in order; returns the rest of the answer
 * (kind, metadata…) parsed, with "items" as an empty array. Throws SyntaxError on malformed JSON, like JSON.parse
 * (after `each` may have seen the items before the fault). An answer without a top-level "items" array is returned
 * whole.
 */
export function parseListItems(body: Buffer, each: (item: unknown) => void): unknown {
  let depth = 0;
  let inString = false;
  let itemsStart = -1; // index of the items array's '['
  let itemsEnd = -1; // index of its ']'
  let elementStart = -1;
  for (let i = 0; i < body.length; i++) {
    const byte = body[i];
    if (inString) {
      if (byte === BACKSLASH) i++;
      else if (byte === QUOTE) inString = false;
      continue;
    }
    if (byte === QUOTE) {
      inString = true;
    } else if (byte === OPEN_BRACE || byte === OPEN_BRACKET) {
      if (depth === 1 && byte === OPEN_BRACKET && itemsStart < 0 && followsItemsKey(body, i)) itemsStart = i;
      else if (depth === 2 && itemsStart >= 0 && itemsEnd < 0) elementStart = i;
      depth++;
    } else if (byte === CLOSE_BRACE || byte === CLOSE_BRACKET) {
      depth--;
      if (depth === 2 && elementStart >= 0) {
        each(JSON.parse(body.toString('utf8', elementStart, i + 1)));
        elementStart = -1;
      } else if (depth === 1 && itemsStart >= 0 && itemsEnd < 0) {
        itemsEnd = i;
      }
    }
  }
  if (itemsStart < 0 || itemsEnd < 0) return JSON.parse(body.toString('utf8'));
  return JSON.parse(body.toString('utf8', 0, itemsStart) + '[]' + body.toString('utf8', itemsEnd + 1));
}
