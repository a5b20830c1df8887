import path from 'node:path';
import { PrivateFile } from './private-file.js';
import { isRecord } from '../../../common/guards.js';

export interface ContextMemory {
  selected?: string;
  added?: string[];
}

export interface AppState {
  lastContext?: string;
  contexts: Record<string, ContextMemory>;
}

/** The app's own small state (last context, per-context project choices): JSON, mode 0600, replaced atomically. */
export class StateFile {
  private state: AppState = { contexts: {} };
  private readonly file: PrivateFile;

  constructor(stateDir: string) {
    this.file = new PrivateFile(path.join(stateDir, 'state.json'));
  }

  async load(): Promise<void> {
    try {
      this.state = sanitize(JSON.parse((await this.file.read()) ?? ''));
    } catch {
      // Missing or damaged: start fresh; the file is only a convenience.
      this.state = { contexts: {} };
    }
  }

  get(): AppState {
    return this.state;
  }

  context(name: string): ContextMemory {
    return this.state.contexts[name] ?? {};
  }

  update(change: (state: AppState) => void): Promise<void> {
    change(this.state);
    return this.file.write(JSON.stringify(this.state, null, 2));
  }

  /** Resolves when every pending write has landed. */
  flushed(): Promise<void> {
    return this.file.flushed();
  }
}

function sanitize(value: unknown): AppState {
  const state: AppState = { contexts: {} };
  if (!isRecord(value)) return state;
  if (typeof value.lastContext === 'string') state.lastContext = value.lastContext;
  if (isRecord(value.contexts)) {
    for (const [name, memory] of Object.entries(value.contexts)) {
      if (!isRecord(memory)) continue;
      const entry: ContextMemory = {};
      if (typeof memory.selected === 'string') entry.selected = memory.selected;
      if (Array.isArray(memory.added)) entry.added = memory.added.filter((n): n is string => typeof n === 'string');
      state.contexts[name] = entry;
    }
  }
  return state;
}
