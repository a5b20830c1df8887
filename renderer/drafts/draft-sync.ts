import type { Draft, DraftSummary } from '../../electron/contract/dto';
import type { EverynodeServices } from '../../electron/contract/services';
import { ApiError, toErrorDTO } from '../api/errors';

export type DraftServices = EverynodeServices['drafts'];

/**
 * At most this long after a change, the draft is on its way to the backend: a throttle, not a debounce, so steady
 * typing is saved too, and a kill -9 loses well under a second of it.
 */
export const SAVE_MS = 300;

/**
 * The largest part of a draft put sent in pieces: the contract's DRAFT_PART_CHARS (its validator enforces it), so that
 * no message outgrows the browser host's 16 MiB frames.
 */
export const DRAFT_PART_CHARS = 4 * 1024 * 1024;

export interface DraftOwner {
  /** The saved value, after a reload, an undo or a restore of the previous version (null: it is gone). */
  apply(value: unknown): void;
  saved?(savedAt: number): void;
  /** A write failed: `conflict` when another window saved over the revision this one holds. */
  failed?(error: { code: string; message: string }): void;
}

/**
 * One draft of this window, kept in step with the backend's copy: nothing is written before the saved one was read
 * (so a page that starts blank never replaces it), every write names the revision it replaces, and a refused one
 * (another window saved meanwhile) stops writing until the user chooses which version to keep.
 */
export class DraftSync {
  private revision = 0;
  private loading: Promise<Draft | null> | undefined;
  private pending: { value: unknown } | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private writing: Promise<void> | undefined;
  private discarding: Promise<void> = Promise.resolve();
  private saves = 0;
  /** Set by a refused write: nothing more is written until resolved. */
  conflicted = false;

  constructor(
    readonly key: string,
    private readonly services: () => DraftServices,
    private readonly owner: DraftOwner,
    private readonly before: Promise<unknown> = Promise.resolve(),
  ) {}

  /** The saved draft (null when there is none); writes wait for it. */
  load(): Promise<Draft | null> {
    this.loading ??= this.before
      .catch(() => undefined)
      .then(() => this.services().get(this.key))
      .then(
        (draft) => {
          this.revision = draft?.revision ?? 0;
          return draft;
        },
        (error: unknown) => {
          // Not read, so nothing may be written: the next write reads again first.
          this.loading = undefined;
          throw error;
        },
      );
    return this.loading;
  }

  get loaded(): boolean {
    return this.loading !== undefined;
  }

  /** Saves `value` soon (at most SAVE_MS from now). */
  save(value: unknown): void {
    // A snapshot: the owner's reactive object keeps changing under a pending write.
    this.pending = { value: JSON.parse(JSON.stringify(value)) as unknown };
    this.schedule();
  }

  /** Resolves once everything asked for so far has been written (or failed). */
  async flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    while (this.writing || (this.pending && !this.conflicted)) {
      if (!this.writing) this.write();
      await this.writing;
    }
  }

  /** Drops the saved draft (the backend keeps it for one undo); nothing pending is written. */
  async discard(): Promise<void> {
    this.pending = undefined;
    clearTimeout(this.timer);
    this.timer = undefined;
    const discarding = (async () => {
      await this.writing;
      await this.load();
      if (this.revision === 0) return;
      await this.services().discard(this.key, this.revision);
      this.revision = 0;
    })();
    // A write asked for meanwhile (the user types into the fresh form) waits: it goes over no revision at all.
    this.discarding = discarding.catch(() => undefined);
    await discarding;
  }

  /** Takes a draft the backend now holds for this key (undo, previous version, the other window's): the owner shows it. */
  adopt(draft: Draft | null): void {
    this.pending = undefined;
    this.conflicted = false;
    this.revision = draft?.revision ?? 0;
    this.owner.apply(draft?.value ?? null);
  }

  /** After a refused write: the other window's version replaces this one's. */
  async reload(): Promise<void> {
    this.adopt(await this.services().get(this.key));
  }

  /** After a refused write: this window's newest version is saved over the other one, as the user chose. */
  async overwrite(): Promise<void> {
    const current = await this.services().get(this.key);
    this.revision = current?.revision ?? 0;
    this.conflicted = false;
    await this.flush();
  }

  private schedule(): void {
    if (this.timer || this.writing || this.conflicted) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.write();
    }, SAVE_MS);
  }

  private write(): void {
    const next = this.pending;
    if (!next) return;
    this.pending = undefined;
    this.writing = this.discarding
      .then(() => this.load())
      .then(() => this.put(next.value))
      .then((summary) => {
        if (!summary) return;
        this.revision = summary.revision;
        this.owner.saved?.(summary.savedAt);
      })
      .catch((error: unknown) => {
        const dto = toErrorDTO(error);
        if (error instanceof ApiError && error.code === 'conflict') {
          this.conflicted = true;
          // Kept, so "save mine" writes the newest of this window.
          this.pending ??= next;
        }
        this.owner.failed?.(dto);
      })
      .finally(() => {
        this.writing = undefined;
        if (this.pending) this.schedule();
      });
  }

  private async put(value: unknown): Promise<DraftSummary | null> {
    const text = JSON.stringify([this.key, value, this.revision]);
    if (text.length <= DRAFT_PART_CHARS) return this.services().put(this.key, value, this.revision);
    const count = Math.ceil(text.length / DRAFT_PART_CHARS);
    const saveId = `${this.key.slice(0, 40)}-${++this.saves}`;
    let summary: DraftSummary | null = null;
    for (let index = 0; index < count; index++) {
      const part = text.slice(index * DRAFT_PART_CHARS, (index + 1) * DRAFT_PART_CHARS);
      summary = await this.services().putPart(saveId, index, count, part);
    }
    return summary;
  }
}
