import type { EverynodeServices } from '../../electron/contract/services';
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

/**
 * Saves the drafts in localStorage: 'saved'; 'skipped' when they are too large for it (they are left to the backend's
 * copy on disk, the newer copy wins on restore), so this copy does not count as saved; 'failed' when storage refuses.
 */
export function saveDrafts(
  state: DraftState,
  storage: Pick<Storage, 'setItem' | 'removeItem'> = localStorage,
): 'saved' | 'skipped' | 'failed' {
  try {
    const text = JSON.stringify(state);
    // localStorage writes are synchronous: megabytes block the window for seconds.
    if (state.files.length > 0 && text.length > MAX_LOCAL_CHARS) {
      storage.removeItem(KEY);
      return 'skipped';
    }
    if (state.files.length === 0) storage.removeItem(KEY);
    else storage.setItem(KEY, text);
    return 'saved';
  } catch {
    return 'failed';
  }
}

/**
 * The largest part of a drafts save sent in pieces: the contract's DRAFT_PART_CHARS (its validator enforces it), so
 * that no message outgrows the browser host's 16 MiB frames.
 */
export const DRAFT_PART_CHARS = 4 * 1024 * 1024;

type DraftServices = Pick<EverynodeServices['editor'], 'saveDrafts' | 'saveDraftsPart'>;

/** Saves the drafts on the backend: in one call, or as parts of their JSON text when larger than one part. */
export async function saveDraftsRemote(state: DraftState, editor: DraftServices, saveId: string): Promise<void> {
  const text = JSON.stringify(state);
  if (text.length <= DRAFT_PART_CHARS) return editor.saveDrafts(JSON.parse(text) as DraftState);
  const count = Math.ceil(text.length / DRAFT_PART_CHARS);
  for (let index = 0; index < count; index++) {
    await editor.saveDraftsPart(
      saveId,
      index,
      count,
      text.slice(index * DRAFT_PART_CHARS, (index + 1) * DRAFT_PART_CHARS),
    );
  }
}
