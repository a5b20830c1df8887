import { manifestFromForm, validateForm, type WizardForm } from './form';
import { isRecord } from '../../common/guards';
import { WIZARD_DRAFT } from '../../common/draft-keys';
import { useDraftsStore } from '../drafts/drafts';

// The Create wizard's draft, saved by the backend (drafts key `wizard`) as the user types, so neither a closed window,
// a reload nor a host started again on another port loses it. The form is plain JSON (rows keep the manifest objects
// they came from), so it is saved as is.

/** A saved form, when it still has the form's shape. */
export function checkedForm(value: unknown): WizardForm | null {
  try {
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

/** The create draft as last read or saved: what the wizard shows again after an update closes. */
let last: WizardForm | null = null;
export const lastWizardDraft = (): WizardForm | null =>
  last ? (JSON.parse(JSON.stringify(last)) as WizardForm) : null;

/**
 * The wizard's draft: `load` reads it (saves before that are ignored, so a blank form never replaces it), `save`
 * sends it soon, `discard` drops it with one undo, `clear` drops it after a create. `apply` shows a draft that comes
 * back (undo, previous version, the other window's).
 */
export function wizardDraft(apply: (form: WizardForm | null) => void) {
  const drafts = useDraftsStore();
  let loaded = false;
  const sync = drafts.sync(WIZARD_DRAFT, {
    apply: (value) => {
      last = checkedForm(value);
      apply(last);
    },
  });
  return {
    async load(): Promise<WizardForm | null> {
      try {
        last = checkedForm((await sync.load())?.value);
      } finally {
        loaded = true;
      }
      return lastWizardDraft();
    },
    save(form: WizardForm): void {
      if (!loaded) return;
      last = form;
      sync.save(form);
    },
    discard: () => ((last = null), drafts.discard(WIZARD_DRAFT)),
    clear: () => ((last = null), sync.discard()),
  };
}
