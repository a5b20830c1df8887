import { isMap, isScalar, LineCounter, parseDocument, type Node } from 'yaml';
import { diffLines } from './revision-diff';

// The conflict view's marks: which lines of their version (the server's) and of the user's text differ from the other,
// by the same line diff as the revision history, so the user sees at once where the two versions part. Lines the
// server writes itself on every change (resourceVersion, generation, the DaemonSet controller's template-generation
// annotation, managedFields, status) always differ after someone else's edit; marking them would hide the lines a
// person changed, so they are counted apart and not marked.

export interface DifferingLines {
  /** Line numbers (1-based) of their version that are not in the user's text. */
  theirs: Set<number>;
  /** Line numbers (1-based) of the user's text that are not in their version. */
  mine: Set<number>;
  /** Differing lines (of either side) left unmarked because the server writes them itself. */
  serverWritten: number;
}

/** Field paths the API server or the DaemonSet controller write on every change; a prefix covers its whole block. */
const SERVER_WRITTEN: readonly string[][] = [
  ['metadata', 'resourceVersion'],
  ['metadata', 'generation'],
  ['metadata', 'managedFields'],
  ['metadata', 'annotations', 'deprecated.daemonset.template.generation'],
  ['status'],
];

const wanted = (path: string[]): 'whole' | 'descend' | 'no' => {
  for (const field of SERVER_WRITTEN) {
    if (path.length > field.length || !path.every((key, i) => key === field[i])) continue;
    return path.length === field.length ? 'whole' : 'descend';
  }
  return 'no';
};

/** The 1-based line numbers the server-written fields take in a YAML text (none when it does not parse). */
export function serverWrittenLines(text: string): Set<number> {
  const lines = new Set<number>();
  const counter = new LineCounter();
  const doc = parseDocument(text, { lineCounter: counter });
  if (doc.errors.length > 0) return lines;
  const walk = (node: Node | null, path: string[]): void => {
    if (!isMap(node)) return;
    for (const pair of node.items) {
      if (!isScalar(pair.key) || !pair.key.range) continue;
      const at = [...path, String(pair.key.value)];
      const how = wanted(at);
      if (how === 'descend') walk(pair.value as Node | null, at);
      if (how !== 'whole') continue;
      const end = (pair.value as Node | null)?.range?.[1] ?? pair.key.range[1];
      const first = counter.linePos(pair.key.range[0]).line;
      // The value's end offset sits at the start of the next line when the block ends with a newline.
      const last = counter.linePos(Math.max(pair.key.range[0], end - 1)).line;
      for (let line = first; line <= last; line++) lines.add(line);
    }
  };
  walk(doc.contents as Node | null, []);
  return lines;
}

export function differingLines(theirs: string, mine: string): DifferingLines {
  const out: DifferingLines = { theirs: new Set(), mine: new Set(), serverWritten: 0 };
  const quietTheirs = serverWrittenLines(theirs);
  const quietMine = serverWrittenLines(mine);
  let a = 0;
  let b = 0;
  for (const line of diffLines(theirs, mine)) {
    if (line.kind !== 'added') a++;
    if (line.kind !== 'removed') b++;
    if (line.kind === 'removed') {
      if (quietTheirs.has(a)) out.serverWritten++;
      else out.theirs.add(a);
    }
    if (line.kind === 'added') {
      if (quietMine.has(b)) out.serverWritten++;
      else out.mine.add(b);
    }
  }
  return out;
}
