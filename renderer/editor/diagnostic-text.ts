import editorEn from './editor-en';

/** A message of the catalogue: its key, parameters, and parameters that are themselves catalogue keys (words). */
export interface DiagnosticText {
  key: string;
  params: Record<string, string | number>;
  terms?: Record<string, string>;
}

type Tree = { [key: string]: string | Tree };
const PREFIX = 'editor.diag.';
const EDITOR = 'editor.';

function englishOf(key: string): string | undefined {
  let node: string | Tree | undefined = editorEn as unknown as Tree;
  for (const part of key.slice(EDITOR.length).split('.')) node = typeof node === 'object' ? node[part] : undefined;
  return typeof node === 'string' ? node : undefined;
}

const fill = (template: string, params: Record<string, string | number>): string =>
  template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));

/** The English text of an edit-mode catalogue message (editor.*) (the checks run where there is no vue-i18n: the worker, tests). */
export function englishText(text: DiagnosticText): string {
  const terms = Object.fromEntries(
    Object.entries(text.terms ?? {}).map(([name, key]) => [name, fill(englishOf(key) ?? key, text.params)]),
  );
  return fill(englishOf(text.key) ?? text.key, { ...text.params, ...terms });
}

type Translate = (key: string, params: Record<string, string | number>) => string;

/** A diagnostic in the UI's language: its catalogue message (terms translated first), or as written when it has none. */
export function diagnosticText(t: Translate, d: { message: string; i18n?: DiagnosticText }): string {
  if (!d.i18n) return d.message;
  const { key, params, terms = {} } = d.i18n;
  const words = Object.fromEntries(Object.entries(terms).map(([name, term]) => [name, t(term, params)]));
  return t(key, { ...params, ...words });
}

/** A key of editor.diag, checked against the English catalogue by the tests (a typo shows as the key itself). */
export const diagKey = (path: string): string => `${PREFIX}${path}`;
