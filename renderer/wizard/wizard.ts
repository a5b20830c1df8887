import { defineStore } from 'pinia';
import { computed, ref, shallowRef, watch } from 'vue';
import type { AppErrorDTO, NodeSummary, ProjectResources, Readable } from '../../electron/contract/dto';
import { api } from '../api/bridge';
import { toErrorDTO } from '../api/errors';
import {
  STEPS,
  coverage,
  emptyForm,
  errorsIn,
  hasErrors,
  manifestFromForm,
  serverIssues,
  stepOf,
  validateForm,
  type Issue,
  type Issues,
  type StepId,
  formFromManifest,
  updatedManifest,
  type DaemonSet,
  type WizardForm,
  keptFields,
} from './form';
import { useClustersStore } from '../clusters/clusters';
import { ALL_PROJECTS, useProjectsStore } from '../clusters/projects';
import { wizardDraft } from './wizard-draft';
import { wizardIssues } from './wizard-issues';
import { useNameCheck } from '../composables/useNameCheck';
import { useUpdateMode } from '../composables/useUpdateMode';

export type { WizardMode } from '../composables/useUpdateMode';

/**
 * The wizard: one form (a view of one manifest), what the cluster offers its pickers, the live name check,
 * validation merged with the server's answers, dry run and create. Closing keeps the draft; only a successful
 * create (or "discard") clears it.
 */
export const useWizardStore = defineStore('wizard', () => {
  const clusters = useClustersStore();
  const projects = useProjectsStore();
  const isOpen = ref(false);
  const form = ref<WizardForm>(emptyForm('default'));
  const step = ref<StepId>('basic');
  const touched = ref<Set<string>>(new Set());
  const attempted = ref<Set<StepId>>(new Set());
  const nodes = shallowRef<Readable<NodeSummary[]> | null>(null);
  const resources = shallowRef<ProjectResources | null>(null);
  const server = ref<Issues>({});
  const busy = ref<'dryRun' | 'create' | null>(null);
  const dryRunOk = ref(false);
  const loadError = ref<AppErrorDTO | null>(null);

  function resetSteps(): void {
    touched.value = new Set();
    attempted.value = new Set();
    server.value = {};
    step.value = 'basic';
  }
  const { mode, parkedUpdate, beginUpdate, endUpdate, parkUpdate } = useUpdateMode({
    form,
    touched,
    isOpen,
    resetSteps,
    loadPickers: () => void loadPickers(),
  });
  // The saved draft comes back into a form the user has not started; nothing is saved before it was read.
  const untouched = () => mode.value === 'create' && form.value.name === '' && touched.value.size === 0;
  const draft = wizardDraft((saved) => {
    if (mode.value === 'create') form.value = saved ?? emptyForm(form.value.namespace);
  });
  // Typed before the answer came: that form is the user's work now, saved (the one it replaces stays in the previous
  // version of the drafts file, offered back).
  void draft.load().then(
    (saved) => {
      if (saved && untouched()) form.value = saved;
      else if (!untouched() && mode.value === 'create') draft.save(form.value);
    },
    () => undefined,
  );
  const context = computed(() => clusters.activeContext);
  const { nameTaken, checkName } = useNameCheck(
    form,
    () => context.value,
    () => isOpen.value && mode.value === 'create',
  );
  // In update mode the form's base is the live object as read: the update is written onto it.
  const manifest = computed(() =>
    mode.value === 'update'
      ? (updatedManifest(form.value, form.value.base) as DaemonSet)
      : manifestFromForm(form.value),
  );
  const nodeCoverage = computed(() => {
    const list = nodes.value;
    const pod = manifest.value.spec?.template.spec;
    // An update gets back the room its own pods take (they are replaced).
    const self = mode.value === 'update' ? form.value.base.metadata?.uid : undefined;
    return list?.allowed && pod ? coverage(pod, list.value, self) : null;
  });
  const desiredPods = computed(() => nodeCoverage.value?.filter((n) => n.runs).length);
  const podQuotaRoom = computed(() => {
    const q = resources.value?.quota;
    const pods = q?.allowed ? q.value?.pods : undefined;
    return pods ? Number(pods.hard) - Number(pods.used) : undefined;
  });
  const issues = computed<Issues>(() =>
    wizardIssues({
      form: form.value,
      updating: mode.value === 'update',
      // A live object's name is its own: the creation check does not apply.
      nameTaken: mode.value === 'create' && nameTaken.value,
      desiredPods: desiredPods.value,
      podQuotaRoom: podQuotaRoom.value,
      resources: resources.value,
      server: server.value,
    }),
  );
  // Values the form cannot show, kept as written (form/kept.ts): shown at their fields and on the review.
  const kept = computed(() => keptFields(form.value));
  const nameValid = computed(() => !(issues.value.name ?? []).some((i) => i.severity === 'error'));

  /** Issues to show at a field: after the user touched it, or tried to leave its step, or the server spoke. */
  function shownIssues(path: string): Issue[] {
    const list = issues.value[path] ?? [];
    if (touched.value.has(path) || attempted.value.has(stepOf(path))) return list;
    // What the cluster said (a clash, a 422) and warnings show at once.
    return list.filter((i) => i.code === 'server' || i.code === 'nameTaken' || i.severity === 'warning');
  }
  const touch = (path: string) => touched.value.add(path);
  const stepErrors = (id: StepId) => errorsIn(issues.value, id);

  let pickerLoads = 0;
  async function loadPickers(): Promise<void> {
    const ctx = context.value;
    if (!ctx) return;
    // Only the latest load counts: an answer for a project the user has left must not overwrite the current one.
    const load = ++pickerLoads;
    loadError.value = null;
    try {
      const [n, r] = await Promise.all([
        api().services.wizard.nodes(ctx),
        api().services.wizard.projectResources(ctx, form.value.namespace),
      ]);
      if (load !== pickerLoads) return;
      nodes.value = n;
      resources.value = r;
    } catch (error) {
      if (load === pickerLoads) loadError.value = toErrorDTO(error);
    }
  }

  function open(): void {
    parkUpdate();
    const selected = projects.selected;
    const namespace = selected && selected !== ALL_PROJECTS ? selected : (projects.projects[0] ?? 'default');
    // A draft left open by accident comes back as it was; a fresh one starts in the selected project.
    if (form.value.name === '' && !touched.value.size) form.value = emptyForm(namespace);
    isOpen.value = true;
    // A reopened draft's name may have been taken meanwhile.
    checkName(0);
    void loadPickers();
  }
  const close = () => (isOpen.value = false);
  /** Opens the wizard on an existing manifest (an imported file): the form shows what it knows, keeps the rest. */
  function openFrom(manifestToEdit: DaemonSet): void {
    parkUpdate();
    form.value = formFromManifest(manifestToEdit, form.value.namespace);
    resetSteps();
    isOpen.value = true;
    checkName(0);
    void loadPickers();
  }
  /** Drops the draft (the user may undo it once); after a create, `created` drops it for good. */
  function discard(created = false): void {
    void (created ? draft.clear() : draft.discard()).catch(() => undefined);
    form.value = emptyForm(form.value.namespace);
    resetSteps();
    isOpen.value = false;
  }

  function goTo(next: StepId): void {
    attempted.value.add(step.value);
    step.value = next;
  }
  /** Next: stays, showing the errors, while the current step has any. */
  function next(): boolean {
    attempted.value.add(step.value);
    if (stepErrors(step.value).length > 0) return false;
    const at = STEPS.indexOf(step.value);
    step.value = STEPS[Math.min(at + 1, STEPS.length - 1)] ?? 'review';
    return true;
  }
  function back(): void {
    const at = STEPS.indexOf(step.value);
    step.value = STEPS[Math.max(at - 1, 0)] ?? 'basic';
  }

  /** Places what the server said at the fields it names (a 422's causes), else on the review step. */
  function takeServerError(dto: AppErrorDTO): void {
    server.value = serverIssues(form.value, dto.message, dto.causes);
    const first = Object.keys(server.value)[0];
    if (first && stepOf(first) !== 'review') {
      for (const s of STEPS) attempted.value.add(s);
      step.value = stepOf(first);
    }
  }

  /** Shows every step's errors and goes to the first step with one; true when there is none (Create, Export). */
  function checkAll(): boolean {
    for (const s of STEPS) attempted.value.add(s);
    if (!hasErrors(validateForm(form.value, { nameTaken: nameTaken.value }))) return true;
    step.value = STEPS.find((s) => stepErrors(s).length > 0) ?? step.value;
    return false;
  }

  async function submit(dryRun: boolean): Promise<boolean> {
    const ctx = context.value;
    if (!ctx || busy.value) return false;
    if (!checkAll()) return false;
    busy.value = dryRun ? 'dryRun' : 'create';
    server.value = {};
    dryRunOk.value = false;
    try {
      const body = JSON.parse(JSON.stringify(manifest.value)) as Record<string, unknown>;
      await api().services.daemonsets.create(ctx, form.value.namespace, body, { dryRun });
      if (dryRun) dryRunOk.value = true;
      return true;
    } catch (error) {
      takeServerError(toErrorDTO(error));
      return false;
    } finally {
      busy.value = null;
    }
  }
  const dryRun = () => submit(true);
  async function create(): Promise<boolean> {
    const namespace = form.value.namespace;
    if (!(await submit(false))) return false;
    discard(true);
    // The list shows the project the DaemonSet went to, where it appears as Updating, then Running.
    if (projects.selected !== ALL_PROJECTS && projects.selected !== namespace && context.value) {
      await projects.select(namespace);
    }
    return true;
  }

  watch(
    () => form.value.namespace,
    () => void loadPickers(),
  );
  // Create is offered with no cluster connected too: once one connects, the open wizard reads its pickers and nodes.
  watch(
    () => clusters.connection.state === 'connected',
    (connected) => {
      if (connected && isOpen.value) void loadPickers();
    },
  );
  // The server's word holds until the user changes the form.
  watch(
    form,
    () => {
      if (busy.value === null) {
        server.value = {};
        dryRunOk.value = false;
      }
      // An update edits a live object: its form is no creation draft.
      if (mode.value === 'create' && (form.value.name !== '' || touched.value.size > 0)) draft.save(form.value);
    },
    { deep: true },
  );

  return {
    isOpen,
    form,
    step,
    touched,
    attempted,
    nodes,
    resources,
    nameTaken,
    busy,
    dryRunOk,
    loadError,
    manifest,
    nodeCoverage,
    desiredPods,
    podQuotaRoom,
    issues,
    kept,
    nameValid,
    shownIssues,
    touch,
    stepErrors,
    open,
    openFrom,
    close,
    discard,
    goTo,
    next,
    back,
    dryRun,
    checkAll,
    create,
    loadPickers,
    mode,
    parkedUpdate,
    beginUpdate,
    endUpdate,
    takeServerError,
  };
});
