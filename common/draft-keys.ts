// What each draft is for, as the key the backend's draft store files it under: never a port or an origin, so a host
// started again on another port (a new origin in the browser) finds the same drafts.

/** Edit mode's open files (one draft: the files, which one is active). */
export const EDITOR_DRAFT = 'editor';
/** The Create wizard's form. */
export const WIZARD_DRAFT = 'wizard';
const LIVE_EDIT = 'edit:';

/** A form edit of a live DaemonSet: one draft per object. */
export function liveEditDraftKey(context: string, namespace: string, name: string): string {
  return `${LIVE_EDIT}${JSON.stringify([context, namespace, name])}`;
}

export type DraftKind = 'editor' | 'wizard' | 'edit';

/** The object a live-edit key names, or undefined when the key is not one. */
export function liveEditTarget(key: string): { context: string; namespace: string; name: string } | undefined {
  if (!key.startsWith(LIVE_EDIT)) return undefined;
  try {
    const parts: unknown = JSON.parse(key.slice(LIVE_EDIT.length));
    if (!Array.isArray(parts) || parts.length !== 3 || !parts.every((p) => typeof p === 'string' && p !== '')) {
      return undefined;
    }
    const [context, namespace, name] = parts as [string, string, string];
    return { context, namespace, name };
  } catch {
    return undefined;
  }
}

export function draftKind(key: string): DraftKind | undefined {
  if (key === EDITOR_DRAFT) return 'editor';
  if (key === WIZARD_DRAFT) return 'wizard';
  return liveEditTarget(key) ? 'edit' : undefined;
}
