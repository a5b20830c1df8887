// Whether the server can be asked: the active context is connected. Without one, authoring still works (edit mode
// and the wizard); what needs the server (the coverage preview, dry run, Create, apply) says why it is not offered.
import { computed, type ComputedRef } from 'vue';
import { useI18n } from 'vue-i18n';
import { useClustersStore } from '../clusters/clusters';

export function useClusterOnline(): { online: ComputedRef<boolean>; offlineReason: ComputedRef<string> } {
  const { t } = useI18n();
  const clusters = useClustersStore();
  const online = computed(() => clusters.activeContext !== null && clusters.connection.state === 'connected');
  const offlineReason = computed(() => {
    const context = clusters.activeContext;
    if (online.value) return '';
    if (context === null)
      return t(clusters.state?.sandboxAvailable === false ? 'editor.noCluster.noneNoSandbox' : 'editor.noCluster.none');
    return t('editor.noCluster.state', { context, state: t(`cluster.state.${clusters.connection.state}`) });
  });
  return { online, offlineReason };
}
