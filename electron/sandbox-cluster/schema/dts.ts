// A reader for the generated declaration files of the `kubernetes-types` package. Those files are produced from the
// upstream OpenAPI spec and keep every type, field and description, in a very regular shape:
//   /** description */ export interface Name { /** description */ [readonly] field[?]: Type; ... }
//   /** description */ export type Alias = string;
//   import { A, B } from "../meta/v1";
// We read that shape rather than ship the upstream spec text ourselves.

export type TypeExpr =
  | { kind: 'string' | 'number' | 'boolean' | 'int-or-string' | 'unknown' }
  | { kind: 'literal'; value: string }
  | { kind: 'named'; name: string }
  | { kind: 'array'; items: TypeExpr }
  | { kind: 'map'; values: TypeExpr };

export interface DtsField {
  name: string;
  type: TypeExpr;
  description?: string;
  optional: boolean;
  readonly: boolean;
}

export interface DtsDeclaration {
  name: string;
  description?: string;
  /** Present for interfaces. */
  fields?: DtsField[];
  /** Present for type aliases. */
  alias?: TypeExpr;
}

export interface DtsFile {
  /** Local name -> module specifier it is imported from (relative, e.g. "../meta/v1"). */
  imports: Map<string, string>;
  declarations: DtsDeclaration[];
}

/** Turns a JSDoc block into plain text: stars and indentation removed, paragraphs kept. */
function commentText(raw: string): string {
  const body = raw.replace(/^\/\*\*/, '').replace(/\*\/$/, '');
  return body
    .split('\n')
    .map((line) => line.replace(/^\s*\* ?/, ''))
    .join('\n')
    .trim();
}

export function parseTypeExpr(text: string): TypeExpr {
  const t = text.trim();
  if (t === 'string') return { kind: 'string' };
  if (t === 'number') return { kind: 'number' };
  if (t === 'boolean') return { kind: 'boolean' };
  if (t === 'number | string' || t === 'string | number') return { kind: 'int-or-string' };
  const literal = /^["'](.*)["']$/.exec(t);
  if (literal) return { kind: 'literal', value: literal[1] ?? '' };
  const array = /^Array<(.*)>$/s.exec(t);
  if (array) return { kind: 'array', items: parseTypeExpr(array[1] ?? '') };
  const map = /^\{\s*\[\w+: string\]:\s*(.*?);?\s*\}$/s.exec(t);
  if (map) return { kind: 'map', values: parseTypeExpr(map[1] ?? '') };
  if (/^[A-Za-z_][\w.]*$/.test(t)) return { kind: 'named', name: t };
  return { kind: 'unknown' };
}

/** Index of the `;` that ends a member, skipping nested braces and angle brackets. */
function memberEnd(text: string, from: number): number {
  let depth = 0;
  for (let i = from; i < text.length; i++) {
    const c = text[i];
    if (c === '{' || c === '<' || c === '(') depth++;
    else if (c === '}' || c === '>' || c === ')') depth--;
    else if (c === ';' && depth === 0) return i;
  }
  return text.length;
}

function parseInterfaceBody(body: string): DtsField[] {
  const fields: DtsField[] = [];
  let pos = 0;
  let pendingComment: string | undefined;
  while (pos < body.length) {
    const rest = body.slice(pos);
    const ws = /^\s+/.exec(rest);
    if (ws) {
      pos += ws[0].length;
      continue;
    }
    if (rest.startsWith('/**')) {
      const end = body.indexOf('*/', pos) + 2;
      pendingComment = commentText(body.slice(pos, end));
      pos = end;
      continue;
    }
    const member = /^(readonly\s+)?["']?([\w$-]+)["']?(\?)?\s*:/.exec(rest);
    if (!member) {
      pos = memberEnd(body, pos) + 1;
      pendingComment = undefined;
      continue;
    }
    const typeStart = pos + member[0].length;
    const end = memberEnd(body, typeStart);
    fields.push({
      name: member[2] ?? '',
      type: parseTypeExpr(body.slice(typeStart, end)),
      description: pendingComment,
      optional: member[3] === '?',
      readonly: member[1] !== undefined,
    });
    pendingComment = undefined;
    pos = end + 1;
  }
  return fields;
}

/** Index of the `}` matching the `{` at `open`; braces inside comments (JSON examples in descriptions) do not count. */
function closingBrace(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    if (text.startsWith('/*', i)) {
      const end = text.indexOf('*/', i + 2);
      if (end < 0) return text.length;
      i = end + 1;
      continue;
    }
    if (text[i] === '{') depth++;
    else if (text[i] === '}' && --depth === 0) return i;
  }
  return text.length;
}

export function parseDts(source: string): DtsFile {
  const imports = new Map<string, string>();
  for (const m of source.matchAll(/import\s*\{([^}]*)\}\s*from\s*["']([^"']+)["']/g)) {
    for (const name of (m[1] ?? '').split(',')) {
      const local = name.trim();
      if (local) imports.set(local, m[2] ?? '');
    }
  }
  const declarations: DtsDeclaration[] = [];
  const declRe = /(\/\*\*(?:[^*]|\*(?!\/))*\*\/\s*)?export\s+(interface|type)\s+(\w+)\s*(=\s*([^;]+);|\{)/g;
  let m: RegExpExecArray | null;
  while ((m = declRe.exec(source)) !== null) {
    const description = m[1] ? commentText(m[1].trim()) : undefined;
    const name = m[3] ?? '';
    if (m[2] === 'type') {
      declarations.push({ name, description, alias: parseTypeExpr(m[5] ?? '') });
      continue;
    }
    const open = m.index + m[0].length - 1;
    const close = closingBrace(source, open);
    declarations.push({ name, description, fields: parseInterfaceBody(source.slice(open + 1, close)) });
    declRe.lastIndex = close + 1;
  }
  return { imports, declarations };
}
