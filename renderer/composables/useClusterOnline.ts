// Whether the server can be asked: the active context is connected. Without one, authoring still works (edit mode
// and the wizard); what needs the server (the coverage preview, dry run, Create, apply) says why it is not offered.
import { computed, type ComputedRef } from 'vue';
import { useI18n } from 'vue-i18n';
import type { ClustersState } from '../../electron/contract/dto';
import { useClustersStore } from '../clusters/clusters';

/** Why no server can be asked (a message key and its parameters), or null while the active context is connected. */
export function offlineReasonOf(
  state: Pick<ClustersState, 'activeContext' | 'connection' | 'sandboxAvailable'> | null,
): { key: string; params: Record<string, string> } | null {
  const context = state?.activeContext ?? null;
  const connection = state?.connection.state ?? 'not-connected';
  if (context !== null && connection === 'connected') return null;
  if (context === null) {
    return {
      key: state?.sandboxAvailable === false ? 'editor.noCluster.noneNoSandbox' : 'editor.noCluster.none',
      params: {},
    };
  }
  return { key: 'editor.noCluster.state', params: { context, state: `cluster.state.${connection}` } };
}

export function useClusterOnline(): { online: ComputedRef<boolean>; offlineReason: ComputedRef<string> } {
  const { t } = useI18n();
  const clusters = useClustersStore();
  const reason = computed(() => offlineReasonOf(clusters.state));
  const online = computed(() => reason.value === null);
  const offlineReason = computed(() => {
    const r = reason.value;
    return r ? t(r.key, { ...r.params, state: r.params.state ? t(r.params.state) : '' }) : '';
  });
  return { online, offlineReason };
}
