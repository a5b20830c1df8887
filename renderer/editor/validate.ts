import { isAlias, isMap, isScalar, isSeq, type LineCounter, type Node, type YAMLMap } from 'yaml';
import { catalogued, type Diagnostic } from './diagnostic';
import { diagKey } from './diagnostic-text';
import { closestKey } from './did-you-mean';
import { kindKey, type SchemaSet, type SchemaType } from './schema/types';
import type { ParsedDocument } from './yaml-model';

type Range = readonly [number, number];

const word = (name: string): string => diagKey(`type.${name}`);

/** The catalogue word (editor.diag.type.*) for what a schema type expects. */
function describe(type: SchemaType): string {
  if (type === 'int-or-string') return word('intOrString');
  if (typeof type === 'string') return word(type);
  return word('arr' in type ? 'list' : 'object');
}

function kindOfValue(value: unknown): string {
  if (value === null) return word('null');
  if (typeof value === 'number') return word(Number.isInteger(value) ? 'integer' : 'number');
  if (typeof value === 'boolean') return word('boolean');
  if (typeof value === 'string') return word('string');
  return word('value');
}

interface Walk {
  schemas: SchemaSet;
  lines: LineCounter;
  out: Diagnostic[];
}

/**
 * Checks one document against the schemas as the API server's strict decoding would: unknown fields, wrong types,
 * missing required fields and enum values. A kind without a schema (a custom resource) passes with a note.
 */
export function validateDocument(document: ParsedDocument, schemas: SchemaSet, lines: LineCounter): Diagnostic[] {
  const out: Diagnostic[] = [];
  const root = document.doc.contents;
  if (!root || document.value === undefined || document.value === null) return out;
  const start: Range = [document.from, Math.min(document.to, document.from + 1)];
  if (!isMap(root)) {
    out.push(catalogued(lines, root.range ?? start, 'error', 'schema', 'notMapping'));
    return out;
  }
  const { apiVersion, kind } = document;
  if (!apiVersion || !kind) {
    const missing = !apiVersion ? 'apiVersion' : 'kind';
    out.push(catalogued(lines, root.range ?? start, 'error', 'schema', 'missingField', { field: missing }));
    return out;
  }
  const definition = schemas.kinds[kindKey(apiVersion, kind)];
  if (!definition) {
    const range = keyRange(root, 'kind') ?? start;
    out.push(catalogued(lines, range, 'info', 'schema', 'noSchema', { kind, apiVersion }));
    return out;
  }
  walk(root, { ref: definition }, '', { schemas, lines, out }, root.range ? [root.range[0], root.range[0]] : start);
  return out;
}

function keyRange(map: YAMLMap, key: string): Range | undefined {
  for (const pair of map.items) {
    if (isScalar(pair.key) && pair.key.value === key && pair.key.range) return [pair.key.range[0], pair.key.range[1]];
  }
  return undefined;
}

function walk(node: Node | null, type: SchemaType, path: string, ctx: Walk, anchor: Range): void {
  if (node === null || isAlias(node)) return;
  const range: Range = node.range ? [node.range[0], node.range[1]] : anchor;
  if (isScalar(node) && node.value === null) return; // `field:` with no value is null, which the server ignores
  if (type === 'any') return;
  if (typeof type === 'string') {
    if (!isScalar(node)) {
      ctx.out.push(catalogued(ctx.lines, range, 'error', 'schema', 'expected', { path }, { expected: describe(type) }));
      return;
    }
    const value = node.value;
    const ok =
      (type === 'string' && typeof value === 'string') ||
      (type === 'boolean' && typeof value === 'boolean') ||
      (type === 'number' && typeof value === 'number') ||
      (type === 'integer' && typeof value === 'number' && Number.isInteger(value)) ||
      (type === 'int-or-string' && (typeof value === 'string' || typeof value === 'number'));
    if (!ok) {
      const terms = { expected: describe(type), got: kindOfValue(value) };
      const key = type === 'string' ? 'expectedQuote' : 'expectedGot';
      ctx.out.push(catalogued(ctx.lines, range, 'error', 'schema', key, { path }, terms));
    }
    return;
  }
  if ('arr' in type) {
    if (!isSeq(node)) {
      ctx.out.push(catalogued(ctx.lines, range, 'error', 'schema', 'expected', { path }, { expected: word('list') }));
      return;
    }
    node.items.forEach((item, i) => walk(item as Node | null, type.arr, `${path}[${i}]`, ctx, range));
    return;
  }
  if (!isMap(node)) {
    ctx.out.push(catalogued(ctx.lines, range, 'error', 'schema', 'expected', { path }, { expected: word('object') }));
    return;
  }
  if ('map' in type) {
    for (const pair of node.items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : '?';
      walk(pair.value as Node | null, type.map, `${path}.${key}`, ctx, range);
    }
    return;
  }
  const def = ctx.schemas.defs[type.ref];
  if (!def) return;
  const present = new Set<string>();
  for (const pair of node.items) {
    if (!isScalar(pair.key)) continue;
    const key = String(pair.key.value);
    present.add(key);
    const keyRange: Range = pair.key.range ? [pair.key.range[0], pair.key.range[1]] : range;
    const field = path ? `${path}.${key}` : key;
    // Own fields only: "__proto__" or "constructor" in a document must not find Object.prototype's.
    const prop = Object.hasOwn(def.p, key) ? def.p[key] : undefined;
    if (!prop) {
      ctx.out.push(unknownField(ctx, pair.key, keyRange, field, Object.keys(def.p)));
      continue;
    }
    const value = pair.value as Node | null;
    walk(value, prop.t, field, ctx, keyRange);
    if (prop.e && isScalar(value) && typeof value.value === 'string' && !prop.e.includes(value.value)) {
      const params = { field, value: value.value, values: prop.e.map((v) => `"${v}"`).join(', ') };
      ctx.out.push(catalogued(ctx.lines, value.range ?? keyRange, 'error', 'schema', 'unsupportedValue', params));
    }
  }
  for (const required of def.r ?? []) {
    if (present.has(required) || required === 'status') continue;
    const field = path ? `${path}.${required}` : required;
    ctx.out.push(catalogued(ctx.lines, anchor, 'error', 'schema', 'missingField', { field }));
  }
}

/** An unknown field, with "did you mean" and a fix renaming it when a known field is close enough. */
function unknownField(ctx: Walk, key: Node | null, range: Range, field: string, known: string[]): Diagnostic {
  const suggestion = isScalar(key) ? closestKey(String(key.value), known) : undefined;
  if (!suggestion || !isScalar(key)) return catalogued(ctx.lines, range, 'error', 'schema', 'unknownField', { field });
  const found = catalogued(ctx.lines, range, 'error', 'schema', 'unknownFieldSuggest', { field, suggestion });
  // The key as written: a quoted key (JSON) stays quoted.
  const quote = key.type === 'QUOTE_DOUBLE' ? '"' : key.type === 'QUOTE_SINGLE' ? "'" : '';
  const label = { key: diagKey('renameTo'), params: { name: suggestion } };
  return { ...found, fix: { from: range[0], to: range[1], insert: `${quote}${suggestion}${quote}`, label } };
}
