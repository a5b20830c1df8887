import { defineStore } from 'pinia';
import type { EditorSuggestions } from '../../electron/contract/editor-dto';
import { api } from '../api/bridge';
import { useClustersStore } from '../clusters/clusters';
import { ALL_PROJECTS, useProjectsStore } from '../clusters/projects';

/** How long the renderer reuses one answer (the backend keeps its own for less): popups come in bursts. */
export const SUGGESTIONS_REUSE_MS = 30_000;

/**
 * Value completion's names from the connected cluster (images in use, the project's ConfigMaps and Secrets, node
 * label keys), per context and project, asked for when a completion needs them. Offline, or when the read fails, there
 * are none: completion then offers the schema's values only, and says nothing about it.
 */
export const useSuggestionsStore = defineStore('editorSuggestions', () => {
  const clusters = useClustersStore();
  const projects = useProjectsStore();
  const kept = new Map<string, { at: number; value: Promise<EditorSuggestions | undefined> }>();

  /** For the document's namespace, else the project chosen in the list, else "default". */
  function suggestions(namespace: string | undefined, now = Date.now()): Promise<EditorSuggestions | undefined> {
    const context = clusters.activeContext;
    if (!context || clusters.connection.state !== 'connected') return Promise.resolve(undefined);
    const selected = projects.selected;
    const project = namespace ?? (selected && selected !== ALL_PROJECTS ? selected : 'default');
    const key = `${context}\n${project}`;
    const hit = kept.get(key);
    if (hit && now - hit.at < SUGGESTIONS_REUSE_MS) return hit.value;
    const value = api()
      .services.editor.suggestions(context, project)
      .catch(() => {
        kept.delete(key);
        return undefined;
      });
    kept.set(key, { at: now, value });
    return value;
  }

  return { suggestions };
});
