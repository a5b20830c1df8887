import { defineStore } from 'pinia';
import { computed, reactive, ref, shallowRef, triggerRef, watch } from 'vue';
import type { AppErrorDTO, DaemonSetDelta, DaemonSetRow, ProjectSummary } from '../../electron/contract/dto';
import { api } from '../api/bridge';
import { toErrorDTO } from '../api/errors';
import { defaultQuery, type ListQuery } from './list-query';
import { createQueryRunner } from './query-runner';
import { useClustersStore } from '../clusters/clusters';
import { useProjectsStore } from '../clusters/projects';
import { createActions } from './daemonset-actions';
import { applyDelta } from './row-map';

const FRAME_MS = 16;

/**
 * The live DaemonSet list of the active context and project: one backend subscription that follows the selection,
 * its delta batches applied to a Map, the list query (search, status filter, sort), row selection and actions.
 */
export const useDaemonSetsStore = defineStore('daemonsets', () => {
  const clusters = useClustersStore();
  const projects = useProjectsStore();

  const rows = shallowRef(new Map<string, DaemonSetRow>());
  const summary = ref<ProjectSummary | null>(null);
  const synced = ref(false);
  const error = ref<AppErrorDTO | null>(null);
  const subscriptionId = ref<string | null>(null);
  const subscribedTo = ref<{ context: string; selection: string } | null>(null);
  const query = reactive<ListQuery>(defaultQuery());
  const actions = createActions(rows);

  const rowList = computed(() => [...rows.value.values()]);
  const runQuery = createQueryRunner();
  const visible = computed(() => runQuery(rows.value.values(), query));

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
    applyDelta(rows.value, delta);
    if (delta.summary) summary.value = delta.summary;
    synced.value = delta.synced;
    error.value = delta.error ?? null;
    scheduleTrigger();
  }

  // Batches can overtake the reply to subscribe(); hold them until we know which subscription is ours.
  let subscribing = 0;
  const early: DaemonSetDelta[] = [];
  function onDelta(delta: DaemonSetDelta): void {
    if (delta.subscriptionId === subscriptionId.value) apply(delta);
    else if (subscribing > 0) early.push(delta);
  }

  function clear(): void {
    rows.value = new Map();
    summary.value = null;
    synced.value = false;
    error.value = null;
  }

  let generation = 0;
  async function follow(context: string | null, selection: string | null): Promise<void> {
    const mine = ++generation;
    const previous = subscriptionId.value;
    subscriptionId.value = null;
    subscribedTo.value = null;
    clear();
    actions.setSelected([]);
    if (previous)
      api()
        .services.daemonsets.unsubscribe(previous)
        .catch(() => undefined);
    if (!context || !selection) return;
    subscribing++;
    try {
      const { subscriptionId: id } = await api().services.daemonsets.subscribe(context, selection);
      if (mine !== generation) {
        api()
          .services.daemonsets.unsubscribe(id)
          .catch(() => undefined);
        return;
      }
      subscriptionId.value = id;
      subscribedTo.value = { context, selection };
      for (const delta of early.filter((d) => d.subscriptionId === id)) apply(delta);
    } catch (e) {
      if (mine === generation) error.value = toErrorDTO(e);
    } finally {
      if (--subscribing === 0) early.length = 0;
    }
  }

  const resubscribe = () => follow(clusters.activeContext, projects.selected);

  let started = false;
  function init(): void {
    if (started) return;
    started = true;
    api().events.on('onDidChangeDaemonSets', onDelta);
    // The host dropped and came back: our subscription died with the old socket.
    api().onReconnect(() => void resubscribe());
    watch(
      () => [clusters.activeContext, projects.selected] as const,
      ([context, selection]) => void follow(context, selection),
      { immediate: true },
    );
    // A subscribe refused while the cluster was down is retried once it connects.
    watch(
      () => clusters.connection.state,
      (state) => {
        if (state === 'connected' && !subscriptionId.value && error.value) void resubscribe();
      },
    );
  }

  return {
    rows,
    rowList,
    visible,
    summary,
    synced,
    error,
    subscriptionId,
    subscribedTo,
    query,
    ...actions,
    init,
    flush,
    resubscribe,
  };
});
