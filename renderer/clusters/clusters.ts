import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { AppErrorDTO, ClustersState } from '../../electron/contract/dto';
import { api } from '../api/bridge';
import { busyAction } from '../composables/busy-action';

/**
 * Kubeconfig contexts, the active one (the UI's choice) and the connection state of every context connected, as the
 * backend reports them.
 */
export const useClustersStore = defineStore('clusters', () => {
  const state = ref<ClustersState | null>(null);
  const loading = ref(false);
  const error = ref<AppErrorDTO | null>(null);
  /** The browser host's socket; while false, nothing the page shows is live. */
  const hostConnected = ref(true);
  const busy = ref(false);

  const contexts = computed(() => state.value?.contexts ?? []);
  const activeContext = computed(() => state.value?.activeContext ?? null);
  const active = computed(() => contexts.value.find((c) => c.name === activeContext.value) ?? null);
  const connection = computed(() => state.value?.connection ?? { state: 'not-connected' as const });
  const connections = computed(() => state.value?.connections ?? {});
  const sources = computed(() => state.value?.sources ?? []);

  let started = false;
  function init(): void {
    if (started) return;
    started = true;
    const { events, onReconnect, onConnectionChange } = api();
    events.on('onDidChangeClusters', (next) => (state.value = next));
    onConnectionChange((connected) => (hostConnected.value = connected));
    onReconnect(() => void load());
    void load();
  }

  const guarded = busyAction(busy, error);
  const run = (action: () => Promise<ClustersState>) =>
    guarded(async () => {
      state.value = await action();
    });

  async function load(): Promise<void> {
    loading.value = true;
    await run(() => api().services.clusters.getState());
    loading.value = false;
  }

  const switchContext = (name: string) => run(() => api().services.clusters.switchContext(name));
  const reconnect = (context?: string) => run(() => api().services.clusters.reconnect(context));
  const confirmPlainHttp = (context: string) => run(() => api().services.clusters.confirmPlainHttp(context));

  /** A kubeconfig the user picked with <input type=file>; its contents go to the backend, never a path. */
  async function addKubeconfig(file: File, replaces?: string): Promise<boolean> {
    const content = await file.text();
    const input = {
      kind: 'upload' as const,
      name: file.name,
      content,
      ...(replaces !== undefined ? { replaces } : {}),
    };
    return run(() => api().services.clusters.addKubeconfig(input));
  }

  // ---- Clusters page (issue 12) ----
  const removeKubeconfig = (sourceId: string) => run(() => api().services.clusters.removeKubeconfig(sourceId));
  const reloadKubeconfig = (sourceId: string) => run(() => api().services.clusters.reloadKubeconfig(sourceId));
  /** The desktop app's native file dialog: the file is then known by path, watched and remembered. */
  const addFromDialog = () => run(() => api().services.clusters.addKubeconfig({ kind: 'dialog' }));

  return {
    state,
    loading,
    busy,
    error,
    hostConnected,
    contexts,
    activeContext,
    active,
    connection,
    connections,
    sources,
    init,
    load,
    switchContext,
    reconnect,
    confirmPlainHttp,
    addKubeconfig,
    removeKubeconfig,
    reloadKubeconfig,
    addFromDialog,
  };
});
