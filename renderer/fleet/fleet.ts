import { defineStore } from 'pinia';
import { computed, ref, shallowRef } from 'vue';
import type { AppErrorDTO, DaemonSetDelta, DaemonSetRow } from '../../electron/contract/dto';
import { api } from '../api/bridge';
import { busyAction } from '../composables/busy-action';
import { useClustersStore } from '../clusters/clusters';
import { RowProgress, storedStallMs } from '../shared/stalled';
import { fleetRows, type FleetInput, type Matching } from './fleet-table';

/** What one column's stream holds: its DaemonSets by key, whether the first list arrived, the watch's error. */
interface ColumnData {
  rows: Map<string, DaemonSetRow>;
  synced: boolean;
  error?: AppErrorDTO;
}

/**
 * The fleet view: the contexts opted in (the backend remembers them), each context's DaemonSets as its own stream
 * delivers them (FleetFeed.vue, one per column, so one context's failure never touches another's), and the rows
 * matched across them.
 */
export const useFleetStore = defineStore('fleet', () => {
  const clusters = useClustersStore();
  const optedIn = ref<string[]>([]);
  const loaded = ref(false);
  const busy = ref(false);
  const error = ref<AppErrorDTO | null>(null);
  const matching = ref<Matching>({ by: 'name' });
  // Replaced (not mutated) on every change, so the rows recompute once per delta.
  const columns = shallowRef<Record<string, ColumnData>>({});

  const run = busyAction(busy, error);
  // The list's "no progress for N min" rule, per column: each context's rows have their own clock.
  const progress = new Map<string, RowProgress>();
  const stallMs = ref(storedStallMs());

  async function load(): Promise<void> {
    await run(async () => {
      optedIn.value = (await api().services.fleet.getState()).optedIn;
      loaded.value = true;
    });
  }

  /** Only contexts some kubeconfig still defines are columns (a remembered one may have gone with its file). */
  const columnNames = computed(() => {
    const defined = new Set(clusters.contexts.map((c) => c.name));
    return optedIn.value.filter((name) => defined.has(name));
  });

  function setOptIn(context: string, on: boolean): Promise<boolean> {
    return run(async () => {
      optedIn.value = (await api().services.fleet.setOptIn(context, on)).optedIn;
      if (!on) forget(context);
    });
  }

  /** Connects a column's context again (after a timeout, or to be asked for consent again). */
  const reconnect = (context: string) => clusters.reconnect(context);

  function apply(context: string, delta: DaemonSetDelta): void {
    const previous = columns.value[context];
    const rows = new Map(delta.reset || !previous ? [] : previous.rows);
    for (const key of delta.removals) rows.delete(key);
    for (const row of delta.upserts) rows.set(row.key, row);
    const clock = progress.get(context) ?? new RowProgress();
    progress.set(context, clock);
    clock.note(delta, rows.keys(), Date.now());
    const next: ColumnData = { rows, synced: delta.synced, ...(delta.error ? { error: delta.error } : {}) };
    columns.value = { ...columns.value, [context]: next };
  }

  /** Since when a DaemonSet of a column has made no progress in its rollout, past the threshold (else undefined). */
  function stalled(context: string, row: DaemonSetRow, now: number): number | undefined {
    return progress.get(context)?.stalled(row, now, stallMs.value);
  }
  const rereadStallMs = () => (stallMs.value = storedStallMs());

  function fail(context: string, why: AppErrorDTO): void {
    columns.value = { ...columns.value, [context]: { rows: new Map(), synced: false, error: why } };
  }

  /** A column's stream closed (its context is not connected now): what it showed is gone. */
  function forget(context: string): void {
    if (!(context in columns.value)) return;
    progress.delete(context);
    const { [context]: _gone, ...rest } = columns.value;
    columns.value = rest;
  }

  const input = computed<FleetInput>(() => {
    const out: FleetInput = {};
    for (const name of columnNames.value) {
      const column = columns.value[name];
      if (column?.synced) out[name] = [...column.rows.values()];
    }
    return out;
  });
  const rows = computed(() => fleetRows(input.value, matching.value));

  return {
    optedIn,
    loaded,
    busy,
    error,
    matching,
    columns,
    columnNames,
    rows,
    load,
    setOptIn,
    reconnect,
    apply,
    fail,
    forget,
    stalled,
    rereadStallMs,
  };
});
