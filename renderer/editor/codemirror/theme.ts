import { defaultHighlightStyle, HighlightStyle, syntaxHighlighting } from '@codemirror/language';
import { Compartment, type EditorState, type Extension, type StateEffect } from '@codemirror/state';
import { EditorView } from '@codemirror/view';
import type { Theme } from '../../styles/theme';

// CodeMirror's default highlight roles, each coloured by a --syntax-* token (base.css sets them per theme), so the
// colours follow the theme without a second style; the default style stays the fallback for any role not here.
const TOKEN_FOR: Record<string, string> = {
  '#404740': '--syntax-meta',
  '#708': '--syntax-keyword',
  '#219': '--syntax-atom',
  '#164': '--syntax-literal',
  '#a11': '--syntax-string',
  '#e40': '--syntax-special',
  '#00f': '--syntax-definition',
  '#30a': '--syntax-definition',
  '#085': '--syntax-type',
  '#167': '--syntax-type',
  '#256': '--syntax-type',
  '#00c': '--syntax-definition',
  '#940': '--syntax-comment',
  '#f00': '--syntax-invalid',
};
const tokenHighlight = HighlightStyle.define(
  defaultHighlightStyle.specs.map((spec) => {
    const token = typeof spec.color === 'string' ? TOKEN_FOR[spec.color] : undefined;
    return token ? { ...spec, color: `var(${token})` } : spec;
  }),
);

// The `dark` flag picks CodeMirror's own dark defaults (cursor, selection, panels, tooltips); colours come from
// the app's tokens, which the editor's shadow root inherits.
function themeExtension(theme: Theme): Extension {
  return [
    EditorView.theme(
      {
        '&': { color: 'var(--text)', backgroundColor: 'var(--surface)' },
        '.cm-gutters': {
          backgroundColor: 'var(--surface-muted)',
          color: 'var(--text-muted)',
          borderColor: 'var(--border)',
        },
        '.cm-activeLine': { backgroundColor: 'var(--row-hover)' },
        '.cm-activeLineGutter': { backgroundColor: 'var(--row-selected)' },
        '.cm-cursor, .cm-dropCursor': { borderLeftColor: 'var(--text)' },
        '.cm-tooltip': { backgroundColor: 'var(--surface)', color: 'var(--text)', borderColor: 'var(--border)' },
        '.cm-panels': { backgroundColor: 'var(--surface-muted)', color: 'var(--text)' },
      },
      { dark: theme === 'dark' },
    ),
    syntaxHighlighting(tokenHighlight),
  ];
}

const themeSlot = new Compartment();

/** The editor's theme part, for the extension list of every new state. */
export function editorTheme(theme: Theme): Extension {
  return themeSlot.of(themeExtension(theme));
}

/** The effect that brings a state to `theme` (none when it has it already). */
export function themeEffects(state: EditorState, theme: Theme): StateEffect<unknown>[] {
  const dark = state.facet(EditorView.darkTheme);
  return dark === (theme === 'dark') ? [] : [themeSlot.reconfigure(themeExtension(theme))];
}
