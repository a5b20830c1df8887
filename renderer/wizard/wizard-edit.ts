import { defineStore } from 'pinia';
import { computed, ref, shallowRef, watch } from 'vue';
import type { AppErrorDTO } from '../../electron/contract/dto';
import type { EditableDaemonSet } from '../../electron/contract/detail-dto';
import { api } from '../api/bridge';
import { toErrorDTO } from '../api/errors';
import { STEPS, formFromManifest, stepOf, type DaemonSet } from './form';
import { liveDiff, type DiffLine } from '../editor/live-diff';
import type { DetailTarget } from '../detail/detail';
import { useDetailEditStore } from '../detail/detail-edit';
import { useWizardStore } from './wizard';
import { checkedForm } from './wizard-draft';
import { useDraftsStore } from '../drafts/drafts';
import type { DraftSync } from '../drafts/draft-sync';
import { liveEditDraftKey } from '../../common/draft-keys';
import type { WizardForm } from './form';

const keyOf = (t: DetailTarget): string => `${t.context}/${t.namespace}/${t.name}`;
const draftKeyOf = (t: DetailTarget): string => liveEditDraftKey(t.context, t.namespace, t.name);

/** A live edit's draft: the version it started from and the form as the user left it. */
function liveEditDraft(value: unknown): { base: EditableDaemonSet; form: WizardForm } | null {
  const v = value as { base?: Partial<EditableDaemonSet>; form?: unknown } | null;
  const form = checkedForm(v?.form);
  const base = v?.base;
  if (!form || typeof base?.resourceVersion !== 'string' || typeof base.manifest !== 'object' || !base.manifest) {
    return null;
  }
  return { base: { manifest: base.manifest, resourceVersion: base.resourceVersion }, form };
}

/**
 * The wizard in update mode: a live DaemonSet read with its resourceVersion, shown in the wizard's form, the diff of
 * what applying changes, and the apply itself, handed to the detail edit (detail/detail-edit.ts) so that the update
 * is conditional on the version read and a 409 gives the same conflict view as the YAML edit. The form is kept until
 * the update succeeds or the user discards it: closing the wizard, or opening Create meanwhile, sets it aside.
 */
export const useWizardEditStore = defineStore('wizard-edit', () => {
  const wizard = useWizardStore();
  const detailEdit = useDetailEditStore();
  const drafts = useDraftsStore();
  /** The draft of the edit shown: saved as the user changes the form, dropped once applied or discarded. */
  let draft: DraftSync | null = null;
  const target = shallowRef<DetailTarget | null>(null);
  /** The version the edit started from: the diff is against it, and the update is conditional on it. */
  const base = shallowRef<EditableDaemonSet | null>(null);
  const loading = ref(false);
  const error = ref<AppErrorDTO | null>(null);
  /** The detail edit holds the apply (and its conflict view) until it closes. */
  const handedOver = ref(false);
  let appliedBefore = 0;

  const active = computed(() => wizard.mode === 'update' && base.value !== null);
  /** The drafts key of the edit shown (its notices show in the wizard). */
  const draftKey = computed(() => (target.value ? draftKeyOf(target.value) : null));
  const updated = computed(() => (active.value ? (wizard.manifest as unknown as Record<string, unknown>) : null));
  const diff = computed<DiffLine[]>(() =>
    base.value && updated.value ? liveDiff(base.value.manifest, updated.value) : [],
  );
  /** The conflict view (or an apply in progress) replaces the form in the wizard while the detail edit holds it. */
  const conflictShown = computed(() => handedOver.value && detailEdit.server !== null && detailEdit.phase !== 'closed');
  /** The first apply is on its way (the one after a conflict shows in the conflict view). */
  const applying = computed(() => handedOver.value && detailEdit.server === null && detailEdit.phase === 'applying');

  /** Opens the wizard on the live object; an edit of the same object that was set aside comes back as it was. */
  async function open(next: DetailTarget): Promise<boolean> {
    const key = keyOf(next);
    if (target.value && keyOf(target.value) === key && base.value) {
      if (wizard.mode === 'update') wizard.isOpen = true;
      else if (wizard.parkedUpdate?.key === key) wizard.beginUpdate(key, wizard.parkedUpdate.form);
      else return read(next);
      return true;
    }
    return read(next);
  }

  async function read(next: DetailTarget): Promise<boolean> {
    loading.value = true;
    error.value = null;
    try {
      // An edit left unfinished (a closed window, a crash) comes back from its draft, on the version it started from:
      // applying it is then conditional on that version, and a change made meanwhile shows as a conflict.
      const sync = drafts.sync(draftKeyOf(next), {
        apply: (value) => {
          const saved = liveEditDraft(value);
          if (saved && target.value && draftKeyOf(target.value) === sync.key) {
            base.value = saved.base;
            wizard.form = saved.form;
          }
        },
      });
      const saved = liveEditDraft((await sync.load())?.value);
      const live = saved?.base ?? (await api().services.detail.editable(next.context, next.namespace, next.name));
      target.value = next;
      base.value = live;
      draft = sync;
      wizard.beginUpdate(
        keyOf(next),
        saved?.form ?? formFromManifest(live.manifest as unknown as DaemonSet, next.namespace),
      );
      return true;
    } catch (e) {
      error.value = toErrorDTO(e);
      return false;
    } finally {
      loading.value = false;
    }
  }

  /** Applies the form's object: refused locally while any step has errors, else the conditional update. */
  async function apply(): Promise<boolean> {
    const t = target.value;
    const from = base.value;
    const object = updated.value;
    if (!t || !from || !object || handedOver.value) return false;
    for (const s of STEPS) wizard.attempted.add(s);
    const firstBad = Object.entries(wizard.issues).find(([, list]) => list.some((i) => i.severity === 'error'));
    if (firstBad) {
      wizard.step = stepOf(firstBad[0]);
      return false;
    }
    if (diff.value.length === 0) return false;
    appliedBefore = detailEdit.appliedCount;
    handedOver.value = true;
    const ok = await detailEdit.applyFrom(t, from, object);
    if (!ok && detailEdit.phase !== 'conflict') {
      // Not a conflict (a 422, a lost connection): the form stays, with the server's word at its fields.
      const failure = detailEdit.error;
      handedOver.value = false;
      detailEdit.discard();
      if (failure) wizard.takeServerError(failure);
    }
    return ok;
  }

  function finish(keepDraft = false): void {
    if (!keepDraft) void draft?.discard().catch(() => undefined);
    draft = null;
    target.value = null;
    base.value = null;
    handedOver.value = false;
    if (wizard.mode === 'update') wizard.endUpdate();
  }

  /** Drops the edit (and the conflict view, if one is open); the create draft comes back untouched. */
  function discard(): void {
    if (handedOver.value) detailEdit.discard();
    const key = draft?.key;
    draft = null;
    if (key) void drafts.discard(key).catch(() => undefined);
    finish(true);
  }

  // The form as the user changes it is the edit's draft (the version it started from beside it); an edit that changes
  // nothing keeps none, so opening Edit again reads the live object afresh.
  watch(
    () => wizard.form,
    (form) => {
      if (!active.value || !draft || !base.value || handedOver.value) return;
      if (diff.value.length > 0) draft.save({ base: base.value, form });
      else void draft.discard().catch(() => undefined);
    },
    { deep: true },
  );

  // The detail edit closes after a successful apply (its appliedCount grows) or when the user discards the conflict
  // view: then the form, still as the user left it, shows again.
  watch(
    () => detailEdit.phase,
    (phase) => {
      if (phase !== 'closed' || !handedOver.value) return;
      if (detailEdit.appliedCount !== appliedBefore) finish();
      else handedOver.value = false;
    },
  );

  return {
    target,
    base,
    loading,
    error,
    handedOver,
    active,
    draftKey,
    diff,
    conflictShown,
    applying,
    open,
    apply,
    discard,
  };
});
