import type { Format } from './convert';
import type { Diagnostic } from './diagnostic';
import { checkRules } from './rules';
import type { SchemaSet } from './schema/types';
import { validateDocument } from './validate';
import { parseYamlText, type ParsedText } from './yaml-model';

export interface Analysis extends ParsedText {
  diagnostics: Diagnostic[];
}

/** Parses the editor's text and runs every check: syntax, YAML 1.1 scalars, schema, Kubernetes rules. */
export function analyze(text: string, schemas: SchemaSet | undefined, format: Format = 'yaml'): Analysis {
  const parsed = parseYamlText(text);
  const diagnostics = [...parsed.diagnostics];
  // JSON is read by the same parser (JSON is YAML), but JSON's own syntax is stricter: trailing commas, quotes.
  if (format === 'json' && diagnostics.length === 0) {
    const problem = jsonSyntax(text);
    if (problem) {
      const { line, col } = parsed.lines.linePos(problem.at);
      diagnostics.push({
        from: problem.at,
        to: problem.at + 1,
        line,
        column: col,
        severity: 'error',
        message: problem.message,
        source: 'syntax',
      });
      return { ...parsed, diagnostics };
    }
  }
  for (const document of parsed.documents) {
    if (document.value === undefined) continue;
    try {
      if (schemas) diagnostics.push(...validateDocument(document, schemas, parsed.lines));
      diagnostics.push(...checkRules(document, parsed.lines));
    } catch (error) {
      // A check must never take the editor down; the finding says what went wrong instead.
      diagnostics.push({
        from: document.from,
        to: document.from,
        line: 1,
        column: 1,
        severity: 'warning',
        message: `Check failed: ${String(error)}`,
        source: 'schema',
      });
    }
  }
  diagnostics.sort((a, b) => a.from - b.from);
  return { ...parsed, diagnostics };
}

function jsonSyntax(text: string): { at: number; message: string } | undefined {
  try {
    JSON.parse(text);
    return undefined;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const at = /position (\d+)/.exec(message)?.[1];
    return {
      at: at === undefined ? Math.max(0, text.length - 1) : Number(at),
      message: message.replace(/ in JSON at position \d+.*$/, ''),
    };
  }
}

let last: { text: string; schemas: SchemaSet | undefined; format: Format; result: Analysis } | undefined;

/** The same as analyze, remembering the last answer: the linter and the files panel ask about the same text. */
export function analyzeCached(text: string, schemas: SchemaSet | undefined, format: Format = 'yaml'): Analysis {
  if (last?.text === text && last.schemas === schemas && last.format === format) return last.result;
  const result = analyze(text, schemas, format);
  last = { text, schemas, format, result };
  return result;
}
