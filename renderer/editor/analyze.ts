import type { Format } from './convert';
import { catalogued, type Diagnostic } from './diagnostic';
import { jsonProblem } from './json-syntax';
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
  // JSON is read by the same parser (JSON is YAML), but JSON's own syntax is stricter (trailing commas, quotes) and
  // its errors read better in JSON's terms: the JSON reader's problem replaces the YAML reader's syntax errors.
  if (format === 'json') {
    const problem = jsonProblem(text);
    if (problem) {
      const found = catalogued(
        parsed.lines,
        [problem.at, problem.at + 1],
        'error',
        'syntax',
        problem.path,
        problem.params,
        problem.terms,
      );
      return { ...parsed, diagnostics: [...diagnostics.filter((d) => d.source !== 'syntax'), found] };
    }
  }
  for (const document of parsed.documents) {
    if (document.value === undefined) continue;
    try {
      if (schemas) diagnostics.push(...validateDocument(document, schemas, parsed.lines));
      diagnostics.push(...checkRules(document, parsed.lines));
    } catch (error) {
      // A check must never take the editor down; the finding says what went wrong instead.
      const at = [document.from, document.from];
      diagnostics.push(catalogued(parsed.lines, at, 'warning', 'schema', 'checkFailed', { error: String(error) }));
    }
  }
  diagnostics.sort((a, b) => a.from - b.from);
  return { ...parsed, diagnostics };
}

let last: { text: string; schemas: SchemaSet | undefined; format: Format; result: Analysis } | undefined;

/** The same as analyze, remembering the last answer: the linter and the files panel ask about the same text. */
export function analyzeCached(text: string, schemas: SchemaSet | undefined, format: Format = 'yaml'): Analysis {
  if (last?.text === text && last.schemas === schemas && last.format === format) return last.result;
  const result = analyze(text, schemas, format);
  last = { text, schemas, format, result };
  return result;
}
