import { diffLines } from './revision-diff';

// The conflict view's marks: which lines of their version (the server's) and of the user's text differ from the other,
// by the same line diff as the revision history, so the user sees at once where the two versions part.

export interface DifferingLines {
  /** Line numbers (1-based) of their version that are not in the user's text. */
  theirs: Set<number>;
  /** Line numbers (1-based) of the user's text that are not in their version. */
  mine: Set<number>;
}

export function differingLines(theirs: string, mine: string): DifferingLines {
  const out: DifferingLines = { theirs: new Set(), mine: new Set() };
  let a = 0;
  let b = 0;
  for (const line of diffLines(theirs, mine)) {
    if (line.kind !== 'added') a++;
    if (line.kind !== 'removed') b++;
    if (line.kind === 'removed') out.theirs.add(a);
    if (line.kind === 'added') out.mine.add(b);
  }
  return out;
}
