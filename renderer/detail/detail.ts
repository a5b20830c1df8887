import { defineStore } from 'pinia';
import { computed, ref, shallowRef } from 'vue';
import type { AppErrorDTO } from '../../electron/contract/dto';
import type { DaemonSetDetail, DaemonSetDetailDelta, DetailAccess } from '../../electron/contract/detail-dto';
import { applyDetail } from '../../common/detail-delta';
import { api } from '../api/bridge';
import { toErrorDTO } from '../api/errors';
import { useLive } from '../composables/useLive';
import { initialProgressAt, ProgressMarks } from './stuck';
import { storeStallMinutes, storedStallMs } from '../shared/stalled';
import { useClustersStore } from '../clusters/clusters';
import { useDaemonSetsStore } from '../list/daemonsets';
import { toYaml } from './live-yaml';

type NodeOf = Extract<DaemonSetDetail['nodes'], { allowed: true }>['value'][number];

export interface DetailTarget {
  context: string;
  namespace: string;
  name: string;
}

/** An action's outcome for the page's status line. */
export interface DetailOutcome {
  key: string;
  params?: Record<string, string | number>;
  error?: AppErrorDTO;
}

/**
 * The open detail page: one `daemonSetDetail` stream (opened again when the context reconnects), the user's
 * permissions, when the rollout last made progress, and the page's actions.
 */
export const useDetailStore = defineStore('detail', () => {
  const clusters = useClustersStore();
  const target = ref<DetailTarget | null>(null);
  const detail = shallowRef<DaemonSetDetail | null>(null);
  const error = ref<AppErrorDTO | null>(null);
  const access = ref<DetailAccess | null>(null);
  const lastProgressAt = ref(Date.now());
  const stuckMs = ref(storedStallMs());
  const outcome = ref<DetailOutcome | null>(null);
  const busy = ref<string | null>(null);
  /** The YAML tab's text of the live object (read when the tab shows, again when the object changes), or why not. */
  const yaml = shallowRef<{ text: string } | { error: AppErrorDTO } | null>(null);
  let marks = new ProgressMarks();

  const ready = computed(
    () =>
      target.value !== null &&
      clusters.activeContext === target.value.context &&
      clusters.connection.state === 'connected',
  );

  // The backend sends a reset, then only the pods and nodes that changed: they are applied to the picture held, whose
  // unchanged pods and nodes stay the same objects (so the grid and the table re-render only what changed).
  function onDelta(delta: DaemonSetDetailDelta): void {
    const next = applyDetail<DaemonSetDetail, DaemonSetDetail['pods'][number], NodeOf>(detail.value, delta);
    const first = !marks.started();
    if (marks.moved(delta, next)) lastProgressAt.value = first ? initialProgressAt(next, Date.now()) : Date.now();
    detail.value = next;
    error.value = next.error ?? null;
  }

  // Reconnects and context switches end the backend's streams: the page's stream is open whenever it may be.
  const live = useLive(
    'daemonSetDetail',
    () => {
      const t = target.value;
      return t && ready.value ? [t.context, t.namespace, t.name] : null;
    },
    {
      delta: onDelta,
      opened: ([context, namespace]) => {
        void api()
          .services.detail.access(context, namespace)
          .catch(() => null)
          .then((answer) => {
            const t = target.value;
            if (t?.context === context && t.namespace === namespace) access.value = answer;
          });
      },
      failed: (why) => {
        error.value = why;
      },
    },
  );

  function open(next: DetailTarget): void {
    const same = JSON.stringify(target.value) === JSON.stringify(next);
    target.value = next;
    detail.value = null;
    error.value = null;
    outcome.value = null;
    yaml.value = null;
    marks = new ProgressMarks();
    lastProgressAt.value = Date.now();
    // Opened again as it is (the page was shown anew): start from a fresh picture, as for another DaemonSet.
    if (same) live.retry();
  }

  async function readYaml(): Promise<void> {
    const t = target.value;
    if (!t) return;
    const answer = await api()
      .services.detail.editable(t.context, t.namespace, t.name)
      .then((live) => ({ text: toYaml(live.manifest) }))
      .catch((e: unknown) => ({ error: toErrorDTO(e) }));
    // A page opened on another DaemonSet meanwhile keeps its own.
    if (target.value === t) yaml.value = answer;
  }

  function close(): void {
    target.value = null;
    detail.value = null;
  }

  function setStuckMinutes(minutes: number): void {
    if (!Number.isFinite(minutes) || minutes <= 0) return;
    stuckMs.value = minutes * 60_000;
    storeStallMinutes(minutes);
    useDaemonSetsStore().rereadStallMs();
  }

  async function act(name: string, work: (t: DetailTarget) => Promise<DetailOutcome>): Promise<boolean> {
    const t = target.value;
    if (!t || busy.value) return false;
    busy.value = name;
    try {
      outcome.value = await work(t);
      return outcome.value.error === undefined;
    } catch (e) {
      outcome.value = { key: `detail.outcome.${name}Failed`, error: toErrorDTO(e) };
      return false;
    } finally {
      busy.value = null;
    }
  }

  const deletePod = (pod: string) =>
    act('deletePod', async (t) => {
      await api().services.detail.deletePod(t.context, t.namespace, pod);
      return { key: 'detail.outcome.podDeleted', params: { pod } };
    });

  const rollback = (revision: number) =>
    act('rollback', async (t) => {
      const { rolledBack } = await api().services.detail.rollback(t.context, t.namespace, t.name, revision);
      return { key: rolledBack ? 'detail.outcome.rolledBack' : 'detail.outcome.rollbackSkipped', params: { revision } };
    });

  const bulk = async (result: Promise<{ results: { ok: boolean; error?: AppErrorDTO }[] }>, action: string) => {
    const first = (await result).results[0];
    return first?.ok
      ? { key: `detail.outcome.${action}Done` }
      : { key: `detail.outcome.${action}Failed`, ...(first?.error ? { error: first.error } : {}) };
  };

  const redeploy = () =>
    act('redeploy', (t) =>
      bulk(api().services.daemonsets.redeploy(t.context, [{ namespace: t.namespace, name: t.name }]), 'redeploy'),
    );

  const remove = (propagation: 'Background' | 'Orphan') =>
    act('delete', (t) =>
      bulk(
        api().services.daemonsets.delete(t.context, [{ namespace: t.namespace, name: t.name }], propagation),
        'delete',
      ),
    );

  /** An outcome of work done elsewhere on the page (the YAML edit). */
  function noteOutcome(next: DetailOutcome): void {
    outcome.value = next;
  }

  return {
    noteOutcome,
    yaml,
    readYaml,
    target,
    detail,
    error,
    access,
    lastProgressAt,
    stuckMs,
    outcome,
    busy,
    open,
    close,
    setStuckMinutes,
    deletePod,
    rollback,
    redeploy,
    remove,
  };
});
