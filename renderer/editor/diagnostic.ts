import type { LineCounter } from 'yaml';

export type Severity = 'error' | 'warning' | 'info';

/** One finding in the editor's text; `line` and `column` are 1-based, `from`/`to` are offsets. */
export interface Diagnostic {
  from: number;
  to: number;
  line: number;
  column: number;
  severity: Severity;
  message: string;
  source: 'syntax' | 'schema' | 'rule' | 'yaml' | 'server';
  /** When set, the UI shows this translated message instead of `message` (English). */
  i18n?: { key: string; params: Record<string, string | number> };
}

export function makeDiagnostic(
  lines: LineCounter,
  range: readonly [number, number] | readonly number[],
  severity: Severity,
  message: string,
  source: Diagnostic['source'],
): Diagnostic {
  const from = range[0] ?? 0;
  const to = Math.max(from, range[1] ?? from);
  const { line, col } = lines.linePos(from);
  return { from, to, line, column: col, severity, message, source };
}
