// Where JSON text goes wrong, in the catalogue's words. JSON.parse says whether it is valid; its messages give no
// position for some errors and the end of the text for an unclosed string or bracket, so this reader finds the place:
// an unclosed string or bracket where it opens, anything else where it stops making sense.

/** A JSON syntax problem: where, and its catalogue message (editor.diag.json.*). */
export interface JsonProblem {
  at: number;
  path: string;
  params: Record<string, string>;
  terms?: Record<string, string>;
}

const want = (what: string): Record<string, string> => ({ expected: `editor.diag.json.want.${what}` });
const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const ESCAPES = '"\\/bfnrtu';

class Stop {
  constructor(readonly problem: JsonProblem) {}
}

function read(s: string): void {
  let i = 0;
  const open: { at: number; char: string }[] = [];
  const stop = (problem: JsonProblem): never => {
    throw new Stop(problem);
  };
  const ws = (): void => {
    while (i < s.length && ' \t\n\r'.includes(s[i] ?? '')) i++;
  };
  /** The text ended (inside a bracket: that bracket is unclosed) or holds something else than `what` here. */
  const expected = (what: string, params: Record<string, string> = {}): never => {
    const inner = open[open.length - 1];
    if (i >= s.length && inner) {
      const close = inner.char === '[' ? ']' : '}';
      return stop({ at: inner.at, path: 'json.unclosed', params: { open: inner.char, close } });
    }
    if (i >= s.length) return stop({ at: Math.max(0, s.length - 1), path: 'json.end', params, terms: want(what) });
    return stop({
      at: i,
      path: 'json.unexpected',
      params: { ...params, token: JSON.stringify(s[i]) },
      terms: want(what),
    });
  };
  const string = (): void => {
    const start = i++;
    while (i < s.length) {
      const c = s[i] ?? '';
      if (c === '"') {
        i++;
        return;
      }
      if (c === '\\') {
        const next = s[i + 1] ?? '';
        const hex = next === 'u' && /^[0-9a-fA-F]{4}$/.test(s.slice(i + 2, i + 6));
        if (!ESCAPES.includes(next) || next === '' || (next === 'u' && !hex))
          stop({ at: i, path: 'json.badEscape', params: {} });
        i += next === 'u' ? 6 : 2;
        continue;
      }
      if (c === '\n' || c === '\r') stop({ at: start, path: 'json.unclosedString', params: {} });
      if (c < ' ') stop({ at: i, path: 'json.control', params: {} });
      i++;
    }
    stop({ at: start, path: 'json.unclosedString', params: {} });
  };
  const container = (char: '{' | '['): void => {
    const close = char === '{' ? '}' : ']';
    open.push({ at: i, char });
    i++;
    ws();
    if (s[i] === close) {
      i++;
      open.pop();
      return;
    }
    for (;;) {
      ws();
      if (char === '{') {
        if (s[i] !== '"') expected('key');
        string();
        ws();
        if (s[i] !== ':') expected('colon');
        i++;
      }
      value();
      ws();
      if (s[i] === ',') {
        i++;
        continue;
      }
      if (s[i] === close) {
        i++;
        open.pop();
        return;
      }
      expected('commaOrClose', { close });
    }
  };
  const value = (): void => {
    ws();
    const c = s[i];
    if (c === '{' || c === '[') return container(c);
    if (c === '"') return string();
    NUMBER.lastIndex = i;
    const number = NUMBER.exec(s);
    if (number) {
      i += number[0].length;
      return;
    }
    for (const literal of ['true', 'false', 'null']) {
      if (s.startsWith(literal, i)) {
        i += literal.length;
        return;
      }
    }
    expected('value');
  };
  value();
  ws();
  if (i < s.length) stop({ at: i, path: 'json.after', params: {} });
}

/** The first syntax problem of a JSON text, or undefined when it is valid JSON. */
export function jsonProblem(text: string): JsonProblem | undefined {
  let message: string;
  try {
    JSON.parse(text);
    return undefined;
  } catch (error) {
    message = error instanceof Error ? error.message : String(error);
  }
  try {
    read(text);
  } catch (error) {
    if (error instanceof Stop) return error.problem;
    throw error;
  }
  // JSON.parse refused what this reader accepts: its own message, at the position it names.
  const at = /position (\d+)/.exec(message)?.[1];
  return { at: at === undefined ? 0 : Number(at), path: 'json.other', params: { message } };
}
