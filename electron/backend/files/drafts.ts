import path from 'node:path';
import type { Draft, DraftSummary, DraftsState } from '../../contract/index.js';
import { EDITOR_DRAFT, draftKind } from '../../../common/draft-keys.js';
import { isRecord } from '../../../common/guards.js';
import { AppError } from '../errors.js';
import { PrivateFile, readPrivateFile, writePrivateFile } from './private-file.js';

interface Saved {
  drafts: Map<string, Draft>;
  discarded: Draft | null;
  lastRevision: number;
}

/**
 * Every draft of the app (common/draft-keys.ts) in drafts.json in the state directory (mode 0600, replaced
 * atomically), shared by every window of one backend. Each write names the revision it replaces and a stale one is
 * refused, so two windows never overwrite each other in silence. The file as this process found it is kept as
 * drafts.previous.json (the last session's drafts) and offered back where it differs: a page that went wrong at
 * start-up cannot lose them. Revisions are one counter for the whole store, so a discarded and re-created draft never
 * reuses a revision a stale window still holds.
 */
export class DraftStore {
  private readonly file: PrivateFile;
  private readonly previousFile: string;
  private loading: Promise<void> | undefined;
  private saved: Saved = { drafts: new Map(), discarded: null, lastRevision: 0 };
  private previous = new Map<string, Draft>();

  constructor(stateDir: string) {
    this.file = new PrivateFile(path.join(stateDir, 'drafts.json'));
    this.previousFile = path.join(stateDir, 'drafts.previous.json');
  }

  private load(): Promise<void> {
    this.loading ??= (async () => {
      const text = await this.file.read();
      this.saved = parse(text);
      const previousText = await readPrivateFile(this.previousFile);
      if (this.saved.drafts.size > 0 && text !== undefined) {
        // This session starts from these drafts: they become the previous version before anything replaces them.
        this.previous = new Map(this.saved.drafts);
        await writePrivateFile(this.previousFile, text);
      } else {
        this.previous = parse(previousText).drafts;
      }
    })();
    return this.loading;
  }

  async list(): Promise<DraftsState> {
    await this.load();
    return {
      drafts: [...this.saved.drafts.values()].map(summary),
      previous: this.differingPrevious().map(summary),
      discarded: this.saved.discarded ? summary(this.saved.discarded) : null,
    };
  }

  async get(key: string): Promise<Draft | null> {
    await this.load();
    return this.saved.drafts.get(key) ?? null;
  }

  async put(key: string, value: unknown, baseRevision: number): Promise<DraftSummary> {
    await this.load();
    this.checkRevision(key, baseRevision);
    const draft = this.stamp(key, value);
    this.saved.drafts.set(key, draft);
    await this.persist();
    return summary(draft);
  }

  async discard(key: string, revision: number): Promise<DraftsState> {
    await this.load();
    this.checkRevision(key, revision);
    const draft = this.saved.drafts.get(key);
    if (draft) {
      this.saved.drafts.delete(key);
      this.saved.discarded = draft;
      await this.persist();
    }
    return this.list();
  }

  async undoDiscard(): Promise<Draft> {
    await this.load();
    const discarded = this.saved.discarded;
    if (!discarded) throw new AppError('not-found', 'There is no discarded draft to bring back.');
    if (this.saved.drafts.has(discarded.key)) {
      throw new AppError(
        'conflict',
        'The discarded draft was not brought back: a newer draft of the same thing exists.',
      );
    }
    const draft = this.stamp(discarded.key, discarded.value);
    this.saved.drafts.set(draft.key, draft);
    this.saved.discarded = null;
    await this.persist();
    return draft;
  }

  async restorePrevious(): Promise<Draft[]> {
    await this.load();
    const restored = this.differingPrevious().map((old) => this.stamp(old.key, old.value));
    for (const draft of restored) this.saved.drafts.set(draft.key, draft);
    if (restored.length > 0) await this.persist();
    return restored;
  }

  /** Resolves when every pending write has landed. */
  async flushed(): Promise<void> {
    await this.load();
    await this.file.flushed();
  }

  private checkRevision(key: string, baseRevision: number): void {
    const current = this.saved.drafts.get(key)?.revision ?? 0;
    if (current === baseRevision) return;
    throw new AppError(
      'conflict',
      current === 0
        ? 'Draft not saved: it was discarded in another window or tab meanwhile.'
        : 'Draft not saved: another window or tab saved this draft meanwhile; load that version to go on.',
    );
  }

  private stamp(key: string, value: unknown): Draft {
    this.saved.lastRevision += 1;
    return { key, revision: this.saved.lastRevision, savedAt: Date.now(), value };
  }

  private differingPrevious(): Draft[] {
    return [...this.previous.values()].filter((old) => {
      const now = this.saved.drafts.get(old.key);
      return now === undefined || JSON.stringify(now.value) !== JSON.stringify(old.value);
    });
  }

  private persist(): Promise<void> {
    const { drafts, discarded, lastRevision } = this.saved;
    return this.file.write(JSON.stringify({ version: 2, lastRevision, drafts: [...drafts.values()], discarded }));
  }
}

function summary({ key, revision, savedAt }: Draft): DraftSummary {
  return { key, revision, savedAt };
}

/** The file's drafts; a missing or damaged file is an empty store, and an entry of no known kind is dropped. */
function parse(text: string | undefined): Saved {
  const saved: Saved = { drafts: new Map(), discarded: null, lastRevision: 0 };
  let value: unknown;
  try {
    value = JSON.parse(text ?? '');
  } catch {
    return saved;
  }
  if (!isRecord(value)) return saved;
  if (value.version !== 2) {
    // The previous version of the app kept only the editor's files, as the whole file.
    const editor = editorFiles(value);
    if (editor)
      saved.drafts.set(EDITOR_DRAFT, { key: EDITOR_DRAFT, revision: 1, savedAt: editor.savedAt, value: editor });
    saved.lastRevision = saved.drafts.size;
    return saved;
  }
  const entries = Array.isArray(value.drafts) ? value.drafts.map(draftOf) : [];
  for (const draft of entries) if (draft) saved.drafts.set(draft.key, draft);
  saved.discarded = draftOf(value.discarded) ?? null;
  const revisions = [...saved.drafts.values(), saved.discarded].map((d) => d?.revision ?? 0);
  saved.lastRevision = Math.max(typeof value.lastRevision === 'number' ? value.lastRevision : 0, ...revisions);
  return saved;
}

function draftOf(value: unknown): Draft | undefined {
  if (!isRecord(value) || typeof value.key !== 'string' || draftKind(value.key) === undefined) return undefined;
  if (typeof value.revision !== 'number' || typeof value.savedAt !== 'number') return undefined;
  return { key: value.key, revision: value.revision, savedAt: value.savedAt, value: value.value };
}

function editorFiles(value: Record<string, unknown>) {
  if (!Array.isArray(value.files)) return undefined;
  const files = value.files
    .filter(isRecord)
    .flatMap((f) =>
      typeof f.id === 'string' &&
      typeof f.name === 'string' &&
      typeof f.text === 'string' &&
      (f.format === 'yaml' || f.format === 'json')
        ? [{ id: f.id, name: f.name, text: f.text, format: f.format }]
        : [],
    );
  if (files.length === 0) return undefined;
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
