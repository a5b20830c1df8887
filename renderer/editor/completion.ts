import type { EditorSuggestions } from '../../electron/contract/editor-dto';
import { clusterItems, keyKindAt, valueKindAt, type ClusterValueKind, type ClusterWant } from './cluster-values';
import { documentKind, parentPath, propAt, typeAt, typeLabel } from './paths';
import type { SchemaSet } from './schema/types';

export interface CompletionItem {
  label: string;
  /** what to insert */
  apply: string;
  type: 'property' | 'enum' | 'keyword' | 'constant';
  detail?: string;
  info?: string;
  required?: boolean;
  /** a value the cluster offered (its detail is this kind's name, in the UI's language) */
  source?: ClusterValueKind;
}

export interface CompletionResult {
  /** offset where the replaced word starts */
  from: number;
  /** offset where the replaced text ends, when not the cursor (JSON: a closing quote the editor added) */
  to?: number;
  items: CompletionItem[];
  /** what is being completed: a key (field names) or a value (which may hold `:`, `/`, `@`: images) */
  position: 'key' | 'value';
  /** the cluster has values for this place: `items` holds them when `values` were given */
  cluster?: ClusterWant;
}

// What a key or value being typed may hold: label keys carry `.` and `/`, images also `:` and `@`.
const KEY_CHARS = '[A-Za-z0-9_$./-]';
const VALUE_CHARS = '[A-Za-z0-9_.:/@-]';

/**
 * What to offer at `offset`: field names of the object the cursor is in (key position), or enum/boolean values after
 * `key: ` (value position); with `values`, also the cluster's (images in use, the project's ConfigMaps and Secrets,
 * node label keys) where a field takes one. Worked out from the text's indentation, so it works while the text is
 * incomplete.
 */
export function completeAt(
  text: string,
  offset: number,
  schemas: SchemaSet,
  values?: EditorSuggestions,
): CompletionResult | undefined {
  const before = text.slice(0, offset);
  const lineIndex = before.split('\n').length - 1;
  const lineStart = before.lastIndexOf('\n') + 1;
  const prefix = before.slice(lineStart);
  const lines = text.split('\n');
  const { apiVersion, kind, namespace } = documentKind(lines, lineIndex);
  if (!apiVersion || !kind) return undefined;
  const want = (kind: ClusterValueKind | undefined): ClusterWant | undefined =>
    kind ? { kind, ...(namespace !== undefined ? { namespace } : {}) } : undefined;

  const keyPosition = new RegExp(`^(\\s*(?:-\\s+)*)(${KEY_CHARS}*)$`).exec(prefix);
  if (keyPosition) {
    const column = keyPosition[1]?.length ?? 0;
    const path = parentPath(lines, lineIndex, column);
    const type = typeAt(schemas, apiVersion, kind, path);
    const from = offset - (keyPosition[2]?.length ?? 0);
    const cluster = want(keyKindAt(type, path));
    if (cluster) {
      const items = clusterItems(cluster.kind, values, (key) => `${key}: `);
      return { from, items, position: 'key', cluster };
    }
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
    return { from, items, position: 'key' };
  }
  const valuePosition = new RegExp(`^(\\s*(?:-\\s+)*)([A-Za-z0-9_$]+):\\s+(${VALUE_CHARS}*)$`).exec(prefix);
  if (valuePosition) {
    const column = valuePosition[1]?.length ?? 0;
    const key = valuePosition[2] ?? '';
    const parent = parentPath(lines, lineIndex, column);
    const prop = propAt(schemas, apiVersion, kind, [...parent, key]);
    if (!prop) return undefined;
    const from = offset - (valuePosition[3]?.length ?? 0);
    const cluster = want(valueKindAt(typeAt(schemas, apiVersion, kind, parent), parent, key));
    if (cluster) return { from, items: clusterItems(cluster.kind, values, (v) => v), position: 'value', cluster };
    const options = (prop.e ?? (prop.t === 'boolean' ? ['true', 'false'] : [])).filter((v) => v !== '');
    if (options.length === 0) return undefined;
    const type = prop.e ? 'enum' : 'keyword';
    return {
      from,
      items: options.map((v) => ({ label: v, apply: v, type, detail: typeLabel(prop.t), info: prop.d })),
      position: 'value',
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
