import { isMap, isScalar, isSeq, parseAllDocuments, type Document, type Node } from 'yaml';
import { isRecord } from '../../common/guards';

const isCollection = (value: unknown): boolean => typeof value === 'object' && value !== null;

// The form sees keys as toJS (and kubectl) make them: `1:` is "1", YAML 1.1's `y:` is "true", `~:` is "". Matching on
// the raw scalar instead would leave such a key in the text after the form removed or changed it.
function keyText(key: unknown): string | undefined {
  if (!isScalar(key)) return undefined;
  return key.value === null ? '' : String(key.value);
}

/**
 * Writes a plain value into an existing YAML node tree, changing only what differs: nodes whose value is unchanged
 * are kept as they are (their comments, quoting, `0644` spelling), keys the value no longer has are removed, new ones
 * are appended. This is how the form's object goes back into the YAML text without losing the user's comments.
 */
function update(doc: Document, node: unknown, value: unknown): unknown {
  if (isRecord(value) && isMap(node)) {
    const seen = new Set<string>();
    for (const pair of [...node.items]) {
      const key = keyText(pair.key);
      if (key === undefined) continue;
      // A second spelling of a key already seen (`"1"` and `1`) would override the form's value when read back.
      if (!Object.hasOwn(value, key) || seen.has(key)) node.items.splice(node.items.indexOf(pair), 1);
      seen.add(key);
    }
    for (const [key, item] of Object.entries(value)) {
      const pair = node.items.find((p) => keyText(p.key) === key);
      if (pair) pair.value = update(doc, pair.value, item);
      else node.set(key, doc.createNode(item));
    }
    return node;
  }
  if (Array.isArray(value) && isSeq(node)) {
    value.forEach((item, i) => {
      node.items[i] = i < node.items.length ? update(doc, node.items[i], item) : doc.createNode(item);
    });
    node.items.length = value.length;
    return node;
  }
  if (isScalar(node) && !isCollection(value)) {
    if (node.value !== value) {
      node.value = value;
      // The old spelling (quotes, `0644`) described the old value; let the new one be written plainly.
      delete node.type;
      delete node.source;
    }
    return node;
  }
  const created = doc.createNode(value);
  const old = node as Partial<Node> | null;
  if (old && created && typeof created === 'object') {
    if (old.commentBefore) created.commentBefore = old.commentBefore;
    if (old.comment) created.comment = old.comment;
  }
  return created;
}

/**
 * Replaces document `index` of a YAML text by `value`, keeping comments and formatting of everything that did not
 * change. Returns null when the text does not parse, or when that document is not of `kind` (when given): then the
 * caller must not overwrite it.
 */
export function mergeIntoYaml(text: string, index: number, value: object, kind?: string): string | null {
  const docs = Array.from(parseAllDocuments(text, { version: '1.1', prettyErrors: false }));
  if (docs.some((d) => d.errors.length > 0)) return null;
  const doc = docs[index];
  if (!doc || (kind !== undefined && doc.get('kind') !== kind)) return null;
  doc.contents = update(doc, doc.contents, value) as typeof doc.contents;
  return docs.map((d) => d.toString()).join('');
}
