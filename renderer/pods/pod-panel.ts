import { defineStore } from 'pinia';
import { ref, shallowRef } from 'vue';
import type { AppErrorDTO } from '../../electron/contract/dto';
import type { DetailAccess } from '../../electron/contract/detail-dto';
import type { PodView } from '../../electron/contract/pod-view-dto';
import { api } from '../api/bridge';
import { toErrorDTO } from '../api/errors';
import { useLive } from '../composables/useLive';

export interface PodTarget {
  context: string;
  namespace: string;
  pod: string;
}

/** A finished action, for the panel's status line. */
export interface PodOutcome {
  key: string;
  params: Record<string, string>;
}

/**
 * The open pod panel: one `podView` stream for its pod, what the user may do there (SelfSubjectAccessReviews: delete
 * pods and read logs as the detail page asks them; Shell and Forward are asked by usePodAccess), and Delete pod.
 */
export const usePodPanelStore = defineStore('podPanel', () => {
  const target = ref<PodTarget | null>(null);
  const view = shallowRef<PodView | null>(null);
  const error = ref<AppErrorDTO | null>(null);
  const access = ref<DetailAccess | null>(null);
  const busy = ref(false);
  const outcome = ref<PodOutcome | null>(null);

  const same = (a: PodTarget | null, context: string, namespace: string) =>
    a?.context === context && a.namespace === namespace;

  useLive('podView', () => (target.value ? [target.value.context, target.value.namespace, target.value.pod] : null), {
    delta: (next) => {
      view.value = next;
      error.value = next.error ?? null;
    },
    opening: () => {
      view.value = null;
      error.value = null;
    },
    opened: ([context, namespace]) => {
      // Asked once per open: a reconnect or a new session may have changed what the user may do.
      void api()
        .services.detail.access(context, namespace)
        .catch(() => null)
        .then((answer) => {
          if (same(target.value, context, namespace)) access.value = answer;
        });
    },
    failed: (why) => {
      error.value = why;
    },
  });

  function open(next: PodTarget | null): void {
    if (JSON.stringify(next) === JSON.stringify(target.value)) return;
    const keepAccess = next !== null && same(target.value, next.context, next.namespace);
    target.value = next;
    outcome.value = null;
    if (!keepAccess) access.value = null;
  }

  async function deletePod(): Promise<void> {
    const t = target.value;
    if (!t || busy.value) return;
    busy.value = true;
    try {
      await api().services.detail.deletePod(t.context, t.namespace, t.pod);
      outcome.value = { key: 'pods.outcome.deleted', params: { pod: t.pod } };
    } catch (e) {
      outcome.value = { key: 'pods.outcome.deleteFailed', params: { message: toErrorDTO(e).message } };
    } finally {
      busy.value = false;
    }
  }

  return { target, view, error, access, busy, outcome, open, deletePod };
});
