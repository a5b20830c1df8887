// Optional persistence of the store under --data DIR: the whole state in one JSON file, written atomically (temp file
// + rename) and debounced so a crash loses at most the last second.
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ObjectStore } from './store.js';

const STATE_FILE = 'state.json';
const MAX_DELAY_MS = 1000;

export function writeFileAtomic(path: string, text: string, mode = 0o600): void {
  const temp = `${path}.${process.pid}.tmp`;
  writeFileSync(temp, text, { mode });
  renameSync(temp, path);
}

export interface Persistence {
  /** Writes any pending change now (on stop). */
  flush(): void;
  stop(): void;
}

/** Loads the saved state (if any) into the store; returns whether there was one. */
export function loadState(store: ObjectStore, dir: string): boolean {
  const path = join(dir, STATE_FILE);
  if (!existsSync(path)) return false;
  const parsed = JSON.parse(readFileSync(path, 'utf8')) as Parameters<ObjectStore['restore']>[0];
  store.restore(parsed);
  return true;
}

export function persistStore(store: ObjectStore, dir: string): Persistence {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  let timer: NodeJS.Timeout | undefined;
  let dirty = false;
  const write = (): void => {
    if (timer) clearTimeout(timer);
    timer = undefined;
    if (!dirty) return;
    dirty = false;
    writeFileAtomic(join(dir, STATE_FILE), JSON.stringify(store.snapshot()));
  };
  const unsubscribe = store.subscribe(() => {
    dirty = true;
    // One timer per burst: the first change of a burst schedules the write, so writes are at most a second apart.
    timer ??= setTimeout(write, MAX_DELAY_MS);
  });
  return {
    flush: write,
    stop() {
      unsubscribe();
      write();
    },
  };
}
