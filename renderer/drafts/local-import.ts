import type { DraftServices } from './draft-sync';
import { EDITOR_DRAFT, WIZARD_DRAFT } from '../../common/draft-keys';
import { isRecord } from '../../common/guards';
import { ApiError } from '../api/errors';

// Where the previous version of the app kept drafts in the page's localStorage (one origin, so one port of the browser
// host): read once into the backend's store, then removed, so that they follow the user to any port.
const LOCAL_KEYS = { [EDITOR_DRAFT]: 'everynode.editor.drafts.v1', [WIZARD_DRAFT]: 'everynode.wizard.draft' } as const;

type Storage = Pick<globalThis.Storage, 'getItem' | 'removeItem'>;

/**
 * Imports each localStorage draft the backend has no draft for (the backend's copy is at least as new: the editor
 * saved to both), then removes it. A value the contract refuses (damaged, another shape) is dropped with it.
 */
export async function importLocalDrafts(
  services: Pick<DraftServices, 'get' | 'put'>,
  storage: Storage | undefined = globalThis.localStorage as Storage | undefined,
): Promise<string[]> {
  const imported: string[] = [];
  if (!storage) return imported;
  for (const [key, localKey] of Object.entries(LOCAL_KEYS)) {
    let value: unknown;
    try {
      value = JSON.parse(storage.getItem(localKey) ?? 'null');
    } catch {
      value = null;
    }
    if (!isRecord(value) || (Array.isArray(value.files) && value.files.length === 0)) {
      storage.removeItem(localKey);
      continue;
    }
    try {
      if ((await services.get(key)) === null) {
        await services.put(key, value, 0);
        imported.push(key);
      }
      storage.removeItem(localKey);
    } catch (error) {
      // Refused as malformed: dropped. Not reached (the backend is gone): kept for the next start.
      if (error instanceof ApiError && error.code === 'invalid-argument') storage.removeItem(localKey);
    }
  }
  return imported;
}
