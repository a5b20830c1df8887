import { kindKey, type SchemaProp, type SchemaSet, type SchemaType } from './schema/types';

/** A path segment: a field name, or ITEM for "an element of a list". */
export const ITEM = '[]';

interface LineShape {
  dashes: number[];
  keyCol: number;
  key?: string;
  /** the key has an inline value, so it cannot be a parent */
  inline: boolean;
}

const KEY = /^([A-Za-z0-9_$.\-/"']+)\s*:(?:\s+|$)(.*)$/;

function shape(line: string): LineShape | undefined {
  let col = 0;
  while (line[col] === ' ') col++;
  if (col >= line.length || line[col] === '#') return undefined;
  const dashes: number[] = [];
  while (line[col] === '-' && (line[col + 1] === ' ' || col + 1 === line.length)) {
    dashes.push(col);
    col += 1;
    while (line[col] === ' ') col++;
  }
  const match = KEY.exec(line.slice(col));
  const rest = match?.[2]?.replace(/^(?:[&!][^\s]*\s*)*/, '').trim() ?? '';
  return {
    dashes,
    keyCol: col,
    key: match?.[1]?.replace(/^["']|["']$/g, ''),
    inline: rest !== '' && !rest.startsWith('#') && rest !== '|' && rest !== '>',
  };
}

/**
 * The field path of the node at `column` on line `lineIndex`, worked out from indentation alone so that it also works
 * while the text does not parse (the usual state while typing). Returns the parent path of that column.
 */
export function parentPath(lines: readonly string[], lineIndex: number, column: number): string[] {
  const path: string[] = [];
  let col = column;
  let afterDash = false;
  const take = (s: LineShape, ownLine: boolean): void => {
    const openers: { col: number; key?: string }[] = s.dashes.map((d) => ({ col: d }));
    if (!ownLine && s.key !== undefined && !s.inline) openers.push({ col: s.keyCol, key: s.key });
    for (let i = openers.length - 1; i >= 0; i--) {
      const opener = openers[i];
      if (!opener) continue;
      const parent = opener.col < col || (afterDash && opener.key !== undefined && opener.col === col);
      if (!parent) continue;
      path.unshift(opener.key ?? ITEM);
      afterDash = opener.key === undefined;
      col = opener.col;
    }
  };
  const own = shape((lines[lineIndex] ?? '').slice(0, column) + 'x');
  if (own) take({ ...own, dashes: own.dashes.filter((d) => d < column) }, true);
  for (let i = lineIndex - 1; i >= 0; i--) {
    const line = lines[i] ?? '';
    if (/^(---|\.\.\.)(\s|$)/.test(line)) break;
    const s = shape(line);
    if (!s) continue;
    if (s.dashes.length === 0 && s.keyCol >= col && !(afterDash && s.keyCol === col)) continue;
    take(s, false);
    if (col === 0 && !afterDash) break;
  }
  return path;
}

/** apiVersion, kind and metadata.namespace of the document that holds line `lineIndex`. */
export function documentKind(
  lines: readonly string[],
  lineIndex: number,
): { apiVersion?: string; kind?: string; namespace?: string } {
  let start = lineIndex;
  while (start > 0 && !/^---(\s|$)/.test(lines[start] ?? '')) start--;
  let end = lineIndex + 1;
  while (end < lines.length && !/^---(\s|$)/.test(lines[end] ?? '')) end++;
  const found: { apiVersion?: string; kind?: string; namespace?: string } = {};
  let inMetadata = false;
  for (let i = start; i < end; i++) {
    const line = lines[i] ?? '';
    const match = /^(apiVersion|kind):\s*["']?([^\s"'#]+)/.exec(line);
    if (match?.[1] === 'apiVersion') found.apiVersion = match[2];
    if (match?.[1] === 'kind') found.kind = match[2];
    if (/^\S/.test(line)) inMetadata = /^metadata:\s*(#.*)?$/.test(line);
    const namespace = inMetadata ? /^ +namespace:\s*["']?([^\s"'#]+)/.exec(line)?.[1] : undefined;
    if (namespace) found.namespace = namespace;
  }
  return found;
}

/** The schema type at a path from a kind's root, or undefined when the path leaves the schema. */
export function typeAt(
  schemas: SchemaSet,
  apiVersion: string,
  kind: string,
  path: readonly string[],
): SchemaType | undefined {
  const root = schemas.kinds[kindKey(apiVersion, kind)];
  if (!root) return undefined;
  let type: SchemaType | undefined = { ref: root };
  for (const segment of path) {
    type = step(schemas, type, segment)?.t;
    if (!type) return undefined;
  }
  return type;
}

function step(schemas: SchemaSet, type: SchemaType, segment: string): SchemaProp | undefined {
  if (typeof type === 'string') return undefined;
  if ('arr' in type) return segment === ITEM ? { t: type.arr } : undefined;
  if ('map' in type) return segment === ITEM ? undefined : { t: type.map };
  return schemas.defs[type.ref]?.p[segment];
}

/** The property (with description and enum) a path ends on. */
export function propAt(
  schemas: SchemaSet,
  apiVersion: string,
  kind: string,
  path: readonly string[],
): SchemaProp | undefined {
  const parent = typeAt(schemas, apiVersion, kind, path.slice(0, -1));
  const last = path[path.length - 1];
  return parent && last !== undefined ? step(schemas, parent, last) : undefined;
}

export function typeLabel(type: SchemaType): string {
  if (typeof type === 'string') return type;
  if ('arr' in type) return `[]${typeLabel(type.arr)}`;
  if ('map' in type) return `map[string]${typeLabel(type.map)}`;
  return type.ref.slice(type.ref.lastIndexOf('.') + 1);
}
