import { defineStore } from 'pinia';
import { computed, ref, shallowRef, toRaw, watch } from 'vue';
import { jsonToYaml, withoutManagedFields, yamlToJson, type Format } from './convert';
import { joinFiles } from './export-files';
import { editorDraftsOf, type DraftState } from './drafts';
import { blankForeignSecrets, secretValues } from './secret-drafts';
import { exportName, newFileId, readPickedFile, type EditorFile } from './files';
import { textLimitProblem } from './manifest-limits';
import { stringify } from 'yaml';
import { api } from '../api/bridge';
import { toErrorDTO } from '../api/errors';
import type { DaemonSet } from '../wizard/form';
import { analyzeCached } from './analyze';
import { mergedText, nameOf, type FormFile } from './form-file';
import { loadBundledSchemas } from './schema/bundled';
import { schemasFromOpenApi } from './schema/openapi';
import { mergeSchemas, type SchemaSet } from './schema/types';
import { useClustersStore } from '../clusters/clusters';
import { useManagedFieldsToggle } from '../composables/useManagedFieldsToggle';
import { useWizardStore } from '../wizard/wizard';
import { TEMPLATES, type TemplateName } from './templates';
import { EDITOR_DRAFT } from '../../common/draft-keys';
import { useDraftsStore } from '../drafts/drafts';

export interface Notice {
  key: string;
  params?: Record<string, string | number>;
  tone: 'info' | 'warning' | 'error';
}

export interface ExportedFile {
  name: string;
  text: string;
  mime: string;
}

/**
 * Edit mode: the open files, the one being edited, the schemas the editor checks against, and drafts saved as the
 * user types. The text is the source of truth; the form (wizard) and apply read objects from it.
 */
export const useEditorStore = defineStore('editor', () => {
  const clusters = useClustersStore();
  const isOpen = ref(false);
  const files = ref<EditorFile[]>([]);
  const activeId = ref<string | null>(null);
  const schemas = shallowRef<SchemaSet | undefined>(undefined);
  const notice = ref<Notice | null>(null);
  const draftSaved = ref<number | null>(null);
  const active = computed(() => files.value.find((f) => f.id === activeId.value) ?? null);
  let restored = false;
  const managed = useManagedFieldsToggle(files);
  /** Secret values each imported file brought with it: kept in memory, blanked in every saved draft. */
  const foreignSecrets = new Map<string, Set<string>>();

  function take(drafts: DraftState): void {
    files.value = drafts.files;
    activeId.value = drafts.activeId ?? drafts.files[0]?.id ?? null;
    draftSaved.value = drafts.savedAt;
    notice.value = { key: 'editor.notice.restored', params: { count: drafts.files.length }, tone: 'info' };
  }

  // Drafts: the backend's copy is the one copy. Nothing is saved before it was read and merged in, so a page that
  // starts blank (a new file while the answer is on its way) never replaces the saved files.
  const draft = useDraftsStore().sync(EDITOR_DRAFT, {
    apply: (value) => {
      const saved = editorDraftsOf(value);
      lastSaved = saved ? JSON.stringify(saved.files) : '';
      files.value = saved?.files ?? [];
      activeId.value = saved?.activeId ?? saved?.files[0]?.id ?? null;
      lastActive = activeId.value;
    },
    saved: (at) => {
      draftSaved.value = at;
      if (notice.value?.key.startsWith('editor.notice.draftNot')) notice.value = null;
    },
    failed: (error) => {
      draftSaved.value = null;
      // A refused write (another window saved) is the drafts notice's to explain, with the choice it offers.
      if (error.code !== 'conflict')
        notice.value = { key: 'editor.notice.draftNotSaved', params: { reason: error.message }, tone: 'error' };
    },
  });
  let restoring: Promise<boolean> | undefined;
  /** The files and active file last saved or read: the same again is not written again. */
  let lastSaved = '';
  let lastActive: string | null = null;
  /** Reads the saved drafts once (again after a failure); resolves true once they are in. */
  function ready(): Promise<boolean> {
    restoring ??= draft.load().then(
      (saved) => {
        const value = editorDraftsOf(saved?.value);
        if (value && value.files.length > 0) {
          // Files opened while the answer was on its way (an import, the form's YAML) come after the saved ones.
          const opened = files.value.filter((f) => !value.files.some((s) => s.id === f.id));
          const current = activeId.value;
          take(value);
          lastSaved = JSON.stringify(value.files);
          lastActive = activeId.value;
          files.value = [...value.files, ...opened];
          if (opened.length > 0) activeId.value = current;
        }
        restored = true;
        return true;
      },
      (error: unknown) => {
        // Not read: nothing is saved (it could replace what is there) until a later change reads them again.
        notice.value = {
          key: 'editor.notice.draftNotSaved',
          params: { reason: toErrorDTO(error).message },
          tone: 'error',
        };
        restoring = undefined;
        return false;
      },
    );
    watchSchemas();
    return restoring;
  }
  function restore(): void {
    void ready();
  }

  let schemasWatched = false;
  function watchSchemas(): void {
    if (schemasWatched) return;
    schemasWatched = true;
    watch(
      () => [clusters.activeContext, clusters.connection.state] as const,
      ([context, state]) => void loadSchemas(state === 'connected' ? context : null),
      { immediate: true },
    );
  }

  // The bundled schemas work offline; a connected cluster's own /openapi/v3 takes over for the kinds it serves.
  let schemaRequest = 0;
  async function loadSchemas(context: string | null): Promise<void> {
    const request = ++schemaRequest;
    const bundled = await loadBundledSchemas();
    if (!context) {
      schemas.value = bundled;
      return;
    }
    schemas.value ??= bundled;
    try {
      const docs = await Promise.all(['v1', 'apps/v1'].map((gv) => api().services.editor.openapi(context, gv)));
      if (request === schemaRequest)
        schemas.value = mergeSchemas(bundled, { ...schemasFromOpenApi(docs, `cluster ${context}`), context });
    } catch {
      if (request === schemaRequest) schemas.value = bundled;
    }
  }

  function open(): void {
    isOpen.value = true;
    // A blank file only once the saved ones are known to be none.
    void ready().then(() => files.value.length === 0 && newFile());
  }
  function close(): void {
    isOpen.value = false;
  }

  function add(file: EditorFile): void {
    files.value = [...files.value, file];
    activeId.value = file.id;
  }

  function newFile(template?: TemplateName): void {
    const text = template ? TEMPLATES[template] : 'apiVersion: apps/v1\nkind: DaemonSet\nmetadata:\n  name: \n';
    add({ id: newFileId(), name: template ? `${template}.yaml` : 'untitled.yaml', format: 'yaml', text });
  }

  async function importFiles(picked: readonly (Blob & { name: string })[]): Promise<void> {
    const refused: string[] = [];
    let overLimit: Notice | null = null;
    let hidden = 0;
    for (const blob of picked) {
      const outcome = await readPickedFile(blob);
      if (!outcome.ok) {
        refused.push(`${outcome.name} (${outcome.reason === 'tooLarge' ? '> 20 MB' : 'binary'})`);
        continue;
      }
      const file = outcome.file;
      // Checked before anything parses it (managed fields, secrets): a hostile file must not freeze the window.
      const limit = textLimitProblem(file.text);
      if (limit !== undefined) {
        overLimit = { key: `${limit.key}Import`, params: { ...limit.params, file: file.name }, tone: 'error' };
        continue;
      }
      if (file.format === 'yaml') {
        const clean = withoutManagedFields(file.text);
        hidden += clean.hidden;
        file.text = clean.text;
        if (clean.hidden > 0) managed.remember(file.id, clean.removed);
      }
      const secrets = secretValues(file.text);
      if (secrets.size > 0) foreignSecrets.set(file.id, secrets);
      add(file);
    }
    if (overLimit !== null) notice.value = overLimit;
    else if (refused.length > 0)
      notice.value = { key: 'editor.notice.refused', params: { files: refused.join(', ') }, tone: 'error' };
    else if (hidden > 0) notice.value = { key: 'editor.notice.managedHidden', params: { count: hidden }, tone: 'info' };
  }

  function setText(id: string, text: string): void {
    const file = files.value.find((f) => f.id === id);
    if (file && file.text !== text) file.text = text;
  }

  /** Switches a file between YAML and JSON; refuses (with the reason) when its text does not parse. */
  function setFormat(id: string, format: Format): boolean {
    const file = files.value.find((f) => f.id === id);
    if (!file || file.format === format) return true;
    const converted = format === 'json' ? yamlToJson(file.text) : jsonToYaml(file.text);
    if (!converted.ok) {
      notice.value = { key: 'editor.notice.cannotConvert', params: { reason: converted.message }, tone: 'error' };
      return false;
    }
    file.text = converted.text;
    file.format = format;
    file.name = exportName(file.name, format);
    notice.value = converted.droppedComments ? { key: 'editor.notice.commentsDropped', tone: 'warning' } : null;
    return true;
  }

  // Form and code are two views of one object: the wizard edits the linked document, which goes back into its file's
  // text through mergeIntoYaml, so comments and fields the form does not show survive. The link holds while the
  // wizard shows the very form it was made for: once that form was created, saved, discarded or replaced by a new
  // Create, the wizard's object goes to a new file, never over the file an earlier form came from.
  const formLink = ref<{ fileId: string; index: number } | null>(null);
  let linkedForm: object | null = null;
  const wizardForm = (): object => toRaw(useWizardStore().form);

  function toForm(): void {
    const file = active.value;
    if (!file) return;
    const document = analyzeCached(file.text, schemas.value, file.format).documents.find(
      (d) => d.kind === 'DaemonSet' && d.value !== undefined,
    );
    if (!document) {
      notice.value = { key: 'editor.notice.noDaemonSet', tone: 'error' };
      return;
    }
    formLink.value = { fileId: file.id, index: document.index };
    useWizardStore().openFrom(document.value as DaemonSet);
    linkedForm = wizardForm();
    isOpen.value = false;
  }

  /** Where the wizard's object goes (fromForm) and as what text: its linked file, or a new file when `file` is absent. */
  function formFile(manifest: object): FormFile {
    const link = formLink.value;
    const file = link && linkedForm === wizardForm() ? files.value.find((f) => f.id === link.fileId) : undefined;
    const text = file && link ? mergedText(file, link.index, manifest) : null;
    if (file && text !== null) return { file, name: file.name, format: file.format, text };
    const name = nameOf(manifest);
    // YAML 1.1, as the editor reads it: a label "yes" stays a string.
    return { name: `${name || 'daemonset'}.yaml`, format: 'yaml', text: stringify(manifest, { version: '1.1' }) };
  }

  function fromForm(manifest: object): void {
    restore();
    const out = formFile(manifest);
    if (out.file) {
      out.file.text = out.text;
      activeId.value = out.file.id;
    } else {
      add({ id: newFileId(), name: out.name, format: out.format, text: out.text });
      formLink.value = { fileId: activeId.value ?? '', index: 0 };
    }
    linkedForm = wizardForm();
    isOpen.value = true;
  }

  function closeFile(id: string): void {
    files.value = files.value.filter((f) => f.id !== id);
    managed.forget(id);
    foreignSecrets.delete(id);
    if (activeId.value === id) activeId.value = files.value[0]?.id ?? null;
  }

  /** One file (or all, as one multi-document file) in the chosen format; null when a text does not parse. */
  function exported(which: string | 'all', format: Format): ExportedFile | null {
    const chosen = which === 'all' ? files.value : files.value.filter((f) => f.id === which);
    if (chosen.length === 0) return null;
    const name = which === 'all' ? `everynode-export.${format}` : exportName(chosen[0]?.name ?? 'export', format);
    const mime = format === 'json' ? 'application/json' : 'application/yaml';
    if (chosen.length === 1 && chosen[0]?.format === format) return { name, text: chosen[0].text, mime };
    // YAML files go out as written, comments and all, as "Export this file" does.
    const joined = joinFiles(chosen, format);
    if (!joined.ok) {
      notice.value = { key: 'editor.notice.cannotExport', params: { file: joined.file }, tone: 'error' };
      return null;
    }
    return { name, text: joined.text, mime };
  }

  // Drafts: on their way to the backend at most SAVE_MS after a change, so a crash loses well under a second.
  watch(
    [files, activeId],
    () => {
      if (!restored) return restore();
      const state: DraftState = {
        files: files.value.map((f) => {
          const foreign = foreignSecrets.get(f.id);
          return foreign ? { ...f, text: blankForeignSecrets(f.text, foreign) } : f;
        }),
        activeId: activeId.value,
        savedAt: Date.now(),
      };
      const filesText = JSON.stringify(state.files);
      // What was just read or taken back is saved already.
      if (filesText === lastSaved && activeId.value === lastActive) return;
      lastSaved = filesText;
      lastActive = activeId.value;
      draft.save(state);
    },
    { deep: true },
  );

  return {
    isOpen,
    files,
    activeId,
    active,
    schemas,
    notice,
    draftSaved,
    open,
    close,
    restore,
    ready,
    newFile,
    importFiles,
    setText,
    setFormat,
    hiddenManaged: managed.hiddenManaged,
    managedShown: managed.managedShown,
    showManagedFields: managed.showManagedFields,
    closeFile,
    exported,
    formLink,
    toForm,
    formFile,
    fromForm,
  };
});
