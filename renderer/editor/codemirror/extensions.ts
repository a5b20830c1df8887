import { monospaceFont } from './shadow-view';
import { autocompletion, type CompletionContext, type CompletionResult } from '@codemirror/autocomplete';
import { json } from '@codemirror/lang-json';
import { yaml } from '@codemirror/lang-yaml';
import { linter, lintGutter, type Action, type Diagnostic as CmDiagnostic } from '@codemirror/lint';
import { Compartment, EditorState, Facet, type Extension, type StateEffect } from '@codemirror/state';
import { EditorView, hoverTooltip, type Tooltip, type ViewUpdate } from '@codemirror/view';
import { basicSetup } from 'codemirror';
import { analyzeAsync } from '../analysis-client';
import type { AnalysisSummary } from '../analysis-summary';
import type { Diagnostic } from '../diagnostic';
import { englishText } from '../diagnostic-text';
import { completeAt } from '../completion';
import { completeJsonAt } from '../completion-json';
import type { Format } from '../convert';
import { hoverAt } from '../hover';
import type { SchemaSet } from '../schema/types';
import type { EditorSuggestions } from '../../../electron/contract/editor-dto';

/** The component's callbacks: what the editor reports out, and how it words a diagnostic. */
export interface EditorHooks {
  /** the worker's answer for a text, shared with the files panel and the problems list */
  onAnalysis?: (text: string, summary: AnalysisSummary) => void;
  onChange: (text: string) => void;
  label: string;
  /** The message to show for a diagnostic (translated when it carries an i18n key). */
  describe?: (d: Diagnostic) => string;
  /** A catalogue message in the UI's language (a quick fix's name, a completion's detail). */
  translate?: (key: string, params: Record<string, string | number>) => string;
  /** The cluster's names for value completion in a project (the document's namespace, if it names one). */
  suggestions?: (namespace: string | undefined) => Promise<EditorSuggestions | undefined>;
}

/** What a document is checked against: each EditorState carries its own, so a state set aside keeps its settings. */
export interface EditorSettings {
  schemas: SchemaSet | undefined;
  format: Format;
  /** diagnostics from the server (apply), shown with the editor's own */
  extra: readonly Diagnostic[];
  /** CodeMirror's own words (search panel, lint panel) in the UI's language; English without */
  phrases?: Record<string, string>;
}

// Each setting has one input (its compartment's); the combined value is that input, or the default without one.
export const schemasFacet = Facet.define<SchemaSet | undefined, SchemaSet | undefined>({ combine: (v) => v[0] });
export const formatFacet = Facet.define<Format, Format>({ combine: (v) => v[0] ?? 'yaml' });
export const extraFacet = Facet.define<readonly Diagnostic[], readonly Diagnostic[]>({ combine: (v) => v[0] ?? [] });

// One compartment per setting, so a change reconfigures only its own part; the format's also holds the language.
const schemasSlot = new Compartment();
const formatSlot = new Compartment();
const extraSlot = new Compartment();
const phrasesSlot = new Compartment();
const noPhrases: Record<string, string> = {};
const languageFor = (format: Format): Extension => (format === 'json' ? json() : yaml());
const formatExtension = (format: Format): Extension => [formatFacet.of(format), languageFor(format)];

/** The effects that bring a state's settings to `settings` (none for those already equal). */
export function settingsEffects(state: EditorState, settings: EditorSettings): StateEffect<unknown>[] {
  const effects: StateEffect<unknown>[] = [];
  if (state.facet(schemasFacet) !== settings.schemas)
    effects.push(schemasSlot.reconfigure(schemasFacet.of(settings.schemas)));
  if (state.facet(formatFacet) !== settings.format)
    effects.push(formatSlot.reconfigure(formatExtension(settings.format)));
  // A store may hand a new empty list on every edit: that is no change.
  const extra = state.facet(extraFacet);
  if (extra !== settings.extra && (extra.length > 0 || settings.extra.length > 0))
    effects.push(extraSlot.reconfigure(extraFacet.of(settings.extra)));
  const phrases = settings.phrases ?? noPhrases;
  if (state.facet(EditorState.phrases)[0] !== phrases)
    effects.push(phrasesSlot.reconfigure(EditorState.phrases.of(phrases)));
  return effects;
}

// Linting always reruns on a document change; a new schema set, format or server answer needs it too.
const settingsChanged = ({ startState, state }: ViewUpdate): boolean =>
  startState.facet(schemasFacet) !== state.facet(schemasFacet) ||
  startState.facet(formatFacet) !== state.facet(formatFacet) ||
  startState.facet(extraFacet) !== state.facet(extraFacet);

function lintSource(hooks: EditorHooks) {
  return async (view: EditorView): Promise<CmDiagnostic[]> => {
    const { state } = view;
    const text = state.doc.toString();
    const length = text.length;
    const summary = await analyzeAsync(text, state.facet(schemasFacet), state.facet(formatFacet));
    hooks.onAnalysis?.(text, summary);
    const found = [...summary.diagnostics, ...state.facet(extraFacet)];
    return found.map((d) => ({
      from: Math.min(d.from, length),
      to: Math.min(Math.max(d.to, d.from), length),
      severity: d.severity,
      message: `${d.line}:${d.column} ${hooks.describe?.(d) ?? d.message}`,
      source: hooks.translate?.(`editor.source.${d.source}`, {}) ?? d.source,
      ...(d.fix ? { actions: [fixAction(d.fix, hooks)] } : {}),
    }));
  };
}

/** A diagnostic's quick fix as a lint action; it applies only while the text it replaces is still there. */
export function fixAction(fix: NonNullable<Diagnostic['fix']>, hooks: EditorHooks): Action {
  const original = fix;
  return {
    name: hooks.translate?.(fix.label.key, fix.label.params) ?? englishText(fix.label),
    apply(view, from, to) {
      // from/to are the diagnostic's range as mapped through edits since; the fix replaces exactly that range.
      if (to - from !== original.to - original.from) return;
      view.dispatch({ changes: { from, to, insert: original.insert }, userEvent: 'input.complete' });
    },
  };
}

/** Completion from the schema, and from the cluster where a field takes its values (exported for its test). */
export async function completionSource(
  context: CompletionContext,
  hooks?: Pick<EditorHooks, 'suggestions' | 'translate'>,
): Promise<CompletionResult | null> {
  const schemas = context.state.facet(schemasFacet);
  if (!schemas) return null;
  const isJson = context.state.facet(formatFacet) === 'json';
  const text = context.state.doc.toString();
  const complete = (values?: EditorSuggestions) =>
    isJson ? completeJsonAt(text, context.pos, schemas, values) : completeAt(text, context.pos, schemas, values);
  let result = complete();
  if (!result) return null;
  if (
    result.from === context.pos &&
    !context.explicit &&
    !(isJson ? /[:\s,{"-]$/ : /[:\s-]$/).test(context.state.sliceDoc(context.pos - 1, context.pos))
  ) {
    return null;
  }
  // The cluster's values, when this place takes some: no cluster (offline) or a failed read offers none.
  if (result.cluster && hooks?.suggestions) {
    const values = await hooks.suggestions(result.cluster.namespace).catch(() => undefined);
    result = complete(values) ?? result;
  }
  if (result.items.length === 0) return null;
  // A closing quote after the cursor (JSON: the editor closed the string) is replaced on apply; it is not part of
  // the completed range, which the editor would otherwise match against the labels.
  const closingQuote = result.to !== undefined && result.to > context.pos;
  const kindName = (kind: string): string =>
    hooks?.translate?.(`editor.complete.${kind}`, {}) ?? englishText({ key: `editor.complete.${kind}`, params: {} });
  return {
    from: result.from,
    validFor: result.position === 'key' ? /^[A-Za-z0-9_$./-]*$/ : /^[A-Za-z0-9_.:/@-]*$/,
    options: result.items.map((item) => ({
      label: item.label,
      apply: closingQuote ? replacingQuote(item.apply) : item.apply,
      type: item.type,
      detail: item.source ? kindName(item.source) : item.required ? `${item.detail ?? ''} *` : item.detail,
      info: item.info,
      boost: item.required ? 1 : 0,
    })),
  };
}

function replacingQuote(text: string) {
  return (view: EditorView, _completion: unknown, from: number, to: number): void => {
    const end = view.state.sliceDoc(to, to + 1) === '"' ? to + 1 : to;
    view.dispatch({
      changes: { from, to: end, insert: text },
      selection: { anchor: from + text.length },
      userEvent: 'input.complete',
    });
  };
}

function hoverSource(view: EditorView, pos: number): Tooltip | null {
  const schemas = view.state.facet(schemasFacet);
  if (!schemas || view.state.facet(formatFacet) !== 'yaml') return null;
  const doc = hoverAt(view.state.doc.toString(), pos, schemas);
  if (!doc) return null;
  return {
    pos: doc.from,
    end: doc.to,
    above: true,
    create: () => {
      const dom = document.createElement('div');
      dom.className = 'cm-schema-doc';
      const title = document.createElement('strong');
      title.textContent = `${doc.path}: ${doc.type}`;
      const body = document.createElement('p');
      body.textContent = doc.description;
      dom.append(title, body);
      if (doc.enumValues) {
        const values = document.createElement('p');
        values.textContent = doc.enumValues.join(' | ');
        dom.append(values);
      }
      return { dom };
    },
  };
}

/** Everything the editor needs: line numbers, folding, search, history (from basicSetup), and the schema features. */
export function editorExtensions(hooks: EditorHooks, settings: EditorSettings): Extension[] {
  return [
    basicSetup,
    schemasSlot.of(schemasFacet.of(settings.schemas)),
    formatSlot.of(formatExtension(settings.format)),
    extraSlot.of(extraFacet.of(settings.extra)),
    phrasesSlot.of(EditorState.phrases.of(settings.phrases ?? noPhrases)),
    linter(lintSource(hooks), { delay: 300, needsRefresh: settingsChanged }),
    lintGutter(),
    autocompletion({ override: [(context) => completionSource(context, hooks)], activateOnTyping: true }),
    hoverTooltip(hoverSource),
    // An explicit tabindex, so checkers see the scrolling area has keyboard-focusable content (contenteditable).
    EditorView.contentAttributes.of(() => ({ 'aria-label': hooks.label, tabindex: '0' })),
    EditorView.updateListener.of((update) => {
      if (update.docChanged) hooks.onChange(update.state.doc.toString());
    }),
    monospaceFont,
    EditorView.theme({
      '&': { height: '100%', fontSize: '13px', backgroundColor: 'var(--surface)' },
      '.cm-schema-doc': { maxWidth: '480px', padding: '6px 8px', fontSize: '12px' },
      '.cm-schema-doc p': { margin: '4px 0 0' },
    }),
  ];
}
