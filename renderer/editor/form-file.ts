import { mergeIntoYaml } from './merge-document';
import type { Format } from './convert';
import type { EditorFile } from './files';
import { isRecord, record, text } from '../../common/guards';

/** What the wizard's object becomes as a file: `file` is the open file it goes back into, absent for a new one. */
export interface FormFile {
  file?: EditorFile;
  name: string;
  format: Format;
  text: string;
}

export const nameOf = (manifest: object): string => text(record(record(manifest).metadata).name) ?? '';

/**
 * The text of `file` with its document `index` replaced by the form's object, or null when that document is no
 * longer a DaemonSet (the user edited the file since, or it no longer parses): the object then goes to a new file
 * rather than over a document the form never showed.
 */
export function mergedText(file: EditorFile, index: number, manifest: object): string | null {
  if (file.format === 'yaml') return mergeIntoYaml(file.text, index, manifest, 'DaemonSet');
  if (index !== 0) return null;
  try {
    const value: unknown = JSON.parse(file.text);
    return isRecord(value) && value.kind === 'DaemonSet' ? `${JSON.stringify(manifest, null, 2)}\n` : null;
  } catch {
    return null;
  }
}
