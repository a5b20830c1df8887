import { defineStore } from 'pinia';
import { ref, shallowRef } from 'vue';
import type { DraftSummary, DraftsState } from '../../electron/contract/dto';
import { api } from '../api/bridge';
import { toErrorDTO } from '../api/errors';
import { EDITOR_DRAFT } from '../../common/draft-keys';
import { DraftSync, type DraftOwner } from './draft-sync';
import { importLocalDrafts } from './local-import';

export interface DraftFailure {
  key: string;
  code: string;
  message: string;
}

/**
 * The app's drafts as a whole: what the backend held when this page loaded (the restore notice), the drafts of the
 * previous version of the file that differ (offered back), the one discard that can be undone, and the drafts whose
 * write failed or was refused. Each draft's owner (editor, wizard, live edit) keeps it in step through a DraftSync
 * made here, so that every sync waits for the start-up load and the one-time import of localStorage.
 */
export const useDraftsStore = defineStore('drafts', () => {
  const services = () => api().services.drafts;
  /** The backend's drafts when this page loaded: what the restore notice names. */
  const restored = shallowRef<DraftSummary[]>([]);
  /** How many files the editor's draft holds (the notice counts files, not the one editor draft). */
  const editorFiles = ref(0);
  const previous = shallowRef<DraftSummary[]>([]);
  const discarded = shallowRef<DraftSummary | null>(null);
  const failures = ref<DraftFailure[]>([]);
  const noticeOpen = ref(false);
  const syncs = new Map<string, DraftSync>();

  let ready: Promise<DraftsState | null> | undefined;
  /** Loads once: imports the drafts today's localStorage held, then reads what the backend holds. */
  function init(): Promise<DraftsState | null> {
    ready ??= (async () => {
      try {
        await importLocalDrafts(services());
        const state = await services().list();
        restored.value = state.drafts;
        previous.value = state.previous;
        discarded.value = state.discarded;
        const editor = state.drafts.find((d) => d.key === EDITOR_DRAFT);
        if (editor) editorFiles.value = countFiles((await services().get(EDITOR_DRAFT))?.value);
        noticeOpen.value = state.drafts.length > 0 || state.previous.length > 0;
        return state;
      } catch (error) {
        failures.value = [...failures.value, { key: '', ...toErrorDTO(error) }];
        return null;
      }
    })();
    return ready;
  }

  /** The one sync of a draft key in this window; writes wait for init(). */
  function sync(key: string, owner: DraftOwner): DraftSync {
    const existing = syncs.get(key);
    if (existing) return existing;
    const created = new DraftSync(
      key,
      services,
      {
        ...owner,
        saved: (at) => {
          failures.value = failures.value.filter((f) => f.key !== key);
          owner.saved?.(at);
        },
        failed: (error) => {
          failures.value = [...failures.value.filter((f) => f.key !== key), { key, ...error }];
          owner.failed?.(error);
        },
      },
      init(),
    );
    syncs.set(key, created);
    return created;
  }

  /** A discard the user may undo once (the wizard's "Discard draft", a live edit dropped). */
  async function discard(key: string): Promise<void> {
    const target = syncs.get(key);
    if (!target) return;
    await target.discard();
    discarded.value = (await services().list()).discarded;
  }

  async function undoDiscard(): Promise<void> {
    try {
      const draft = await services().undoDiscard();
      discarded.value = null;
      syncs.get(draft.key)?.adopt(draft);
    } catch (error) {
      failures.value = [...failures.value, { key: discarded.value?.key ?? '', ...toErrorDTO(error) }];
      discarded.value = null;
    }
  }

  async function restorePrevious(): Promise<void> {
    const drafts = await services().restorePrevious();
    for (const draft of drafts) syncs.get(draft.key)?.adopt(draft);
    previous.value = [];
  }

  /** A refused write: take the other window's version. */
  async function loadSaved(key: string): Promise<void> {
    await syncs.get(key)?.reload();
    failures.value = failures.value.filter((f) => f.key !== key);
  }

  /** A refused write: save this window's version over the other one. */
  async function keepMine(key: string): Promise<void> {
    await syncs.get(key)?.overwrite();
  }

  const dismiss = () => (noticeOpen.value = false);
  const forgetDiscarded = () => (discarded.value = null);

  return {
    restored,
    editorFiles,
    previous,
    discarded,
    failures,
    noticeOpen,
    init,
    sync,
    discard,
    undoDiscard,
    restorePrevious,
    loadSaved,
    keepMine,
    dismiss,
    forgetDiscarded,
  };
});

function countFiles(value: unknown): number {
  const files = (value as { files?: unknown } | null)?.files;
  return Array.isArray(files) ? files.length : 0;
}
