import type { EditorFile } from './files';

/** Edit mode's draft: the open files and which one is active, saved by the backend as the drafts key `editor`. */
export interface DraftState {
  files: EditorFile[];
  activeId: string | null;
  savedAt: number;
}

const isFile = (value: unknown): value is EditorFile => {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return (
    typeof v.id === 'string' &&
    typeof v.name === 'string' &&
    typeof v.text === 'string' &&
    (v.format === 'yaml' || v.format === 'json')
  );
};

/** The editor's draft in a saved value, its malformed files dropped; null when it holds none. */
export function editorDraftsOf(value: unknown): DraftState | null {
  if (typeof value !== 'object' || value === null) return null;
  const v = value as Partial<Record<keyof DraftState, unknown>>;
  const files = Array.isArray(v.files) ? v.files.filter(isFile) : [];
  if (files.length === 0) return null;
  return {
    files: files.map(({ id, name, text, format }) => ({ id, name, text, format })),
    activeId: typeof v.activeId === 'string' ? v.activeId : null,
    savedAt: typeof v.savedAt === 'number' ? v.savedAt : 0,
  };
}
