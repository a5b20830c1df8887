import { autocompletion, type CompletionContext, type CompletionResult } from '@codemirror/autocomplete';
import { json } from '@codemirror/lang-json';
import { yaml } from '@codemirror/lang-yaml';
import { linter, lintGutter, type Diagnostic as CmDiagnostic } from '@codemirror/lint';
import { Compartment, type Extension } from '@codemirror/state';
import { EditorView, hoverTooltip, type Tooltip } from '@codemirror/view';
import { basicSetup } from 'codemirror';
import { analyzeAsync } from '../analysis-client';
import type { AnalysisSummary } from '../analysis-summary';
import type { Diagnostic } from '../diagnostic';
import { completeAt } from '../completion';
import { completeJsonAt } from '../completion-json';
import type { Format } from '../convert';
import { hoverAt } from '../hover';
import type { SchemaSet } from '../schema/types';

export interface EditorHooks {
  schemas: () => SchemaSet | undefined;
  format: () => Format;
  /** diagnostics from the server (apply), shown with the editor's own */
  extra: () => readonly Diagnostic[];
  /** the worker's answer for a text, shared with the files panel and the problems list */
  onAnalysis?: (text: string, summary: AnalysisSummary) => void;
  onChange: (text: string) => void;
  label: string;
  /** The message to show for a diagnostic (translated when it carries an i18n key). */
  describe?: (d: Diagnostic) => string;
}

export const languageSlot = new Compartment();
export const languageFor = (format: Format): Extension => (format === 'json' ? json() : yaml());

function lintSource(hooks: EditorHooks) {
  return async (view: EditorView): Promise<CmDiagnostic[]> => {
    const text = view.state.doc.toString();
    const length = text.length;
    const summary = await analyzeAsync(text, hooks.schemas(), hooks.format());
    hooks.onAnalysis?.(text, summary);
    const found = [...summary.diagnostics, ...hooks.extra()];
    return found.map((d) => ({
      from: Math.min(d.from, length),
      to: Math.min(Math.max(d.to, d.from), length),
      severity: d.severity,
      message: `${d.line}:${d.column} ${hooks.describe?.(d) ?? d.message}`,
      source: d.source,
    }));
  };
}

function completionSource(hooks: EditorHooks) {
  return (context: CompletionContext): CompletionResult | null => {
    const schemas = hooks.schemas();
    if (!schemas) return null;
    const text = context.state.doc.toString();
    const result =
      hooks.format() === 'json' ? completeJsonAt(text, context.pos, schemas) : completeAt(text, context.pos, schemas);
    if (!result || result.items.length === 0) return null;
    if (
      result.from === context.pos &&
      !context.explicit &&
      !(hooks.format() === 'json' ? /[:\s,{"-]$/ : /[:\s-]$/).test(context.state.sliceDoc(context.pos - 1, context.pos))
    ) {
      return null;
    }
    // A closing quote after the cursor (JSON: the editor closed the string) is replaced on apply; it is not part of
    // the completed range, which the editor would otherwise match against the labels.
    const closingQuote = result.to !== undefined && result.to > context.pos;
    return {
      from: result.from,
      validFor: /^[A-Za-z0-9_$-]*$/,
      options: result.items.map((item) => ({
        label: item.label,
        apply: closingQuote ? replacingQuote(item.apply) : item.apply,
        type: item.type,
        detail: item.required ? `${item.detail ?? ''} *` : item.detail,
        info: item.info,
        boost: item.required ? 1 : 0,
      })),
    };
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

function hoverSource(hooks: EditorHooks) {
  return (view: EditorView, pos: number): Tooltip | null => {
    const schemas = hooks.schemas();
    if (!schemas || hooks.format() !== 'yaml') return null;
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
  };
}

/** Everything the editor needs: line numbers, folding, search, history (from basicSetup), and the schema features. */
export function editorExtensions(hooks: EditorHooks, format: Format): Extension[] {
  return [
    basicSetup,
    languageSlot.of(languageFor(format)),
    linter(lintSource(hooks), { delay: 300 }),
    lintGutter(),
    autocompletion({ override: [completionSource(hooks)], activateOnTyping: true }),
    hoverTooltip(hoverSource(hooks)),
    // An explicit tabindex, so checkers see the scrolling area has keyboard-focusable content (contenteditable).
    EditorView.contentAttributes.of({ 'aria-label': hooks.label, tabindex: '0' }),
    EditorView.updateListener.of((update) => {
      if (update.docChanged) hooks.onChange(update.state.doc.toString());
    }),
    EditorView.theme({
      '&': { height: '100%', fontSize: '13px', backgroundColor: 'var(--surface)' },
      '.cm-scroller': { fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace' },
      '.cm-schema-doc': { maxWidth: '480px', padding: '6px 8px', fontSize: '12px' },
      '.cm-schema-doc p': { margin: '4px 0 0' },
    }),
  ];
}
