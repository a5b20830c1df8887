import type { EditorFile } from './files';

/**
 * Drafts of the open files, kept in the renderer's localStorage (per origin, so per host). Saved AUTOSAVE_MS after the
 * last keystroke; restored when the editor opens again after a reload or a crash.
 */
export const AUTOSAVE_MS = 500;
const KEY = 'everynode.editor.drafts.v1';
const MAX_LOCAL_CHARS = 1_000_000;

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

export function loadDrafts(storage: Pick<Storage, 'getItem'> = localStorage): DraftState | null {
  try {
    const raw = storage.getItem(KEY);
    if (!raw) return null;
    const value = JSON.parse(raw) as Partial<DraftState>;
    const files = Array.isArray(value.files) ? value.files.filter(isFile) : [];
    if (files.length === 0) return null;
    return {
      files,
      activeId: typeof value.activeId === 'string' ? value.activeId : null,
      savedAt: typeof value.savedAt === 'number' ? value.savedAt : 0,
    };
  } catch {
    return null;
  }
}

/** Saves the drafts; false when storage refuses (quota), so the editor can say the draft is not saved. */
export function saveDrafts(
  state: DraftState,
  storage: Pick<Storage, 'setItem' | 'removeItem'> = localStorage,
): boolean {
  try {
    const text = JSON.stringify(state);
    // localStorage writes are synchronous: megabytes block the window for seconds. Large drafts are left to the
    // backend's copy on disk (the newer copy wins on restore).
    if (state.files.length === 0 || text.length > MAX_LOCAL_CHARS) storage.removeItem(KEY);
    else storage.setItem(KEY, text);
    return true;
  } catch {
    return false;
  }
}
