import { manifestFromForm, validateForm, type WizardForm } from './form';
import { isRecord } from '../../common/guards';

// The wizard's draft in localStorage, so a closed window or a reload does not lose what the user typed. The form is
// plain JSON (rows keep the manifest objects they came from), so it is stored as is.
const KEY = 'everynode.wizard.draft';
const SAVE_MS = 500;

type Storage = Pick<globalThis.Storage, 'getItem' | 'setItem' | 'removeItem'>;
const storage = (): Storage | undefined => globalThis.localStorage as Storage | undefined;

/** The saved draft, when there is one and it still has the form's shape. */
export function loadDraft(from: Storage | undefined = storage()): WizardForm | null {
  try {
    const value: unknown = JSON.parse(from?.getItem(KEY) ?? 'null');
    if (!isRecord(value) || typeof value.name !== 'string' || typeof value.namespace !== 'string') return null;
    for (const list of ['containers', 'initContainers', 'volumes', 'labels', 'tolerations', 'nodes', 'nodeSelector']) {
      if (!Array.isArray(value[list])) return null;
    }
    if (!isRecord(value.base)) return null;
    const form = value as unknown as WizardForm;
    // A draft saved by another version of the app may differ deeper down: one this version cannot check and write
    // would break the wizard each time it opens, so it is dropped instead.
    validateForm(form);
    manifestFromForm(form);
    return form;
  } catch {
    return null;
  }
}

let timer: ReturnType<typeof setTimeout> | undefined;

/** Saves shortly after the last change. */
export function saveDraftSoon(form: WizardForm, to: Storage | undefined = storage()): void {
  clearTimeout(timer);
  const text = JSON.stringify(form);
  timer = setTimeout(() => {
    try {
      to?.setItem(KEY, text);
    } catch {
      // A full or unavailable storage only costs the draft's survival across reloads.
    }
  }, SAVE_MS);
}

export function clearDraft(to: Storage | undefined = storage()): void {
  clearTimeout(timer);
  to?.removeItem(KEY);
}
