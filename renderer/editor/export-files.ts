import { jsonToYaml, objectsOf, type Format } from './convert';
import type { EditorFile } from './files';

export type Joined = { ok: true; text: string } | { ok: false; file: string };

/** The first line that is neither blank nor a comment: whether the text starts its own document, or has directives. */
function firstLine(text: string): string {
  return text.split('\n').find((line) => line.trim() !== '' && !line.trimStart().startsWith('#')) ?? '';
}

/**
 * Several files as one YAML stream, each YAML file's text as written (its comments, quoting and order), a JSON file
 * converted. Documents are separated by `---` unless a file starts its first document with one itself; a file with
 * directives (`%YAML`) follows an end marker (`...`), the only place the YAML spec allows them after a document.
 */
function joinYaml(files: readonly EditorFile[]): Joined {
  let text = '';
  for (const file of files) {
    let own = file.text;
    if (file.format === 'json') {
      const converted = jsonToYaml(own);
      if (!converted.ok) return { ok: false, file: file.name };
      own = converted.text;
    } else if (objectsOf(own, 'yaml') === null) return { ok: false, file: file.name };
    if (own.trim() === '') continue;
    if (!own.endsWith('\n')) own += '\n';
    const first = firstLine(own);
    if (text !== '') {
      if (first.startsWith('%')) text += '...\n';
      else if (!/^---(\s|$)/.test(first)) text += '---\n';
    }
    text += own;
  }
  return { ok: true, text };
}

/** Several files as one JSON document: one object, or a v1 List of every document (JSON has no comments). */
function joinJson(files: readonly EditorFile[]): Joined {
  const objects: unknown[] = [];
  for (const file of files) {
    const list = objectsOf(file.text, file.format);
    if (!list) return { ok: false, file: file.name };
    objects.push(...list);
  }
  const value = objects.length === 1 ? objects[0] : { apiVersion: 'v1', kind: 'List', items: objects };
  return { ok: true, text: `${JSON.stringify(value, null, 2)}\n` };
}

/** Files as one text in the chosen format ("Export all"); names the first file whose text does not parse. */
export function joinFiles(files: readonly EditorFile[], format: Format): Joined {
  return format === 'yaml' ? joinYaml(files) : joinJson(files);
}
