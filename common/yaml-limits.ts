import { CST, Lexer } from 'yaml';

// Shared by the backend (kubeconfig) and the renderer (manifests): pure, no node or browser API.
// Limits that keep a hostile YAML text from taking the process down. The `yaml` library has no depth limit and its
// parser is slow and memory-hungry on deep nesting (4 MB of "[" took 26 s and 2.9 GB), and its maxAliasCount counts
// alias nodes, not what they expand to (one 3.5 MB string aliased 99 times is 350 MB once JSON.stringify meets it).
// So: a size cap; a depth check on yaml's own lexer (right about quotes and comments), which stops at the first
// token past the limit; and the expanded size of the parsed value, counted once per shared node.

export interface YamlLimits {
  /** Characters of text. */
  maxChars: number;
  /** Nesting of collections, block and flow. */
  maxDepth: number;
  /** yaml's own alias-node limit (toJS maxAliasCount). */
  maxAliasCount: number;
  /** What aliases may add, in characters of strings and keys, on top of the text itself. */
  maxAliasExpansion: number;
}

const MB = 1024 * 1024;

export function sizeProblem(text: string, limits: YamlLimits): string | undefined {
  if (text.length <= limits.maxChars) return undefined;
  return `larger than ${Math.round(limits.maxChars / MB)} MB (${(text.length / MB).toFixed(1)} MB)`;
}

/** Where a text is too deep: 1-based line and column of the token that goes past the limit. */
export interface TextPosition {
  line: number;
  column: number;
}

/**
 * Where nesting first goes past the limit, if it does. Block depth is counted as indentation levels plus
 * compact entries on one line ("- - - x"); that undercounts a sequence written at its parent key's indentation by at
 * most half, which keeps the bound.
 */
export function tooDeepAt(text: string, limits: YamlLimits): TextPosition | undefined {
  const scan = depthScan(text, limits);
  for (;;) {
    const step = scan.next();
    if (step.done === true) return step.value;
  }
}

/** Pauses (yields) every this many tokens. */
const SLICE_TOKENS = 20_000;

export function* depthScan(text: string, limits: YamlLimits): Generator<void, TextPosition | undefined> {
  let tokens = 0;
  let line = 1;
  let offset = 0;
  let lineStart = 0;
  let flow = 0;
  let compact = 0;
  let atLineStart = true;
  const indents: number[] = [];
  for (const token of new Lexer().lex(text)) {
    if (++tokens % SLICE_TOKENS === 0) yield;
    const type = CST.tokenType(token);
    const tokenStart = offset;
    const tokenLineStart = lineStart;
    const tokenLine = line;
    offset += token.length;
    // Scalars and comments may span lines too.
    for (let at = token.indexOf('\n'); at >= 0; at = token.indexOf('\n', at + 1)) {
      line += 1;
      lineStart = tokenStart + at + 1;
    }
    if (type === 'newline') {
      atLineStart = true;
      compact = 0;
      continue;
    }
    if (type === 'doc-start' || type === 'doc-end') {
      indents.length = 0;
      continue;
    }
    if (atLineStart && flow === 0 && type !== 'comment') {
      const indent = type === 'space' ? token.length : 0;
      if (type === 'space') continue;
      atLineStart = false;
      while (indents.length > 0 && (indents.at(-1) ?? 0) >= indent) indents.pop();
      indents.push(indent);
    }
    if (type === 'flow-seq-start' || type === 'flow-map-start') flow += 1;
    else if (type === 'flow-seq-end' || type === 'flow-map-end') flow = Math.max(0, flow - 1);
    else if (flow === 0 && (type === 'seq-item-ind' || type === 'explicit-key-ind')) compact += 1;
    if (indents.length + compact + flow > limits.maxDepth)
      return { line: tokenLine, column: tokenStart - tokenLineStart + 1 };
  }
  return undefined;
}

/**
 * The size of a parsed value as JSON.stringify would write it (strings and keys, in characters), counting a node
 * reached through several aliases every time but computing it once; Infinity for a value that contains itself.
 */
export function expandedSize(value: unknown, budget: number): number {
  const known = new Map<object, number>();
  const visiting = new Set<object>();
  const size = (v: unknown): number => {
    if (typeof v === 'string') return v.length + 2;
    if (typeof v !== 'object' || v === null) return 8;
    const seen = known.get(v);
    if (seen !== undefined) return seen;
    if (visiting.has(v)) return Infinity;
    visiting.add(v);
    let total = 2;
    const entries: [string | undefined, unknown][] = Array.isArray(v)
      ? v.map((item) => [undefined, item])
      : Object.entries(v as Record<string, unknown>);
    for (const [key, item] of entries) {
      total += (key?.length ?? 0) + 2 + size(item);
      if (total > budget) break;
    }
    visiting.delete(v);
    known.set(v, total);
    return total;
  };
  return size(value);
}
