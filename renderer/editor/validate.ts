import { isAlias, isMap, isScalar, isSeq, type LineCounter, type Node, type YAMLMap } from 'yaml';
import { makeDiagnostic, type Diagnostic } from './diagnostic';
import { kindKey, type SchemaSet, type SchemaType } from './schema/types';
import type { ParsedDocument } from './yaml-model';

type Range = readonly [number, number];

function describe(type: SchemaType): string {
  if (type === 'int-or-string') return 'an integer or a string';
  if (typeof type === 'string') return /^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`;
  if ('arr' in type) return 'a list';
  return 'an object';
}

function kindOfValue(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value === 'number') return Number.isInteger(value) ? 'an integer' : 'a number';
  if (typeof value === 'boolean') return 'a boolean';
  if (typeof value === 'string') return 'a string';
  return 'a value';
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
    out.push(makeDiagnostic(lines, root.range ?? start, 'error', 'A Kubernetes object must be a mapping.', 'schema'));
    return out;
  }
  const { apiVersion, kind } = document;
  if (!apiVersion || !kind) {
    const missing = !apiVersion ? 'apiVersion' : 'kind';
    out.push(makeDiagnostic(lines, root.range ?? start, 'error', `Missing required field "${missing}".`, 'schema'));
    return out;
  }
  const definition = schemas.kinds[kindKey(apiVersion, kind)];
  if (!definition) {
    const range = keyRange(root, 'kind') ?? start;
    const note = `No schema for ${kind} (${apiVersion}): passed through unchecked (a custom resource?).`;
    out.push(makeDiagnostic(lines, range, 'info', note, 'schema'));
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
      ctx.out.push(makeDiagnostic(ctx.lines, range, 'error', `${path}: expected ${describe(type)}.`, 'schema'));
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
      const hint = type === 'string' ? ' (quote it)' : '';
      const message = `${path}: expected ${describe(type)}, got ${kindOfValue(value)}${hint}.`;
      ctx.out.push(makeDiagnostic(ctx.lines, range, 'error', message, 'schema'));
    }
    return;
  }
  if ('arr' in type) {
    if (!isSeq(node)) {
      ctx.out.push(makeDiagnostic(ctx.lines, range, 'error', `${path}: expected a list.`, 'schema'));
      return;
    }
    node.items.forEach((item, i) => walk(item as Node | null, type.arr, `${path}[${i}]`, ctx, range));
    return;
  }
  if (!isMap(node)) {
    ctx.out.push(makeDiagnostic(ctx.lines, range, 'error', `${path}: expected an object.`, 'schema'));
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
      ctx.out.push(makeDiagnostic(ctx.lines, keyRange, 'error', `unknown field "${field}"`, 'schema'));
      continue;
    }
    const value = pair.value as Node | null;
    walk(value, prop.t, field, ctx, keyRange);
    if (prop.e && isScalar(value) && typeof value.value === 'string' && !prop.e.includes(value.value)) {
      const message = `${field}: Unsupported value "${value.value}": supported values: ${prop.e.map((v) => `"${v}"`).join(', ')}`;
      ctx.out.push(makeDiagnostic(ctx.lines, value.range ?? keyRange, 'error', message, 'schema'));
    }
  }
  for (const required of def.r ?? []) {
    if (present.has(required) || required === 'status') continue;
    const field = path ? `${path}.${required}` : required;
    ctx.out.push(makeDiagnostic(ctx.lines, anchor, 'error', `Missing required field "${field}".`, 'schema'));
  }
}
