import { defineStore } from 'pinia';
import { computed, ref, watch } from 'vue';
import type { AppErrorDTO } from '../../electron/contract/dto';
import { api } from '../api/bridge';
import { toErrorDTO } from '../api/errors';
import { analyzeCached } from './analyze';
import type { Diagnostic } from './diagnostic';
import { liveDiff, type DiffLine } from './live-diff';
import { conflictManagers, serverDiagnostics } from './server-errors';
import { useClustersStore } from '../clusters/clusters';
import { useEditorStore } from './editor';
import { isRecord } from '../../common/guards';

export interface ApplyItem {
  index: number;
  label: string;
  state: 'new' | 'changed' | 'unchanged' | 'conflict' | 'error' | 'applied';
  diff: DiffLine[];
  error?: AppErrorDTO;
  managers: string[];
}

/**
 * Apply of the open file's documents: a server-side dry run of each (with the live object, so the user sees the diff
 * first), then the real server-side apply as `everynode`. Conflicts name the other managers; forcing is a separate,
 * confirmed step. The server's errors become diagnostics on the lines they concern.
 */
export const useEditorApplyStore = defineStore('editorApply', () => {
  const editor = useEditorStore();
  const clusters = useClustersStore();
  const phase = ref<'idle' | 'checking' | 'preview' | 'applying' | 'done'>('idle');
  const items = ref<ApplyItem[]>([]);
  const problems = ref<{ fileId: string; text: string; list: Diagnostic[] } | null>(null);
  const conflicts = computed(() => items.value.some((i) => i.state === 'conflict'));
  const blocked = computed(() => items.value.some((i) => i.state === 'error'));

  /** Server diagnostics for the file, while its text is the one they were found in. */
  const serverProblems = computed<Diagnostic[]>(() => {
    const file = editor.active;
    const p = problems.value;
    return file && p && p.fileId === file.id && p.text === file.text ? p.list : [];
  });
  watch(
    () => editor.active?.text,
    () => {
      if (phase.value === 'preview' || phase.value === 'done') phase.value = 'idle';
    },
  );

  // Results belong to the file they were found for.
  watch(
    () => editor.activeId,
    () => reset(),
  );

  async function run(dryRun: boolean, force: boolean): Promise<void> {
    const file = editor.active;
    const context = clusters.activeContext;
    if (!file || !context) return;
    const analysis = analyzeCached(file.text, editor.schemas, file.format);
    const found: Diagnostic[] = [];
    const next: ApplyItem[] = [];
    for (const document of analysis.documents) {
      if (!isRecord(document.value)) continue;
      const label = `${document.kind ?? '?'} ${document.namespace ? `${document.namespace}/` : ''}${document.name ?? '?'}`;
      try {
        const answer = await api().services.editor.apply(context, document.value, { dryRun, force });
        const diff = answer.live ? liveDiff(answer.live, answer.result) : [];
        const state = !dryRun ? 'applied' : !answer.live ? 'new' : diff.length > 0 ? 'changed' : 'unchanged';
        next.push({ index: document.index, label, state, diff, managers: [] });
      } catch (error) {
        const dto = toErrorDTO(error);
        const managers = dto.status === 409 ? conflictManagers(dto.causes ?? [], dto.message) : [];
        next.push({
          index: document.index,
          label,
          state: managers.length > 0 ? 'conflict' : 'error',
          diff: [],
          error: dto,
          managers,
        });
        found.push(...serverDiagnostics(document, analysis.lines, dto.message, dto.causes));
      }
    }
    items.value = next;
    problems.value = { fileId: file.id, text: file.text, list: found };
  }

  async function preview(): Promise<void> {
    phase.value = 'checking';
    try {
      await run(true, false);
    } finally {
      phase.value = 'preview';
    }
  }
  async function apply(force = false): Promise<void> {
    phase.value = 'applying';
    try {
      await run(false, force);
    } finally {
      phase.value = 'done';
    }
  }
  function reset(): void {
    phase.value = 'idle';
    items.value = [];
  }

  return { phase, items, conflicts, blocked, serverProblems, preview, apply, reset };
});
