import { isScalar, LineCounter, parseAllDocuments, visit, type Document, type Scalar, type YAMLError } from 'yaml';
import { catalogued, makeDiagnostic, type Diagnostic } from './diagnostic';
import { openersOf } from './syntax-openers';
import diagnosticsEn from './diagnostics-en';
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
    diagnostics.push(catalogued(lines, [0, 0], 'error', 'syntax', 'yaml.cannotParse', { error: String(error) }));
    return { documents, diagnostics, lines };
  }
  diagnostics.push(...nonBreakingSpaces(source, lines));
  parsed.forEach((doc, index) => {
    const openers = openersOf(source, doc.errors);
    for (const error of doc.errors) {
      const opener = openers.get(error);
      if (!opener) diagnostics.push(yamlError(lines, error, 'error'));
      else if (opener.open === opener.close)
        diagnostics.push(
          catalogued(lines, [opener.offset, opener.offset + 1], 'error', 'syntax', 'yaml.unclosedQuote', {
            quote: opener.open,
          }),
        );
      else
        diagnostics.push(
          catalogued(lines, [opener.offset, opener.offset + 1], 'error', 'syntax', 'yaml.unclosedFlow', {
            open: opener.open,
            close: opener.close,
          }),
        );
    }
    for (const warning of doc.warnings) diagnostics.push(yamlError(lines, warning, 'warning'));
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
        diagnostics.push(
          catalogued(lines, doc.range, 'error', 'syntax', 'yaml.cannotRead', { error: firstLine(message) }),
        );
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
    const range = [match.index, match.index + match[0].length];
    found.push(catalogued(lines, range, 'warning', 'yaml', 'yaml.nonBreakingSpace'));
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

// The yaml library's codes this catalogue words (editor.diag.yaml.code.*); another keeps the library's own message.
const KNOWN_CODES = new Set<string>(Object.keys(diagnosticsEn.yaml.code));

function yamlError(lines: LineCounter, error: YAMLError, severity: 'error' | 'warning'): Diagnostic {
  if (KNOWN_CODES.has(error.code)) return catalogued(lines, error.pos, severity, 'syntax', `yaml.code.${error.code}`);
  return catalogued(lines, error.pos, severity, 'syntax', 'yaml.other', { message: firstLine(error.message) });
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
      found.push(catalogued(lines, node.range, 'warning', 'yaml', 'yaml.ambiguous', { raw, read }));
    },
  });
  return found;
}

export { isScalar };
