import { Parser, type YAMLError } from 'yaml';
import { isRecord } from '../../common/guards';

/** A quote or flow collection ([ or {) the text opens and never closes, with where it opens. */
export interface Opener {
  offset: number;
  open: string;
  close: string;
}

function quoteClosed(source: string): boolean {
  if (source.startsWith("'")) return source.length > 1 && source.slice(1).replace(/''/g, '').endsWith("'");
  // Closed when the last quote is not escaped (an even run of backslashes before it).
  const run = /(\\*)"$/.exec(source.slice(1));
  return source.length > 1 && run !== null && (run[1]?.length ?? 0) % 2 === 0;
}

/** Every unclosed quote and flow collection in the text, from the yaml library's concrete syntax tree. */
export function unclosedOpeners(source: string): Opener[] {
  const found: Opener[] = [];
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) {
      for (const item of node) visit(item);
      return;
    }
    if (!isRecord(node)) return;
    const { type, offset } = node;
    if (typeof offset === 'number' && typeof node.source === 'string') {
      if ((type === 'double-quoted-scalar' || type === 'single-quoted-scalar') && !quoteClosed(node.source)) {
        const quote = node.source[0] ?? '"';
        found.push({ offset, open: quote, close: quote });
      }
    }
    if (type === 'flow-collection' && isRecord(node.start) && typeof offset === 'number') {
      const open = node.start.source === '[' ? '[' : '{';
      const close = open === '[' ? ']' : '}';
      const end = Array.isArray(node.end) ? node.end : [];
      if (!end.some((t) => isRecord(t) && t.source === close)) found.push({ offset, open, close });
    }
    for (const value of Object.values(node)) if (typeof value === 'object') visit(value);
  };
  for (const token of new Parser().parse(source)) visit(token);
  return found.sort((a, b) => a.offset - b.offset);
}

/** What an error about a missing end is about: a quote, a flow sequence or a flow map (undefined: something else). */
function missingEnd(error: YAMLError): string | undefined {
  if (error.code !== 'MISSING_CHAR' && error.code !== 'BAD_INDENT') return undefined;
  const message = error.message;
  if (/closing "quote/.test(message)) return '"';
  if (/closing 'quote/.test(message)) return "'";
  if (/Flow sequence|end with a \]/.test(message)) return '[';
  if (/Flow map|end with a \}/.test(message)) return '{';
  return undefined;
}

/**
 * For errors the yaml library reports where an unclosed construct is noticed (often the end of the text), the opener
 * they are about: the last one of that kind opened before the error and not claimed by an earlier error.
 */
export function openersOf(source: string, errors: readonly YAMLError[]): Map<YAMLError, Opener> {
  const out = new Map<YAMLError, Opener>();
  const wanted = errors.filter((e) => missingEnd(e) !== undefined);
  if (wanted.length === 0) return out;
  const openers = unclosedOpeners(source);
  const claimed = new Set<Opener>();
  for (const error of wanted) {
    const kind = missingEnd(error);
    const candidates = openers.filter((o) => o.open === kind && o.offset <= error.pos[0] && !claimed.has(o));
    const opener = candidates[candidates.length - 1];
    if (!opener) continue;
    claimed.add(opener);
    out.set(error, opener);
  }
  return out;
}
