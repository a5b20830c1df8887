import { isMap, isScalar, isSeq, type Node } from 'yaml';
import { makeDiagnostic, type Diagnostic } from './diagnostic';
import type { ParsedDocument } from './yaml-model';
import type { LineCounter } from 'yaml';

export interface ServerCause {
  field?: string;
  message: string;
  reason?: string;
}

type Segment = string | number | { key: string; value: string };

/**
 * Splits a field path as the API server writes it: `spec.template.spec.containers[0].image` in 422 causes, or
 * `.spec.template.spec.containers[name="agent"].image` in apply conflicts.
 */
export function fieldSegments(field: string): Segment[] {
  const segments: Segment[] = [];
  const pattern = /\.?([^.[\]]+)|\[(\d+)\]|\[([^=\]]+)="((?:[^"\\]|\\.)*)"\]/g;
  for (const match of field.matchAll(pattern)) {
    if (match[1] !== undefined) segments.push(match[1]);
    else if (match[2] !== undefined) segments.push(Number(match[2]));
    else if (match[3] !== undefined) segments.push({ key: match[3], value: match[4] ?? '' });
  }
  return segments;
}

/** The text range of the deepest node a field path reaches in a document (the key when the path ends on one). */
export function fieldRange(document: ParsedDocument, field: string): [number, number] {
  let node: Node | null = document.doc.contents;
  let range: [number, number] = [document.from, document.from];
  for (const segment of fieldSegments(field)) {
    if (typeof segment === 'string' && isMap(node)) {
      const pair = node.items.find((p) => isScalar(p.key) && p.key.value === segment);
      if (!pair) break;
      if (isScalar(pair.key) && pair.key.range) range = [pair.key.range[0], pair.key.range[1]];
      node = pair.value as Node | null;
    } else if (typeof segment === 'number' && isSeq(node)) {
      const item = node.items[segment] as Node | undefined;
      if (!item) break;
      node = item;
      if (item.range) range = [item.range[0], item.range[0]];
    } else if (typeof segment === 'object' && isSeq(node)) {
      const item = node.items.find((i) => isMap(i) && String(i.get(segment.key)) === segment.value) as Node | undefined;
      if (!item) break;
      node = item;
      if (item.range) range = [item.range[0], item.range[0]];
    } else {
      break;
    }
  }
  return range;
}

/** Puts the server's answer for one document on the lines its causes name (or on the document's first line). */
export function serverDiagnostics(
  document: ParsedDocument,
  lines: LineCounter,
  message: string,
  causes: readonly ServerCause[] = [],
): Diagnostic[] {
  if (causes.length === 0) return [makeDiagnostic(lines, [document.from, document.from], 'error', message, 'server')];
  return causes.map((cause) => {
    const text = cause.field ? `${cause.field}: ${cause.message}` : cause.message;
    return makeDiagnostic(
      lines,
      cause.field ? fieldRange(document, cause.field) : [document.from, document.from],
      'error',
      text,
      'server',
    );
  });
}

/** The field managers an apply conflict names (`conflict with "other"`, `conflicts with "a" using apps/v1`). */
export function conflictManagers(causes: readonly ServerCause[], message = ''): string[] {
  const names = new Set<string>();
  for (const text of [message, ...causes.map((c) => c.message)]) {
    for (const match of text.matchAll(/conflicts? with "([^"]+)"/g)) if (match[1]) names.add(match[1]);
  }
  return [...names];
}
