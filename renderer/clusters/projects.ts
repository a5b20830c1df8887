import { defineStore } from 'pinia';
import { computed, ref, watch } from 'vue';
import type { AppErrorDTO, ProjectsState } from '../../electron/contract/dto';
import { api } from '../api/bridge';
import { toErrorDTO } from '../api/errors';
import { useClustersStore } from './clusters';

export const ALL_PROJECTS = '*';

/** Projects (namespaces) per context and the selection, which the backend remembers per context. */
export const useProjectsStore = defineStore('projects', () => {
  const clusters = useClustersStore();
  const byContext = ref<Record<string, ProjectsState>>({});
  const error = ref<AppErrorDTO | null>(null);
  /** The refusal of the last "add project", shown on the namespace field. */
  const addError = ref<AppErrorDTO | null>(null);
  const adding = ref(false);

  const current = computed(() => {
    const context = clusters.activeContext;
    return context ? (byContext.value[context] ?? null) : null;
  });
  const canListAll = computed(() => current.value?.canListAll ?? false);
  const projects = computed(() => current.value?.projects ?? []);
  const selected = computed(() => current.value?.selected ?? null);

  function put(state: ProjectsState): void {
    byContext.value = { ...byContext.value, [state.context]: state };
  }

  async function load(context: string): Promise<void> {
    try {
      put(await api().services.projects.getState(context));
      error.value = null;
    } catch (e) {
      error.value = toErrorDTO(e);
    }
  }

  let started = false;
  function init(): void {
    if (started) return;
    started = true;
    api().events.on('onDidChangeProjects', put);
    api().onReconnect(() => {
      if (clusters.activeContext) void load(clusters.activeContext);
    });
    // Reload when the context changes and once it is connected (what the user may list depends on the connection).
    watch(
      () => [clusters.activeContext, clusters.connection.state] as const,
      ([context, state]) => {
        if (context && (state === 'connected' || !byContext.value[context])) void load(context);
      },
      { immediate: true },
    );
  }

  async function select(selection: string): Promise<void> {
    const context = clusters.activeContext;
    if (!context) return;
    // The choice shows at once (the wizard and the list read it before the backend has answered); the answer follows.
    const before = byContext.value[context];
    if (before) put({ ...before, selected: selection });
    try {
      put(await api().services.projects.select(context, selection));
      error.value = null;
    } catch (e) {
      if (before) put(before);
      error.value = toErrorDTO(e);
    }
  }

  /** Adds a namespace after the backend's access check; a refusal stays in `addError` for the dialog's field. */
  async function add(namespace: string): Promise<boolean> {
    const context = clusters.activeContext;
    if (!context) return false;
    adding.value = true;
    addError.value = null;
    try {
      put(await api().services.projects.add(context, namespace.trim()));
      put(await api().services.projects.select(context, namespace.trim()));
      return true;
    } catch (e) {
      addError.value = toErrorDTO(e);
      return false;
    } finally {
      adding.value = false;
    }
  }

  const clearAddError = () => (addError.value = null);

  return {
    byContext,
    error,
    addError,
    adding,
    current,
    canListAll,
    projects,
    selected,
    init,
    load,
    select,
    add,
    clearAddError,
  };
});
