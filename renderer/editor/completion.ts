import { documentKind, parentPath, propAt, typeAt, typeLabel } from './paths';
import type { SchemaSet } from './schema/types';

export interface CompletionItem {
  label: string;
  /** what to insert */
  apply: string;
  type: 'property' | 'enum' | 'keyword';
  detail?: string;
  info?: string;
  required?: boolean;
}

export interface CompletionResult {
  /** offset where the replaced word starts */
  from: number;
  /** offset where the replaced text ends, when not the cursor (JSON: a closing quote the editor added) */
  to?: number;
  items: CompletionItem[];
}

/**
 * What to offer at `offset`: field names of the object the cursor is in (key position), or enum/boolean values after
 * `key: ` (value position). Worked out from the text's indentation, so it works while the text is incomplete.
 */
export function completeAt(text: string, offset: number, schemas: SchemaSet): CompletionResult | undefined {
  const before = text.slice(0, offset);
  const lineIndex = before.split('\n').length - 1;
  const lineStart = before.lastIndexOf('\n') + 1;
  const prefix = before.slice(lineStart);
  const lines = text.split('\n');
  const { apiVersion, kind } = documentKind(lines, lineIndex);
  if (!apiVersion || !kind) return undefined;

  const keyPosition = /^(\s*(?:-\s+)*)([A-Za-z0-9_$]*)$/.exec(prefix);
  if (keyPosition) {
    const column = keyPosition[1]?.length ?? 0;
    const path = parentPath(lines, lineIndex, column);
    const type = typeAt(schemas, apiVersion, kind, path);
    if (!type || typeof type === 'string' || !('ref' in type)) return undefined;
    const def = schemas.defs[type.ref];
    if (!def) return undefined;
    const siblings = siblingKeys(lines, lineIndex, column);
    const items = Object.entries(def.p)
      .filter(([name, prop]) => !prop.ro && !siblings.has(name))
      .map(([name, prop]): CompletionItem => {
        const nested = typeof prop.t !== 'string';
        return {
          label: name,
          apply: nested ? `${name}:` : `${name}: `,
          type: 'property',
          detail: typeLabel(prop.t),
          info: prop.d,
          required: def.r?.includes(name),
        };
      });
    return { from: offset - (keyPosition[2]?.length ?? 0), items };
  }
  const valuePosition = /^(\s*(?:-\s+)*)([A-Za-z0-9_$]+):\s+([A-Za-z0-9_-]*)$/.exec(prefix);
  if (valuePosition) {
    const column = valuePosition[1]?.length ?? 0;
    const key = valuePosition[2] ?? '';
    const path = [...parentPath(lines, lineIndex, column), key];
    const prop = propAt(schemas, apiVersion, kind, path);
    if (!prop) return undefined;
    const values = prop.e ?? (prop.t === 'boolean' ? ['true', 'false'] : []);
    if (values.length === 0) return undefined;
    const type = prop.e ? 'enum' : 'keyword';
    return {
      from: offset - (valuePosition[3]?.length ?? 0),
      items: values.map((v) => ({ label: v, apply: v, type, detail: typeLabel(prop.t), info: prop.d })),
    };
  }
  return undefined;
}

/** Keys already present at this column in the same object, so completion does not offer them again. */
function siblingKeys(lines: readonly string[], lineIndex: number, column: number): Set<string> {
  const keys = new Set<string>();
  const scan = (from: number, direction: 1 | -1): void => {
    for (let i = from; i >= 0 && i < lines.length; i += direction) {
      const line = lines[i] ?? '';
      if (line.trim() === '' || line.trimStart().startsWith('#')) continue;
      const indent = line.length - line.trimStart().length;
      const dashed = /^(\s*)-\s+/.exec(line);
      if (indent < column && !(dashed && dashed[0].length === column)) {
        // the item's own first line (`- name: x`) still belongs to this object
        if (dashed && direction === -1) {
          const key = /^([A-Za-z0-9_$]+):/.exec(line.slice(dashed[0].length))?.[1];
          if (key && dashed[0].length === column) keys.add(key);
        }
        return;
      }
      if (indent === column || (dashed && dashed[0].length === column)) {
        if (dashed && dashed[0].length === column && i !== lineIndex && direction === 1) return;
        const key = /^([A-Za-z0-9_$]+):/.exec(line.slice(dashed && dashed[0].length === column ? column : indent))?.[1];
        if (key && i !== lineIndex) keys.add(key);
        if (dashed && dashed[0].length === column && direction === -1) return;
      }
    }
  };
  scan(lineIndex - 1, -1);
  scan(lineIndex + 1, 1);
  return keys;
}
