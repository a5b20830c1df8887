// The wizard's live name check: after a short pause in typing, asks the cluster whether the name is free in the
// project. Only the answer for the name still in the form counts.
import { ref, watch, type Ref } from 'vue';
import { api } from '../api/bridge';
import type { WizardForm } from '../wizard/form';

const NAME_CHECK_MS = 300;

export function useNameCheck(
  form: Ref<WizardForm>,
  context: () => string | null | undefined,
  /** False while the wizard is closed or edits a live object (whose name is its own). */
  wanted: () => boolean,
): { nameTaken: Ref<boolean>; checkName: (delay?: number) => void } {
  const nameTaken = ref(false);
  let nameTimer: ReturnType<typeof setTimeout> | undefined;
  function checkName(delay = NAME_CHECK_MS): void {
    const { name, namespace } = form.value;
    nameTaken.value = false;
    clearTimeout(nameTimer);
    const ctx = context();
    if (!ctx || name === '' || !wanted()) return;
    nameTimer = setTimeout(() => {
      api()
        .services.daemonsets.nameAvailable(ctx, namespace, name)
        .then((available) => {
          if (form.value.name === name && form.value.namespace === namespace) nameTaken.value = available === false;
        })
        .catch(() => undefined);
    }, delay);
  }
  watch(
    () => [form.value.name, form.value.namespace] as const,
    () => checkName(),
  );
  return { nameTaken, checkName };
}
