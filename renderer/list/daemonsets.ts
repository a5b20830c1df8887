import { defineStore } from 'pinia';
import { computed, reactive, ref, shallowRef, triggerRef, watch } from 'vue';
import type { AppErrorDTO, DaemonSetDelta, DaemonSetRow, ProjectSummary } from '../../electron/contract/dto';
import { useLive } from '../composables/useLive';
import { defaultQuery, type ListQuery } from './list-query';
import { createQueryRunner } from './query-runner';
import { useClustersStore } from '../clusters/clusters';
import { useProjectsStore } from '../clusters/projects';
import { createActions } from './daemonset-actions';
import { applyDelta } from './row-map';
import { RowProgress, storedStallMs } from '../shared/stalled';

const FRAME_MS = 16;

/**
 * The live DaemonSet list of the active context and project: one `daemonSets` stream that follows the selection,
 * its delta batches applied to a Map, the list query (search, status filter, sort), row selection and actions.
 */
/** A message for the list page, as an i18n key and its parameters. */
export interface ListNotice {
  key: string;
  params: Record<string, string>;
}

export const useDaemonSetsStore = defineStore('daemonsets', () => {
  const clusters = useClustersStore();
  const projects = useProjectsStore();

  const rows = shallowRef(new Map<string, DaemonSetRow>());
  const progress = new RowProgress();
  /** The stall threshold, read again whenever the list shows (the detail page changes it). */
  const stallMs = ref(storedStallMs());
  const summary = ref<ProjectSummary | null>(null);
  const synced = ref(false);
  const error = ref<AppErrorDTO | null>(null);
  const query = reactive<ListQuery>(defaultQuery());
  const actions = createActions(rows);
  /** What another page left for the list to say (a detail page whose DaemonSet the new context does not have). */
  const notice = ref<ListNotice | null>(null);

  const rowList = computed(() => [...rows.value.values()]);
  const runner = createQueryRunner();
  const visible = computed(() => runner.run(rows.value, query));

  // Batches land in the Map at once, and the views that depend on it recompute at most once per frame. A batch after
  // a quiet frame (the usual case: the backend sends one every few tens of ms) is shown from the task that brought it,
  // so the next frame only paints it instead of waiting for its animation callback to start the work (under load,
  // frames come late); batches closer together than a frame wait for the next one.
  let scheduled = false;
  let lastFlush = -Infinity;
  function scheduleTrigger(): void {
    if (scheduled) return;
    scheduled = true;
    if (performance.now() - lastFlush >= FRAME_MS) queueMicrotask(flush);
    else if (typeof requestAnimationFrame === 'function') requestAnimationFrame(() => flush());
    else setTimeout(flush, FRAME_MS);
  }
  function flush(): void {
    if (!scheduled) return;
    scheduled = false;
    lastFlush = performance.now();
    triggerRef(rows);
  }

  function apply(delta: DaemonSetDelta): void {
    // Tell the query runner which rows the batch only replaced, so the next frame swaps in just those.
    const map = rows.value;
    if (!delta.reset && delta.removals.length === 0 && delta.upserts.every((row) => map.has(row.key))) {
      runner.noteReplaced(delta.upserts.map((row) => row.key));
    } else runner.noteAll();
    applyDelta(map, delta);
    // When each row last made progress, for the "no progress for N min" badge (only the rows that changed are read).
    progress.note(delta, map.keys(), Date.now());
    if (delta.summary) summary.value = delta.summary;
    synced.value = delta.synced;
    error.value = delta.error ?? null;
    scheduleTrigger();
  }

  function clear(): void {
    rows.value = new Map();
    summary.value = null;
    synced.value = false;
    error.value = null;
  }

  // One stream that follows the active context and project; a new one (or the same after a reconnect) starts empty.
  const following = ref(false);
  const live = useLive(
    'daemonSets',
    () =>
      following.value && clusters.activeContext && projects.selected
        ? [clusters.activeContext, projects.selected]
        : null,
    {
      delta: apply,
      opening: () => {
        clear();
        actions.setSelected([]);
      },
      failed: (why) => {
        error.value = why;
      },
    },
  );
  const subscribedTo = computed(() => {
    const args = live.opened.value;
    return args ? { context: args[0], selection: args[1] } : null;
  });

  const resubscribe = () => live.retry();

  // A stream refused while the cluster was down (or ended when its context went away) is opened again once it
  // connects.
  watch(
    () => clusters.connection.state,
    (state) => {
      if (state === 'connected' && (live.state.value === 'failed' || live.state.value === 'ended')) resubscribe();
    },
  );

  function init(): void {
    following.value = true;
  }

  /** Since when a row's rollout has made no progress, past the threshold (else undefined): the row's badge. */
  function stalled(row: DaemonSetRow, now: number): number | undefined {
    return progress.stalled(row, now, stallMs.value);
  }
  const rereadStallMs = () => (stallMs.value = storedStallMs());

  return {
    rows,
    rowList,
    visible,
    summary,
    synced,
    error,
    subscribedTo,
    query,
    notice,
    ...actions,
    init,
    stalled,
    rereadStallMs,
    flush,
    resubscribe,
  };
});
