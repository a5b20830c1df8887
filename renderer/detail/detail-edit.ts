import { defineStore } from 'pinia';
import { ref, shallowRef } from 'vue';
import type { AppErrorDTO } from '../../electron/contract/dto';
import type { EditableDaemonSet } from '../../electron/contract/detail-dto';
import { api } from '../api/bridge';
import { toErrorDTO } from '../api/errors';
import { deepEqual, editableObject, rebase, selectorChanged, type Rebased } from './rebase';
import { liveDiff, type DiffLine } from '../editor/live-diff';
import { parseYamlText } from '../editor/yaml-model';
import type { SchemaSet } from '../editor/schema/types';
import type { DetailTarget } from './detail';
import { loadSchemasFor } from './detail-schemas';
import { toYaml } from './live-yaml';
import { isRecord } from '../../common/guards';

/**
 * closed → editing → preview (diff) → applying → closed; a 409 leads to conflict (server's version beside the user's)
 * → rebased (the user's changes on the server's version, diff shown) → applying.
 */
export type EditPhase = 'closed' | 'loading' | 'editing' | 'preview' | 'applying' | 'conflict' | 'rebased';

/** Why the text cannot be previewed or sent: an i18n key under detail.edit.problem. */
export type EditProblem = 'syntax' | 'oneDocument' | 'notObject' | 'selector' | 'noChanges';

/**
 * The edit of the open DaemonSet. The user's text is kept until they discard it or it is applied. `via` says where the
 * edit was made: typed as YAML here, or in the wizard's form (which hands its result over to apply, so a 409 shows the
 * same conflict view, in the wizard).
 */
export const useDetailEditStore = defineStore('detail-edit', () => {
  const phase = ref<EditPhase>('closed');
  const text = ref('');
  /** The version the user started from: their changes are the text minus this. */
  const base = shallowRef<EditableDaemonSet | null>(null);
  /** The server's current version after a 409. */
  const server = shallowRef<EditableDaemonSet | null>(null);
  const serverText = ref('');
  const diff = shallowRef<DiffLine[]>([]);
  const rebased = shallowRef<Rebased | null>(null);
  const problem = ref<EditProblem | null>(null);
  const error = ref<AppErrorDTO | null>(null);
  /** Counts successful updates, so the page can say so after the panel closed. */
  const appliedCount = ref(0);
  const via = ref<'yaml' | 'form'>('yaml');
  /** What the YAML editor checks the text against (completion, diagnostics). */
  const schemas = shallowRef<SchemaSet | undefined>(undefined);
  let target: DetailTarget | null = null;
  let schemasFor: string | null = null;

  function reset(): void {
    phase.value = 'closed';
    text.value = '';
    base.value = server.value = rebased.value = null;
    serverText.value = '';
    diff.value = [];
    problem.value = null;
    error.value = null;
    via.value = 'yaml';
  }

  function loadSchemas(context: string): void {
    if (schemasFor === context) return;
    schemasFor = context;
    void loadSchemasFor(context, (loaded) => {
      if (schemasFor === context) schemas.value = loaded;
    });
  }

  async function start(next: DetailTarget): Promise<void> {
    reset();
    target = next;
    phase.value = 'loading';
    loadSchemas(next.context);
    try {
      base.value = await api().services.detail.editable(next.context, next.namespace, next.name);
      text.value = toYaml(base.value.manifest);
      phase.value = 'editing';
    } catch (e) {
      error.value = toErrorDTO(e);
      phase.value = 'closed';
    }
  }

  /** The user's object, or null with `problem` set. */
  function mine(): Record<string, unknown> | null {
    const parsed = parseYamlText(text.value);
    const documents = parsed.documents.filter((d) => d.value !== null);
    if (parsed.diagnostics.some((d) => d.severity === 'error')) problem.value = 'syntax';
    else if (documents.length !== 1) problem.value = 'oneDocument';
    else if (!isRecord(documents[0]?.value)) problem.value = 'notObject';
    else if (base.value && selectorChanged(base.value.manifest, documents[0].value)) problem.value = 'selector';
    else return documents[0].value;
    return null;
  }

  function preview(): void {
    problem.value = null;
    error.value = null;
    const object = mine();
    if (!object || !base.value) return;
    diff.value = liveDiff(base.value.manifest, object);
    if (diff.value.length === 0) problem.value = 'noChanges';
    else phase.value = 'preview';
  }

  function backToEditing(): void {
    phase.value = server.value ? 'conflict' : 'editing';
    problem.value = null;
  }

  /**
   * PUT conditional on the version `against` (the one the shown diff was computed from). A 409 whose current version
   * differs from `against` only in what the server writes itself (status, generation…) is retried with the new
   * resourceVersion: what the user reviewed is still exactly what changes. Any other 409 opens the conflict view.
   */
  async function send(manifest: Record<string, unknown>, against: EditableDaemonSet): Promise<boolean> {
    const t = target;
    if (!t) return false;
    phase.value = 'applying';
    error.value = null;
    let resourceVersion = against.resourceVersion;
    for (let attempt = 0; ; attempt++) {
      try {
        await api().services.detail.update(t.context, t.namespace, t.name, manifest, resourceVersion);
        reset();
        appliedCount.value++;
        return true;
      } catch (e) {
        const failure = toErrorDTO(e);
        if (failure.code !== 'conflict') {
          error.value = failure;
          phase.value = server.value ? 'conflict' : 'editing';
          return false;
        }
      }
      const current = await readCurrent(t);
      if (!current) return false;
      const unchanged = deepEqual(editableObject(current.manifest), editableObject(against.manifest));
      if (!unchanged || attempt >= 4) return showConflict(current);
      resourceVersion = current.resourceVersion;
    }
  }

  async function readCurrent(t: DetailTarget): Promise<EditableDaemonSet | null> {
    try {
      return await api().services.detail.editable(t.context, t.namespace, t.name);
    } catch (e) {
      error.value = toErrorDTO(e);
      phase.value = server.value ? 'conflict' : 'editing';
      return null;
    }
  }

  // The server's current version goes beside the user's text; the text itself is left as it is.
  function showConflict(current: EditableDaemonSet): false {
    server.value = current;
    serverText.value = toYaml(current.manifest);
    rebased.value = null;
    phase.value = 'conflict';
    return false;
  }

  /**
   * Applies an object edited elsewhere (the wizard's form) against the version `from` it was read from, exactly as
   * typed text would be: the same conditional update, and after a 409 the same conflict view with it as the user's text.
   */
  async function applyFrom(next: DetailTarget, from: EditableDaemonSet, manifest: Record<string, unknown>) {
    reset();
    target = next;
    via.value = 'form';
    loadSchemas(next.context);
    base.value = from;
    text.value = toYaml(manifest);
    return send(manifest, from);
  }

  async function apply(): Promise<boolean> {
    const object = mine();
    if (!object || !base.value) return false;
    return send(object, base.value);
  }

  /** The user's own changes (text minus the version they started from) on top of the server's current version. */
  function reapply(): void {
    problem.value = null;
    const object = mine();
    if (!object || !base.value || !server.value) return;
    rebased.value = rebase(base.value.manifest, object, server.value.manifest);
    diff.value = liveDiff(server.value.manifest, rebased.value.result);
    if (diff.value.length === 0) problem.value = 'noChanges';
    else phase.value = 'rebased';
  }

  async function confirmReapply(): Promise<boolean> {
    if (!rebased.value || !server.value) return false;
    return send(rebased.value.result, server.value);
  }

  return {
    phase,
    text,
    base,
    server,
    serverText,
    diff,
    rebased,
    problem,
    error,
    appliedCount,
    via,
    schemas,
    start,
    applyFrom,
    preview,
    backToEditing,
    apply,
    reapply,
    confirmReapply,
    discard: reset,
  };
});
