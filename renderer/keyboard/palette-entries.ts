import { storeToRefs } from 'pinia';
import { computed, ref, type ComputedRef } from 'vue';
import { useI18n } from 'vue-i18n';
import { api } from '../api/bridge';
import { useClustersStore } from '../clusters/clusters';
import { useProjectsStore } from '../clusters/projects';
import { useLocale } from '../composables/useLocale';
import { useDaemonSetsStore } from '../list/daemonsets';
import { detailHash, nodeHash } from '../router';
import { createDaemonSet, go, listHash } from './commands';
import { isMac, shortcutLabel } from './keymap';
import type { PaletteEntry } from './palette';
import type { KeyCommand } from '../../common/keymap';
import { clustersHash, fleetHash, nodesHash } from '../router';
import { useKeyboardStore } from './keyboard';

/** An entry with what choosing it does. */
export interface RunnableEntry extends PaletteEntry {
  run(): void | Promise<void>;
}

/**
 * Everything the palette can jump to or run, from the stores: the active context's DaemonSets (the list's rows), its
 * nodes (read when the palette opens, when the user may list them), its projects, the other contexts, the actions.
 */
export function usePaletteEntries(): { entries: ComputedRef<RunnableEntry[]>; loadNodes(): Promise<void> } {
  const { t } = useI18n();
  const clusters = useClustersStore();
  const projects = useProjectsStore();
  const { rows } = storeToRefs(useDaemonSetsStore());
  const { locale, set: setLocale } = useLocale();
  const keyboard = useKeyboardStore();
  const nodes = ref<string[]>([]);
  const mac = isMac();

  async function loadNodes(): Promise<void> {
    const context = clusters.activeContext;
    if (!context || clusters.connection.state !== 'connected') return;
    try {
      const answer = await api().services.wizard.nodes(context);
      if (clusters.activeContext === context) nodes.value = answer.allowed ? answer.value.map((n) => n.name) : [];
    } catch {
      // No node entries: the palette still jumps to everything else.
      nodes.value = [];
    }
  }

  const action = (command: KeyCommand, run: () => void | Promise<void>): RunnableEntry => ({
    id: `action:${command}`,
    kind: 'action',
    label: t(`keyboard.command.${command}`),
    detail: shortcutLabel(command, mac),
    run,
  });

  const entries = computed<RunnableEntry[]>(() => {
    const context = clusters.activeContext;
    const other = locale.value === 'en' ? 'zh-CN' : 'en';
    const list: RunnableEntry[] = [
      action('createDaemonSet', createDaemonSet),
      action('openList', () => go(listHash)),
      action('openNodes', () => go(nodesHash)),
      action('openFleet', () => go(fleetHash)),
      action('openClusters', () => go(clustersHash)),
      action('shortcuts', () => keyboard.openShortcuts()),
      {
        id: 'action:language',
        kind: 'action',
        label: t('keyboard.palette.switchLanguage', { language: t(other === 'en' ? 'language.en' : 'language.zhCN') }),
        run: () => setLocale(other),
      },
    ];
    if (context) {
      for (const row of rows.value.values()) {
        list.push({
          id: `ds:${row.key}`,
          kind: 'daemonSet',
          label: row.name,
          detail: row.namespace,
          run: () => go(detailHash(context, row.namespace, row.name)),
        });
      }
      for (const node of nodes.value) {
        list.push({ id: `node:${node}`, kind: 'node', label: node, run: () => go(nodeHash(context, node)) });
      }
      for (const project of projects.projects) {
        list.push({
          id: `project:${project}`,
          kind: 'project',
          label: project,
          run: async () => {
            await go(listHash);
            await projects.select(project);
          },
        });
      }
    }
    for (const c of clusters.contexts) {
      if (c.name === context || c.problem) continue;
      list.push({
        id: `context:${c.name}`,
        kind: 'context',
        label: c.name,
        detail: c.cluster,
        run: () => void clusters.switchContext(c.name),
      });
    }
    return list;
  });

  return { entries, loadNodes };
}
