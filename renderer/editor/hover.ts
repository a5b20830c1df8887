import { documentKind, parentPath, propAt, typeLabel } from './paths';
import type { SchemaSet } from './schema/types';

export interface HoverDoc {
  from: number;
  to: number;
  path: string;
  type: string;
  description: string;
  enumValues?: string[];
}

/** The schema documentation of the field name under `offset`, if any. */
export function hoverAt(text: string, offset: number, schemas: SchemaSet): HoverDoc | undefined {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const lineEndRaw = text.indexOf('\n', offset);
  const line = text.slice(lineStart, lineEndRaw === -1 ? text.length : lineEndRaw);
  const match = /^(\s*(?:-\s+)*)([A-Za-z0-9_$]+)\s*:/.exec(line);
  if (!match) return undefined;
  const column = match[1]?.length ?? 0;
  const key = match[2] ?? '';
  const keyFrom = lineStart + column;
  if (offset < keyFrom || offset > keyFrom + key.length) return undefined;
  const lines = text.split('\n');
  const lineIndex = text.slice(0, lineStart).split('\n').length - 1;
  const { apiVersion, kind } = documentKind(lines, lineIndex);
  if (!apiVersion || !kind) return undefined;
  const path = [...parentPath(lines, lineIndex, column), key];
  const prop = propAt(schemas, apiVersion, kind, path);
  if (!prop) return undefined;
  return {
    from: keyFrom,
    to: keyFrom + key.length,
    path: path.join('.').replaceAll('.[]', '[]'),
    type: typeLabel(prop.t),
    description: prop.d ?? '',
    enumValues: prop.e,
  };
}
