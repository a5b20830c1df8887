import { computed, ref, shallowRef, type ShallowRef } from 'vue';
import type { AppErrorDTO, BulkResult, DaemonSetRow, ObjectRef } from '../../electron/contract/dto';
import { api } from '../api/bridge';
import { toErrorDTO } from '../api/errors';
import { useClustersStore } from '../clusters/clusters';

const SUCCESS_TOAST_MS = 8000;

export type ActionKind = 'redeploy' | 'delete';

export interface RowOutcome {
  key: string;
  name: string;
  ok: boolean;
  error?: AppErrorDTO;
}

/** The result of the last redeploy or delete, row by row, for the status line. */
export interface ActionOutcome {
  action: ActionKind;
  results: RowOutcome[];
}

/** Row selection and the redeploy / delete actions of the list store. */
export function createActions(rows: ShallowRef<Map<string, DaemonSetRow>>) {
  const clusters = useClustersStore();
  const selected = shallowRef(new Set<string>());
  const outcome = shallowRef<ActionOutcome | null>(null);
  const running = ref<ActionKind | null>(null);

  /** Selected keys that still exist: a row deleted elsewhere drops out of the selection by itself. */
  const selectedKeys = computed(() => [...selected.value].filter((key) => rows.value.has(key)));

  function setSelected(keys: Iterable<string>): void {
    selected.value = new Set(keys);
  }
  function toggle(key: string, on: boolean): void {
    const next = new Set(selected.value);
    if (on) next.add(key);
    else next.delete(key);
    selected.value = next;
  }

  async function run(
    action: ActionKind,
    keys: string[],
    call: (context: string, refs: ObjectRef[]) => Promise<BulkResult>,
  ): Promise<ActionOutcome | null> {
    const context = clusters.activeContext;
    const targets = keys.map((key) => rows.value.get(key)).filter((row): row is DaemonSetRow => row !== undefined);
    if (!context || targets.length === 0) return null;
    running.value = action;
    const names = new Map(targets.map((row) => [row.key, row.name]));
    let result: ActionOutcome;
    try {
      const bulk = await call(
        context,
        targets.map((row) => ({ namespace: row.namespace, name: row.name })),
      );
      result = {
        action,
        results: bulk.results.map((r) => ({ key: r.key, name: names.get(r.key) ?? r.key, ok: r.ok, error: r.error })),
      };
    } catch (e) {
      const error = toErrorDTO(e);
      result = { action, results: targets.map((row) => ({ key: row.key, name: row.name, ok: false, error })) };
    } finally {
      running.value = null;
    }
    const done = new Set(result.results.filter((r) => r.ok).map((r) => r.key));
    setSelected([...selected.value].filter((key) => !done.has(key)));
    showOutcome(result);
    return result;
  }

  /** Shows an outcome in the list's status line: this store's actions, or one done on a page that led back here. */
  function showOutcome(result: ActionOutcome): void {
    outcome.value = result;
    // Success needs no acknowledgement; failures stay until dismissed.
    if (result.results.every((r) => r.ok)) {
      setTimeout(() => {
        if (outcome.value === result) outcome.value = null;
      }, SUCCESS_TOAST_MS);
    }
  }

  const redeploy = (keys: string[]) =>
    run('redeploy', keys, (context, refs) => api().services.daemonsets.redeploy(context, refs));
  const remove = (keys: string[], propagation: 'Background' | 'Orphan') =>
    run('delete', keys, (context, refs) => api().services.daemonsets.delete(context, refs, propagation));
  const dismissOutcome = () => (outcome.value = null);

  return {
    selected,
    selectedKeys,
    outcome,
    running,
    setSelected,
    toggle,
    redeploy,
    remove,
    showOutcome,
    dismissOutcome,
  };
}
