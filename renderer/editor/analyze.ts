import type { Diagnostic } from './diagnostic';
import { checkRules } from './rules';
import type { SchemaSet } from './schema/types';
import { validateDocument } from './validate';
import { parseYamlText, type ParsedText } from './yaml-model';

export interface Analysis extends ParsedText {
  diagnostics: Diagnostic[];
}

/** Parses the editor's text and runs every check: syntax, YAML 1.1 scalars, schema, Kubernetes rules. */
export function analyze(text: string, schemas: SchemaSet | undefined): Analysis {
  const parsed = parseYamlText(text);
  const diagnostics = [...parsed.diagnostics];
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
