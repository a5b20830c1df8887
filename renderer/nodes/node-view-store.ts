import { defineStore } from 'pinia';
import { computed, ref, shallowRef } from 'vue';
import type { AppErrorDTO } from '../../electron/contract/dto';
import type { DrainOptions, DrainResult, NodeView } from '../../electron/contract/node-view-dto';
import { api } from '../api/bridge';
import { toErrorDTO } from '../api/errors';
import { useLive } from '../composables/useLive';
import { useClustersStore } from '../clusters/clusters';
import { drainPlan } from './node-view';

export interface NodeTarget {
  context: string;
  node: string;
}

/** The open node view: one `nodeView` stream while its context is connected, and the node's actions. */
export const useNodeViewStore = defineStore('nodeView', () => {
  const clusters = useClustersStore();
  const target = ref<NodeTarget | null>(null);
  const view = shallowRef<NodeView | null>(null);
  const error = ref<AppErrorDTO | null>(null);
  const busy = ref(false);
  const actionError = ref<AppErrorDTO | null>(null);
  const drainResult = shallowRef<DrainResult | null>(null);

  const ready = computed(
    () =>
      target.value !== null &&
      clusters.activeContext === target.value.context &&
      clusters.connection.state === 'connected',
  );

  useLive(
    'nodeView',
    () => {
      const t = target.value;
      return t && ready.value ? [t.context, t.node] : null;
    },
    {
      delta: (next) => {
        view.value = next;
        error.value = next.error ?? null;
      },
      failed: (why) => {
        error.value = why;
      },
    },
  );

  function open(next: NodeTarget): void {
    target.value = next;
    view.value = null;
    error.value = null;
    actionError.value = null;
    drainResult.value = null;
  }

  function close(): void {
    target.value = null;
    view.value = null;
  }

  async function act(work: (t: NodeTarget) => Promise<void>): Promise<void> {
    const t = target.value;
    if (!t || busy.value) return;
    busy.value = true;
    actionError.value = null;
    try {
      await work(t);
    } catch (e) {
      actionError.value = toErrorDTO(e);
    } finally {
      busy.value = false;
    }
  }

  const cordon = (unschedulable: boolean) =>
    act((t) => api().services.nodeView.cordon(t.context, t.node, unschedulable));

  /** Drains with the pods the confirmation named (the plan of the picture the user saw). */
  const drain = (options: DrainOptions) =>
    act(async (t) => {
      const pods = view.value ? drainPlan(view.value, options).evict : [];
      drainResult.value = null;
      drainResult.value = await api().services.nodeView.drain(t.context, t.node, pods, options);
    });

  const otherContext = computed(() => target.value !== null && clusters.activeContext !== target.value.context);
  /** The URL's context as kubeconfig knows it: 'loading' until the contexts are known, 'missing' when none is it. */
  const targetContext = computed<'loading' | 'known' | 'missing'>(() => {
    if (clusters.state === null) return 'loading';
    return clusters.contexts.some((c) => c.name === target.value?.context) ? 'known' : 'missing';
  });
  /** A node URL of another context asks first (its consent and plain-HTTP questions come with the switch). */
  const switchToTarget = async (): Promise<void> => {
    if (target.value) await clusters.switchContext(target.value.context);
  };

  return {
    otherContext,
    targetContext,
    switchToTarget,
    target,
    view,
    error,
    busy,
    actionError,
    drainResult,
    open,
    close,
    cordon,
    drain,
  };
});
