import type { EditorSuggestions } from '../../electron/contract/editor-dto';
import { clusterItems, keyKindAt, valueKindAt, type ClusterValueKind, type ClusterWant } from './cluster-values';
import type { CompletionItem, CompletionResult } from './completion';
import { ITEM, propAt, typeAt, typeLabel } from './paths';
import type { SchemaSet } from './schema/types';

interface ObjectFrame {
  kind: 'object';
  /** the key under which this container sits in its parent (ITEM in a list, '' at the top) */
  segment: string;
  phase: 'key' | 'colon' | 'value';
  key?: string;
  keys: Set<string>;
}
interface ArrayFrame {
  kind: 'array';
  segment: string;
}
type Frame = ObjectFrame | ArrayFrame;

interface ScanState {
  stack: Frame[];
  /** set when `until` falls inside a string: where its opening quote is */
  openString?: number;
  /** string values of the top-level object (apiVersion, kind) */
  top: Map<string, string>;
}

/**
 * Reads JSON text up to `until` with a tolerant scanner (the text is usually incomplete while typing): the stack of
 * open objects and arrays, the key each object is at, and whether `until` is inside a string.
 */
function scan(text: string, until: number): ScanState {
  const stack: Frame[] = [];
  const top = new Map<string, string>();
  const segmentHere = (): string => {
    const parent = stack[stack.length - 1];
    if (!parent) return '';
    return parent.kind === 'array' ? ITEM : (parent.key ?? '');
  };
  let i = 0;
  while (i < until) {
    const c = text[i];
    const frame = stack[stack.length - 1];
    if (c === '"') {
      let j = i + 1;
      while (j < until && text[j] !== '"') j += text[j] === '\\' ? 2 : 1;
      if (j >= until) return { stack, top, openString: i };
      const value = text.slice(i + 1, j);
      if (frame?.kind === 'object' && frame.phase === 'key') {
        frame.key = value;
        frame.keys.add(value);
        frame.phase = 'colon';
      } else if (frame?.kind === 'object' && stack.length === 1 && frame.key) {
        top.set(frame.key, value);
      } else if (frame?.kind === 'object' && stack.length === 2 && frame.segment === 'metadata' && frame.key) {
        top.set(`metadata.${frame.key}`, value);
      }
      i = j + 1;
      continue;
    }
    if (c === '{') stack.push({ kind: 'object', segment: segmentHere(), phase: 'key', keys: new Set() });
    else if (c === '[') stack.push({ kind: 'array', segment: segmentHere() });
    else if (c === '}' || c === ']') stack.pop();
    else if (c === ':' && frame?.kind === 'object') frame.phase = 'value';
    else if (c === ',' && frame?.kind === 'object') {
      frame.phase = 'key';
      frame.key = undefined;
    }
    i++;
  }
  return { stack, top };
}

/**
 * Completion in JSON mode, as completeAt does for YAML: field names where a key goes (inserted quoted, with the
 * colon), enum and boolean values after a key's colon.
 */
export function completeJsonAt(
  text: string,
  offset: number,
  schemas: SchemaSet,
  values?: EditorSuggestions,
): CompletionResult | undefined {
  const { top } = scan(text, text.length);
  const apiVersion = top.get('apiVersion');
  const kind = top.get('kind');
  if (!apiVersion || !kind) return undefined;
  const namespace = top.get('metadata.namespace');
  const want = (kind: ClusterValueKind | undefined): ClusterWant | undefined =>
    kind ? { kind, ...(namespace !== undefined ? { namespace } : {}) } : undefined;
  const state = scan(text, offset);
  const frame = state.stack[state.stack.length - 1];
  if (frame?.kind !== 'object') return undefined;
  const inString = state.openString !== undefined;
  const word = inString
    ? text.slice((state.openString ?? 0) + 1, offset)
    : (/[A-Za-z0-9_$.:/@-]*$/.exec(text.slice(0, offset))?.[0] ?? '');
  if (inString && !/^[A-Za-z0-9_$.:/@-]*$/.test(word)) return undefined;
  // Inside a string the word starts after its quote (the editor's filter matches labels against the typed word), and
  // the inserted text carries only the closing quote.
  const from = offset - word.length;
  const quoted = (value: string): string => (inString ? `${value}"` : `"${value}"`);
  // An editor that closed the quote for us leaves it right after the cursor: replace it too.
  const to = inString && text[offset] === '"' ? offset + 1 : offset;
  const path = state.stack.slice(1).map((f) => f.segment);

  if (frame.phase === 'key') {
    const type = typeAt(schemas, apiVersion, kind, path);
    const cluster = want(keyKindAt(type, path));
    if (cluster) {
      const items = clusterItems(cluster.kind, values, (key) => `${quoted(key)}: `);
      return { from, to, items, position: 'key', cluster };
    }
    if (!type || typeof type === 'string' || !('ref' in type)) return undefined;
    const def = schemas.defs[type.ref];
    if (!def) return undefined;
    const items = Object.entries(def.p)
      .filter(([name, prop]) => !prop.ro && !frame.keys.has(name))
      .map(([name, prop]): CompletionItem => ({
        label: name,
        apply: `${quoted(name)}: `,
        type: 'property',
        detail: typeLabel(prop.t),
        info: prop.d,
        required: def.r?.includes(name),
      }));
    return { from, to, items, position: 'key' };
  }
  if (frame.phase === 'value' && frame.key !== undefined) {
    const prop = propAt(schemas, apiVersion, kind, [...path, frame.key]);
    if (!prop) return undefined;
    const cluster = want(valueKindAt(typeAt(schemas, apiVersion, kind, path), path, frame.key));
    if (cluster) return { from, to, items: clusterItems(cluster.kind, values, quoted), position: 'value', cluster };
    if (prop.e) {
      const items = prop.e
        .filter((v) => v !== '')
        .map((v): CompletionItem => ({
          label: v,
          apply: quoted(v),
          type: 'enum',
          detail: typeLabel(prop.t),
          info: prop.d,
        }));
      return { from, to, items, position: 'value' };
    }
    if (prop.t === 'boolean' && !inString) {
      const items = ['true', 'false'].map((v): CompletionItem => ({
        label: v,
        apply: v,
        type: 'keyword',
        detail: 'boolean',
        info: prop.d,
      }));
      return { from, to, items, position: 'value' };
    }
  }
  return undefined;
}
