import { isMap, isScalar, parseAllDocuments } from 'yaml';

// Secret values that came from somewhere else (an imported file) are kept in the editor's memory only: the drafts
// written to localStorage and to the app's state directory hold them blanked. Values the user typed are theirs and
// are kept. The rest of the text is kept byte for byte, so a restored draft differs only in those values.

interface Found {
  start: number;
  end: number;
  value: string;
}

/** Every data/stringData value of every Secret document in a YAML or JSON text (any number of documents). */
function secretScalars(text: string): Found[] {
  const found: Found[] = [];
  let docs;
  try {
    docs = parseAllDocuments(text);
  } catch {
    return found;
  }
  if (!Array.isArray(docs)) return found;
  for (const doc of docs) {
    const root = doc.contents;
    if (!isMap(root)) continue;
    const kind: unknown = root.get('kind', true);
    if (!isScalar(kind) || kind.value !== 'Secret') continue;
    for (const key of ['data', 'stringData']) {
      const map = root.get(key, true);
      if (!isMap(map)) continue;
      for (const pair of map.items) {
        const node = pair.value;
        if (!isScalar(node) || !node.range || node.value === null || node.value === undefined) continue;
        found.push({ start: node.range[0], end: node.range[1], value: String(node.value) });
      }
    }
  }
  return found;
}

/** The Secret values a text holds, to remember when it is imported. */
export function secretValues(text: string): Set<string> {
  return new Set(secretScalars(text).map((f) => f.value));
}

/** The text with every Secret value found in `foreign` replaced by an empty string. */
export function blankForeignSecrets(text: string, foreign: ReadonlySet<string>): string {
  if (foreign.size === 0) return text;
  const hits = secretScalars(text)
    .filter((f) => f.value !== '' && foreign.has(f.value))
    .sort((a, b) => b.start - a.start);
  let out = text;
  for (const hit of hits) {
    // A block scalar's range ends with its line break: keep it, so the next key stays on its own line.
    const replaced = out.slice(hit.start, hit.end);
    out = out.slice(0, hit.start) + (replaced.endsWith('\n') ? '""\n' : '""') + out.slice(hit.end);
  }
  return out;
}
