import { isScalar, LineCounter, parseAllDocuments, visit, type Document, type Scalar } from 'yaml';
import { makeDiagnostic, type Diagnostic } from './diagnostic';
import { aliasLimitProblem, MANIFEST_LIMITS, textLimitProblem, type LimitProblem } from './manifest-limits';
import { isRecord, record, text } from '../../common/guards';

/** One YAML document of the editor's text, with its plain value as kubectl would read it. */
export interface ParsedDocument {
  index: number;
  from: number;
  to: number;
  doc: Document.Parsed;
  /** undefined when the document has syntax errors or cannot be converted (alias bomb) */
  value: unknown;
  apiVersion?: string;
  kind?: string;
  name?: string;
  namespace?: string;
}

export interface ParsedText {
  documents: ParsedDocument[];
  diagnostics: Diagnostic[];
  lines: LineCounter;
}

// Plain scalars that YAML 1.1 (kubectl's reading) and YAML 1.2 read differently, or that people often mean as text.
const AMBIGUOUS =
  /^(?:[-+]?0[0-7_]+|[-+]?0b[01_]+|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?|y|Y|n|N|yes|Yes|YES|no|No|NO|on|On|ON|off|Off|OFF)$/;

/**
 * Parses the editor's YAML as kubectl does: YAML 1.1 (`0644` is 420, `yes` is true), several documents, duplicate keys
 * refused. Never throws: every problem becomes a diagnostic.
 */
export function parseYamlText(source: string): ParsedText {
  const lines = new LineCounter();
  const diagnostics: Diagnostic[] = [];
  const documents: ParsedDocument[] = [];
  let parsed: Document.Parsed[];
  const limit = textLimitProblem(source);
  if (limit !== undefined) {
    diagnostics.push(limitDiagnostic(lines, source, limit));
    return { documents, diagnostics, lines };
  }
  try {
    parsed = Array.from(
      parseAllDocuments(source, { version: '1.1', lineCounter: lines, prettyErrors: false, uniqueKeys: true }),
    );
  } catch (error) {
    diagnostics.push(makeDiagnostic(lines, [0, 0], 'error', `Cannot parse: ${String(error)}`, 'syntax'));
    return { documents, diagnostics, lines };
  }
  diagnostics.push(...nonBreakingSpaces(source, lines));
  parsed.forEach((doc, index) => {
    for (const error of doc.errors) {
      diagnostics.push(makeDiagnostic(lines, error.pos, 'error', firstLine(error.message), 'syntax'));
    }
    for (const warning of doc.warnings) {
      diagnostics.push(makeDiagnostic(lines, warning.pos, 'warning', firstLine(warning.message), 'syntax'));
    }
    let value: unknown;
    if (doc.errors.length === 0) {
      try {
        value = doc.toJS({ maxAliasCount: MANIFEST_LIMITS.maxAliasCount });
        const { line, col } = lines.linePos(doc.range[0]);
        const expanded = aliasLimitProblem(value, source.length, { line, column: col });
        if (expanded !== undefined) {
          value = undefined;
          diagnostics.push({
            ...makeDiagnostic(lines, doc.range, 'error', expanded.message, 'syntax'),
            i18n: expanded,
          });
        }
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        diagnostics.push(makeDiagnostic(lines, doc.range, 'error', firstLine(message), 'syntax'));
      }
      diagnostics.push(...ambiguousScalars(doc, lines));
    }
    const metadata = record(record(value).metadata);
    documents.push({
      index,
      from: doc.range[0],
      to: doc.range[2],
      doc,
      value,
      apiVersion: isRecord(value) ? text(value.apiVersion) : undefined,
      kind: isRecord(value) ? text(value.kind) : undefined,
      name: text(metadata.name),
      namespace: text(metadata.namespace),
    });
  });
  return { documents, diagnostics, lines };
}

// Text pasted from web pages often carries non-breaking spaces, which YAML reads as part of a key, not indentation.
function nonBreakingSpaces(source: string, lines: LineCounter): Diagnostic[] {
  const found: Diagnostic[] = [];
  for (const match of source.matchAll(/\u00a0+/g)) {
    if (found.length >= 20) break;
    const message = 'Non-breaking space: YAML does not read it as indentation; replace it with ordinary spaces.';
    found.push(makeDiagnostic(lines, [match.index, match.index + match[0].length], 'warning', message, 'yaml'));
  }
  return found;
}

function limitDiagnostic(lines: LineCounter, source: string, limit: LimitProblem): Diagnostic {
  // The lexer's position as an offset, so the editor can reveal it (LineCounter is empty: nothing was parsed).
  let from = 0;
  for (let line = 1; line < limit.line; line++) from = source.indexOf('\n', from) + 1;
  from += limit.column - 1;
  return {
    from,
    to: from + 1,
    line: limit.line,
    column: limit.column,
    severity: 'error',
    message: limit.message,
    source: 'syntax',
    i18n: { key: limit.key, params: limit.params },
  };
}

function firstLine(message: string): string {
  return message.split('\n')[0]?.trim() ?? message;
}

function ambiguousScalars(doc: Document.Parsed, lines: LineCounter): Diagnostic[] {
  const found: Diagnostic[] = [];
  visit(doc, {
    Scalar(key, node: Scalar) {
      // Only values: a key such as `on:` is rare in manifests and kubectl reads it the same way.
      if (key === 'key' || node.type !== 'PLAIN' || !node.range) return;
      const raw = node.source;
      if (typeof raw !== 'string' || !AMBIGUOUS.test(raw)) return;
      const read = JSON.stringify(node.value);
      found.push(
        makeDiagnostic(
          lines,
          node.range,
          'warning',
          `"${raw}" is read as ${read} (YAML 1.1, as kubectl reads it); quote it if you mean the text "${raw}".`,
          'yaml',
        ),
      );
    },
  });
  return found;
}

export { isScalar };
