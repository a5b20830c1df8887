import { markRaw, ref, type Ref } from 'vue';
import { withManagedFields, withoutManagedFields } from '../editor/convert';
import type { EditorFile } from '../editor/files';

/**
 * The "Show managedFields" toggle of edit mode: the managedFields hidden on import, per file id and document. Kept in
 * memory only: drafts do not carry them (server bookkeeping, which apply drops anyway).
 */
export function useManagedFieldsToggle(files: Ref<EditorFile[]>) {
  const hiddenManaged = ref(new Map<string, unknown[]>());
  const managedShown = ref(new Set<string>());

  /** Remembers what withoutManagedFields removed from a file (markRaw: YAML nodes, not reactive state). */
  function remember(id: string, removed: unknown[]): void {
    hiddenManaged.value.set(id, markRaw(removed));
  }
  function forget(id: string): void {
    hiddenManaged.value.delete(id);
    managedShown.value.delete(id);
  }

  /** Shows or hides again the managedFields hidden on import (YAML files only); false when the text does not parse. */
  function showManagedFields(id: string, show: boolean): boolean {
    const file = files.value.find((f) => f.id === id);
    const removed = hiddenManaged.value.get(id);
    if (!file || !removed || file.format !== 'yaml') return false;
    if (show) {
      const text = withManagedFields(file.text, removed);
      if (text === null) return false;
      file.text = text;
      managedShown.value.add(id);
    } else {
      const clean = withoutManagedFields(file.text);
      file.text = clean.text;
      if (clean.hidden > 0) remember(id, clean.removed);
      managedShown.value.delete(id);
    }
    return true;
  }

  return { hiddenManaged, managedShown, remember, forget, showManagedFields };
}
