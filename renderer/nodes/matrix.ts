import { defineStore } from 'pinia';
import { computed, reactive, ref, shallowRef, triggerRef } from 'vue';
import type { AppErrorDTO } from '../../electron/contract/dto';
import type { MatrixColumn, MatrixDelta, MatrixRow } from '../../electron/contract/matrix-dto';
import { useLive } from '../composables/useLive';
import { useClustersStore } from '../clusters/clusters';
import { useProjectsStore } from '../clusters/projects';
import { applyMatrixDelta, emptyFilter, filterMatrix, labelKeys, type MatrixFilter } from './matrix-view';

/**
 * The coverage matrix of the active context and project: one `coverage` stream while the Nodes page is open (the
 * page calls open/close), its rows in a Map, and the filters.
 */
export const useMatrixStore = defineStore('matrix', () => {
  const clusters = useClustersStore();
  const projects = useProjectsStore();
  const columns = shallowRef<MatrixColumn[]>([]);
  const rows = shallowRef(new Map<string, MatrixRow>());
  const synced = ref(false);
  const forbiddenNamespaces = ref<string[]>([]);
  const nodesForbidden = ref(false);
  const error = ref<AppErrorDTO | null>(null);
  const filter = reactive<MatrixFilter>(emptyFilter());
  const isOpen = ref(false);

  function apply(delta: MatrixDelta): void {
    applyMatrixDelta(rows.value, delta, columns.value);
    columns.value = delta.columns;
    synced.value = delta.synced;
    forbiddenNamespaces.value = delta.forbiddenNamespaces;
    nodesForbidden.value = delta.nodesForbidden;
    error.value = delta.error ?? null;
    triggerRef(rows);
  }

  function clear(): void {
    columns.value = [];
    rows.value = new Map();
    synced.value = false;
    forbiddenNamespaces.value = [];
    nodesForbidden.value = false;
    error.value = null;
  }

  const live = useLive(
    'coverage',
    () =>
      isOpen.value && clusters.activeContext && projects.selected ? [clusters.activeContext, projects.selected] : null,
    {
      delta: apply,
      opening: clear,
      failed: (why) => {
        error.value = why;
      },
    },
  );

  const context = computed(() => live.opened.value?.[0] ?? clusters.activeContext ?? '');
  const view = computed(() => filterMatrix(columns.value, rows.value.values(), filter));
  const labels = computed(() => labelKeys(rows.value.values()));
  const nodeCount = computed(() => rows.value.size);

  return {
    columns,
    rows,
    synced,
    forbiddenNamespaces,
    nodesForbidden,
    error,
    filter,
    view,
    labels,
    nodeCount,
    context,
    isOpen,
    open: () => (isOpen.value = true),
    close: () => (isOpen.value = false),
    retry: () => live.retry(),
  };
});
