import { EDITOR_DRAFT, WIZARD_DRAFT, liveEditTarget } from '../../common/draft-keys';

type Translate = (key: string, named?: Record<string, unknown>, plural?: number) => string;

/** What a draft is for, in the user's words ("the Create form", "3 files in edit mode", "the edit of agent ..."). */
export function describeDraft(t: Translate, key: string, editorFiles: number): string {
  if (key === WIZARD_DRAFT) return t('drafts.what.wizard');
  if (key === EDITOR_DRAFT) return t('drafts.what.editor', { count: editorFiles }, editorFiles);
  const target = liveEditTarget(key);
  return target ? t('drafts.what.edit', target) : t('drafts.unknown');
}

/** How many drafts the user sees in a set: the editor's draft counts its files. */
export function draftCount(keys: readonly string[], editorFiles: number): number {
  return keys.reduce((n, key) => n + (key === EDITOR_DRAFT ? editorFiles : 1), 0);
}
