// The wizard's two modes. `create` makes a new DaemonSet from the creation draft; `update` edits a live one (the
// session itself, the object read and its apply, is wizard/wizard-edit.ts). The create draft is set aside while an
// update is shown, and an update form is set aside (parked) when Create opens meanwhile: no input is lost either way.
import { ref, shallowRef, type Ref } from 'vue';
import { emptyForm, type WizardForm } from '../wizard/form';
import { lastWizardDraft } from '../wizard/wizard-draft';

/** `create` makes a new DaemonSet; `update` edits a live one. */
export type WizardMode = 'create' | 'update';

export interface ModeDeps {
  form: Ref<WizardForm>;
  touched: Ref<Set<string>>;
  isOpen: Ref<boolean>;
  resetSteps: () => void;
  loadPickers: () => void;
}

export function useUpdateMode({ form, touched, isOpen, resetSteps, loadPickers }: ModeDeps) {
  const mode = ref<WizardMode>('create');
  /** The create draft (and which fields were touched), set aside while the wizard edits a live DaemonSet. */
  let createDraft: { form: WizardForm; touched: Set<string> } | null = null;
  /** An update form set aside, with the key of the object it edits; wizard-edit resumes it. */
  const parkedUpdate = shallowRef<{ key: string; form: WizardForm } | null>(null);
  let updateKey = '';

  /** Shows `editForm` (read from a live object identified by `key`) in update mode; the create draft is kept aside. */
  function beginUpdate(key: string, editForm: WizardForm): void {
    if (mode.value === 'create') createDraft = { form: form.value, touched: touched.value };
    mode.value = 'update';
    updateKey = key;
    if (parkedUpdate.value?.key === key) parkedUpdate.value = null;
    form.value = editForm;
    resetSteps();
    isOpen.value = true;
    loadPickers();
  }

  /** Leaves update mode (closed): the create draft comes back; the update form is returned to its owner. */
  function endUpdate(): WizardForm {
    const edited = form.value;
    const draft = createDraft;
    createDraft = null;
    mode.value = 'create';
    updateKey = '';
    resetSteps();
    form.value = draft?.form ?? lastWizardDraft() ?? emptyForm(edited.namespace);
    if (draft) touched.value = draft.touched;
    isOpen.value = false;
    return edited;
  }

  /** Create (or a file's Form view) while an update is open: the update form is parked for wizard-edit to resume. */
  function parkUpdate(): void {
    if (mode.value === 'update') parkedUpdate.value = { key: updateKey, form: endUpdate() };
  }

  return { mode, parkedUpdate, beginUpdate, endUpdate, parkUpdate };
}
