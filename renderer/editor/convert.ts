import { isNode, parseAllDocuments, stringify, visit, type Document } from 'yaml';
import { MANIFEST_LIMITS, textLimitProblem } from './manifest-limits';
import { isRecord } from '../../common/guards';

export type Format = 'yaml' | 'json';

export type Converted = { ok: true; text: string; droppedComments: boolean } | { ok: false; message: string };

function hasComments(doc: Document): boolean {
  if (doc.commentBefore || doc.comment) return true;
  let found = false;
  visit(doc, (_key, node) => {
    if (isNode(node) && (node.commentBefore || node.comment)) {
      found = true;
      return visit.BREAK;
    }
    return undefined;
  });
  return found;
}

/** YAML (one or more documents) to JSON: one object, or a v1 List for several. JSON has no comments, so they go. */
export function yamlToJson(text: string): Converted {
  const limit = textLimitProblem(text);
  if (limit !== undefined) return { ok: false, message: limit.message };
  const docs = parseAllDocuments(text, { version: '1.1', prettyErrors: false });
  const list = Array.from(docs);
  const broken = list.find((d) => d.errors.length > 0);
  if (broken) return { ok: false, message: broken.errors[0]?.message.split('\n')[0] ?? 'invalid YAML' };
  try {
    const values = list
      .map((d) => d.toJS({ maxAliasCount: MANIFEST_LIMITS.maxAliasCount }) as unknown)
      .filter((v) => v !== null);
    const value = values.length === 1 ? values[0] : { apiVersion: 'v1', kind: 'List', items: values };
    return { ok: true, text: `${JSON.stringify(value, null, 2)}\n`, droppedComments: list.some(hasComments) };
  } catch (error) {
    return { ok: false, message: error instanceof Error ? error.message : String(error) };
  }
}

/** JSON to YAML; a v1 List becomes one YAML document per item. */
export function jsonToYaml(text: string): Converted {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { ok: false, message: error instanceof Error ? error.message : String(error) };
  }
  const items = isRecord(value) && value.kind === 'List' && Array.isArray(value.items) ? value.items : [value];
  // Written for YAML 1.1, as the editor and kubectl read it: a string such as "yes", "n" or "12:30" is quoted, not
  // left plain to come back as true, false or 750.
  const yaml = items.map((item) => stringify(item, { version: '1.1' })).join('---\n');
  return { ok: true, text: yaml, droppedComments: false };
}

/** The plain objects of a text in either format, for export and apply; null when it does not parse. */
export function objectsOf(text: string, format: Format): unknown[] | null {
  if (format === 'json') {
    try {
      const value: unknown = JSON.parse(text);
      return isRecord(value) && value.kind === 'List' && Array.isArray(value.items) ? value.items : [value];
    } catch {
      return null;
    }
  }
  if (textLimitProblem(text) !== undefined) return null;
  const docs = Array.from(parseAllDocuments(text, { version: '1.1', prettyErrors: false }));
  if (docs.some((d) => d.errors.length > 0)) return null;
  try {
    return docs
      .map((d) => d.toJS({ maxAliasCount: MANIFEST_LIMITS.maxAliasCount }) as unknown)
      .filter((v) => v !== null);
  } catch {
    return null;
  }
}

/**
 * Removes server-set noise (metadata.managedFields) from every document, keeping comments; returns how many documents
 * had some, and what was removed per document (index = document), so it can be shown again. The text is unchanged
 * when there is none.
 */
export function withoutManagedFields(text: string): { text: string; hidden: number; removed: unknown[] } {
  // Most files have none; parsing a large file on the main thread only to find that out would freeze the window.
  if (!text.includes('managedFields')) return { text, hidden: 0, removed: [] };
  const docs = Array.from(parseAllDocuments(text, { version: '1.1', prettyErrors: false }));
  if (docs.some((d) => d.errors.length > 0)) return { text, hidden: 0, removed: [] };
  let hidden = 0;
  const removed: unknown[] = [];
  for (const doc of docs) {
    if (doc.hasIn(['metadata', 'managedFields'])) {
      removed.push(doc.getIn(['metadata', 'managedFields']));
      doc.deleteIn(['metadata', 'managedFields']);
      hidden++;
    } else removed.push(undefined);
  }
  if (hidden === 0) return { text, hidden, removed: [] };
  return { text: docs.map((d) => d.toString()).join(''), hidden, removed };
}

/** Puts managedFields removed by withoutManagedFields back (as the last metadata key); null when the text no longer parses. */
export function withManagedFields(text: string, removed: readonly unknown[]): string | null {
  const docs = Array.from(parseAllDocuments(text, { version: '1.1', prettyErrors: false }));
  if (docs.some((d) => d.errors.length > 0)) return null;
  docs.forEach((doc, i) => {
    const value = removed[i];
    if (value !== undefined && doc.hasIn(['metadata']) && !doc.hasIn(['metadata', 'managedFields'])) {
      doc.setIn(['metadata', 'managedFields'], value);
    }
  });
  return docs.map((d) => d.toString()).join('');
}
