// The editor's settings live in each EditorState (facets): a state answers from its own schemas and format, whatever
// another state or the component holds, and settingsEffects brings a state set aside to the settings of now.
import { CompletionContext } from '@codemirror/autocomplete';
import { EditorState } from '@codemirror/state';
import { describe, expect, it } from 'vitest';
import {
  completionSource,
  editorExtensions,
  extraFacet,
  formatFacet,
  schemasFacet,
  settingsEffects,
  type EditorSettings,
} from '../../../../renderer/editor/codemirror/extensions';
import type { Diagnostic } from '../../../../renderer/editor/diagnostic';
import { loadBundledSchemas } from '../../../../renderer/editor/schema/bundled';

const schemas = await loadBundledSchemas();
const hooks = { label: 'editor', onChange: () => undefined };
const stateOf = (doc: string, settings: EditorSettings) =>
  EditorState.create({ doc, extensions: editorExtensions(hooks, settings) });
const labelsAt = async (state: EditorState, marker: string) =>
  (
    await completionSource(new CompletionContext(state, state.doc.toString().indexOf(marker) + marker.length, true))
  )?.options.map((o) => o.label) ?? [];

const YAML = 'apiVersion: apps/v1\nkind: DaemonSet\nspec:\n  templ\n';
const JSON_TEXT = '{\n  "apiVersion": "apps/v1",\n  "kind": "DaemonSet",\n  "spec": { "templ" }\n}';

describe('editor state settings', () => {
  it('each state completes from its own schemas and format', async () => {
    const yaml = stateOf(YAML, { schemas, format: 'yaml', extra: [] });
    const json = stateOf(JSON_TEXT, { schemas, format: 'json', extra: [] });
    const bare = stateOf(YAML, { schemas: undefined, format: 'yaml', extra: [] });
    expect(await labelsAt(yaml, 'templ')).toContain('template');
    expect(await labelsAt(json, '"templ')).toContain('template');
    // The JSON text read as YAML (the format is the state's, not a shared setting) has no key position there.
    expect(await labelsAt(stateOf(JSON_TEXT, { schemas, format: 'yaml', extra: [] }), '"templ')).toEqual([]);
    expect(await labelsAt(bare, 'templ')).toEqual([]);
  });

  it('settingsEffects changes only what differs, and an empty list for an empty list is no change', () => {
    const server: Diagnostic[] = [
      { from: 0, to: 4, line: 1, column: 1, severity: 'error', message: 'conflict', source: 'server' },
    ];
    const before = stateOf(YAML, { schemas: undefined, format: 'yaml', extra: [] });
    expect(settingsEffects(before, { schemas: undefined, format: 'yaml', extra: [] })).toEqual([]);
    const effects = settingsEffects(before, { schemas, format: 'json', extra: server });
    expect(effects).toHaveLength(3);
    const after = before.update({ effects }).state;
    expect(after.facet(schemasFacet)).toBe(schemas);
    expect(after.facet(formatFacet)).toBe('json');
    expect(after.facet(extraFacet)).toBe(server);
    // The state set aside is untouched: it keeps its own settings.
    expect(before.facet(schemasFacet)).toBeUndefined();
    expect(before.facet(formatFacet)).toBe('yaml');
    expect(settingsEffects(after, { schemas, format: 'json', extra: server })).toEqual([]);
  });
});
