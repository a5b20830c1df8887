import type { LineCounter } from 'yaml';
import { diagKey, englishText, type DiagnosticText } from './diagnostic-text';

export type { DiagnosticText };
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
  i18n?: DiagnosticText;
  /** A quick fix: replace from..to with `insert` (a misspelt field renamed to the one meant). */
  fix?: { from: number; to: number; insert: string; label: DiagnosticText };
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

/** A diagnostic worded by the catalogue (editor.diag.<path>), its English text made from the same entry. */
export function catalogued(
  lines: LineCounter,
  range: readonly [number, number] | readonly number[],
  severity: Severity,
  source: Diagnostic['source'],
  path: string,
  params: Record<string, string | number> = {},
  terms?: Record<string, string>,
): Diagnostic {
  const i18n: DiagnosticText = { key: diagKey(path), params, ...(terms ? { terms } : {}) };
  return { ...makeDiagnostic(lines, range, severity, englishText(i18n), source), i18n };
}
