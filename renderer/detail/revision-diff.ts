import { diffLines as lineChanges } from 'diff';
import { stringify } from 'yaml';

// A line diff between two revisions' pod templates (as YAML, keys sorted so only real changes show), shown as the
// changed lines with a few lines of context or as the whole template.

export interface DiffLine {
  kind: 'same' | 'added' | 'removed';
  text: string;
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (typeof value === 'object' && value !== null) {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) out[key] = sortKeys((value as Record<string, unknown>)[key]);
    return out;
  }
  return value;
}

export function templateYaml(template: Record<string, unknown>): string {
  // Go marshals a zero creationTimestamp as null; it is noise in a diff.
  const copy = JSON.parse(JSON.stringify(template)) as Record<string, unknown>;
  const meta = copy.metadata as Record<string, unknown> | undefined;
  if (meta && meta.creationTimestamp === null) delete meta.creationTimestamp;
  return stringify(sortKeys(copy));
}

/** The line diff of two texts (jsdiff's, the Myers algorithm), one entry per line. */
export function diffLines(before: string, after: string): DiffLine[] {
  const out: DiffLine[] = [];
  for (const change of lineChanges(before, after)) {
    const kind = change.added ? 'added' : change.removed ? 'removed' : 'same';
    const lines = change.value.split('\n');
    if (lines.at(-1) === '') lines.pop();
    for (const text of lines) out.push({ kind, text });
  }
  return out;
}

/** Unchanged lines left out of a minimal diff: how many, in their place. */
export interface SkippedLines {
  kind: 'skipped';
  count: number;
}

/** The changed lines with `context` unchanged lines around each change; the unchanged lines between, as counts. */
export function withContext(lines: readonly DiffLine[], context = 3): (DiffLine | SkippedLines)[] {
  const near = new Array<boolean>(lines.length).fill(false);
  lines.forEach((line, i) => {
    if (line.kind === 'same') return;
    for (let j = Math.max(0, i - context); j <= Math.min(lines.length - 1, i + context); j++) near[j] = true;
  });
  const out: (DiffLine | SkippedLines)[] = [];
  lines.forEach((line, i) => {
    if (near[i]) out.push(line);
    else {
      const last = out.at(-1);
      if (last?.kind === 'skipped') last.count++;
      else out.push({ kind: 'skipped', count: 1 });
    }
  });
  return out;
}
