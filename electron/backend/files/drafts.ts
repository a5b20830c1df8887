import path from 'node:path';
import type { EditorDrafts } from '../../contract/index.js';
import { PrivateFile } from './private-file.js';
import { isRecord } from '../../../common/guards.js';

/**
 * The editor's drafts on disk (drafts.json in the state directory, mode 0600, replaced atomically), so they survive a
 * crash of the window or of the host, and a browser host restarted on another port (a new origin, so a new
 * localStorage). Writes are serialized; only the newest pending snapshot is written.
 */
export class DraftStore {
  private readonly file: PrivateFile;

  constructor(stateDir: string) {
    this.file = new PrivateFile(path.join(stateDir, 'drafts.json'));
  }

  async load(): Promise<EditorDrafts | null> {
    await this.file.flushed();
    try {
      return sanitize(JSON.parse((await this.file.read()) ?? ''));
    } catch {
      return null;
    }
  }

  save(drafts: EditorDrafts): Promise<void> {
    return this.file.write(JSON.stringify(drafts));
  }
}

function sanitize(value: unknown): EditorDrafts | null {
  if (!isRecord(value) || !Array.isArray(value.files)) return null;
  const files = value.files.filter(isRecord).flatMap((f) =>
    typeof f.id === 'string' &&
    typeof f.name === 'string' &&
    typeof f.text === 'string' &&
    (f.format === 'yaml' || f.format === 'json')
      ? [
          {
            id: f.id,
            name: f.name,
            text: f.text,
            format: f.format === 'json' ? ('json' as const) : ('yaml' as const),
          },
        ]
      : [],
  );
  return {
    files,
    activeId: typeof value.activeId === 'string' ? value.activeId : null,
    savedAt: typeof value.savedAt === 'number' ? value.savedAt : 0,
  };
}

const stores = new Map<string, DraftStore>();
/** One store per state directory, shared by every client of the backend. */
export function draftStore(stateDir: string): DraftStore {
  let store = stores.get(stateDir);
  if (!store) stores.set(stateDir, (store = new DraftStore(stateDir)));
  return store;
}
