import type { Format } from './convert';
import { MAX_FILE_BYTES } from './manifest-limits';

/** One open file of the editor. */
export interface EditorFile {
  id: string;
  name: string;
  format: Format;
  text: string;
}

export type ReadOutcome = { ok: true; file: EditorFile } | { ok: false; name: string; reason: 'tooLarge' | 'binary' };

let counter = 0;
export function newFileId(): string {
  counter += 1;
  return `f${Date.now().toString(36)}${counter}`;
}

function formatOfName(name: string, text: string): Format {
  if (/\.json$/i.test(name)) return 'json';
  if (/\.ya?ml$/i.test(name)) return 'yaml';
  return text.trimStart().startsWith('{') ? 'json' : 'yaml';
}

/** Reads a picked file as text; refuses files over 20 MB and files that are not UTF-8 text. */
export async function readPickedFile(file: Blob & { name: string }): Promise<ReadOutcome> {
  if (file.size > MAX_FILE_BYTES) return { ok: false, name: file.name, reason: 'tooLarge' };
  const bytes = new Uint8Array(await file.arrayBuffer());
  let text: string;
  try {
    if (bytes.subarray(0, 8192).includes(0)) throw new Error('NUL byte');
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return { ok: false, name: file.name, reason: 'binary' };
  }
  return { ok: true, file: { id: newFileId(), name: file.name, format: formatOfName(file.name, text), text } };
}

/** The file name to save a document under, in the given format. */
export function exportName(name: string, format: Format): string {
  const base = name.replace(/\.(ya?ml|json)$/i, '');
  return `${base}.${format === 'json' ? 'json' : 'yaml'}`;
}
