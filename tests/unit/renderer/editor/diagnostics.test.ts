// Every diagnostic is worded by the catalogue in both languages; syntax errors about an unclosed quote or bracket sit
// where it opens (YAML and JSON); an unknown field near a known one offers the rename, as a lint action that works.
import { EditorState } from '@codemirror/state';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../../../renderer/editor/analyze';
import { editorExtensions, fixAction, settingsEffects } from '../../../../renderer/editor/codemirror/extensions';
import { phrasesEn, phrasesZhCN } from '../../../../renderer/editor/codemirror-phrases';
import { diagnosticText } from '../../../../renderer/editor/diagnostic-text';
import { closestKey } from '../../../../renderer/editor/did-you-mean';
import { loadBundledSchemas } from '../../../../renderer/editor/schema/bundled';
import { messages } from '../../../../renderer/i18n';
import { DAEMONSET } from './fixtures';
import { hostileCorpus } from './hostile-corpus';

const schemas = await loadBundledSchemas();
type Tree = { [key: string]: string | Tree };
const lookup = (locale: 'en' | 'zh-CN', key: string): string | undefined => {
  let node: string | Tree | undefined = messages[locale] as unknown as Tree;
  for (const part of key.split('.')) node = typeof node === 'object' ? node[part] : undefined;
  return typeof node === 'string' ? node : undefined;
};
// vue-i18n's {name} substitution, enough for these messages.
const t =
  (locale: 'en' | 'zh-CN') =>
  (key: string, params: Record<string, string | number>): string =>
    (lookup(locale, key) ?? key).replace(/\{(\w+)\}/g, (_, name: string) => String(params[name]));
const first = (text: string, format: 'yaml' | 'json' = 'yaml') =>
  analyze(text, schemas, format).diagnostics.find((d) => d.severity === 'error');

describe('editor diagnostics in the catalogue', () => {
  it('every diagnostic of the hostile corpus and the typo cases has a key both catalogues hold', () => {
    const texts = [
      // Every fourth case of the corpus: each kind of breakage is there many times over (shifted line by line).
      ...hostileCorpus()
        .filter((_, i) => i % 4 === 0)
        .map((c) => c.text),
      DAEMONSET.replace('hostNetwork: true', 'hostNetwork: "yes"'),
      DAEMONSET.replace('hostNetwork', 'hostNetwrk'),
      DAEMONSET.replace('name: node-agent', 'name: Node_Agent'),
      'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\ndata:\n  a: [1\n',
      'apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: w\n',
      '- a\n',
    ];
    let seen = 0;
    for (const text of texts) {
      for (const d of analyze(text, schemas).diagnostics) {
        expect(d.i18n, d.message).toBeDefined();
        const key = d.i18n?.key ?? '';
        expect(lookup('en', key), key).toBeDefined();
        expect(lookup('zh-CN', key), key).toBeDefined();
        for (const term of Object.values(d.i18n?.terms ?? {})) expect(lookup('zh-CN', term), term).toBeDefined();
        // The English shown in the UI is the catalogue's, the same as the check's own text.
        expect(diagnosticText(t('en'), d)).toBe(d.message);
        seen++;
      }
    }
    expect(seen).toBeGreaterThan(100);
  });

  it('reads in Chinese with Chinese punctuation: missing field, unknown field, type errors, parse errors', () => {
    const zh = (text: string) => analyze(text, schemas).diagnostics.map((d) => diagnosticText(t('zh-CN'), d));
    const typo = zh(
      DAEMONSET.replace('      hostNetwork: true', '      hostNetwrk: true').replace('name: agent', 'nam: agent'),
    );
    expect(typo).toContain('未知字段“spec.template.spec.hostNetwrk”；是否要写“hostNetwork”？');
    expect(typo).toContain('缺少必填字段“spec.template.spec.containers[0].name”。');
    expect(zh(DAEMONSET.replace('hostNetwork: true', 'hostNetwork: "yes"'))).toContain(
      'spec.template.spec.hostNetwork：应为布尔值，实际为字符串。',
    );
    expect(zh('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  b: "x\n')).toEqual([
      '这个"引号没有闭合：字符串从这里一直延续下去。',
    ]);
    // No ASCII sentence punctuation (", ; : ( )") between Chinese characters.
    for (const line of [...typo, ...zh('a:\n\t- b\n')])
      expect(line, line).not.toMatch(/[\u4e00-\u9fff][,;:()]|[,;:()][\u4e00-\u9fff]/);
  });

  it('an unclosed quote is reported where it opens, not at the end of the text (YAML)', () => {
    const text = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\ndata:\n  b: "open\n  c: x\n  d: y\n  e: z\n';
    expect(first(text)).toMatchObject({ line: 6, column: 6, i18n: { key: 'editor.diag.yaml.unclosedQuote' } });
    expect(first(text.replace('"open', "'open"))).toMatchObject({ line: 6, column: 6 });
    const flow = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\ndata:\n  b: [1, 2\n  c: x\n';
    expect(first(flow)).toMatchObject({ line: 6, column: 6, i18n: { key: 'editor.diag.yaml.unclosedFlow' } });
  });

  it('JSON: an unclosed string or bracket where it opens; a trailing comma where it is', () => {
    const json = (body: string) => `{\n  "apiVersion": "v1",\n  "kind": "ConfigMap",\n${body}\n}`;
    expect(first(json('  "data": { "a": "open\n  }'), 'json')).toMatchObject({ line: 4, column: 18 });
    expect(first(json('  "data": [1, 2').slice(0, -2), 'json')).toMatchObject({
      line: 4,
      column: 11,
      i18n: { key: 'editor.diag.json.unclosed', params: { open: '[', close: ']' } },
    });
    const trailing = first(json('  "data": { "a": "b", }'), 'json');
    expect(trailing).toMatchObject({ line: 4, column: 23, i18n: { key: 'editor.diag.json.unexpected' } });
    expect(trailing?.message).toBe('Unexpected "}" here: expected a field name in double quotes.');
  });

  it('property: a field misspelt by one edit is offered back, and applying the lint action renames it', () => {
    const fields = Object.keys(schemas.defs['core/v1.Container']?.p ?? {}).filter((f) => f.length >= 6);
    const known = new Set(fields);
    const typo = fc
      .tuple(fc.constantFrom(...fields), fc.nat(), fc.constantFrom('delete', 'swap', 'double'))
      .map(([field, n, how]) => {
        const i = n % (field.length - 1);
        const wrong =
          how === 'delete'
            ? field.slice(0, i) + field.slice(i + 1)
            : how === 'swap'
              ? field.slice(0, i) + (field[i + 1] ?? '') + (field[i] ?? '') + field.slice(i + 2)
              : field.slice(0, i) + (field[i] ?? '') + field.slice(i);
        return { field, wrong };
      });
    fc.assert(
      fc.property(typo, ({ field, wrong }) => {
        fc.pre(!known.has(wrong) && closestKey(wrong, fields) === field);
        const text = DAEMONSET.replace('          imagePullPolicy: IfNotPresent\n', `          ${wrong}: x\n`);
        const found = analyze(text, schemas).diagnostics.find((d) => d.fix);
        expect(found?.i18n?.params).toMatchObject({ suggestion: field });
        let state = EditorState.create({ doc: text });
        const view = { dispatch: (spec: Parameters<EditorState['update']>[0]) => (state = state.update(spec).state) };
        const action = fixAction(found?.fix ?? { from: 0, to: 0, insert: '', label: { key: '', params: {} } }, {
          label: 'editor',
          onChange: () => undefined,
          translate: t('zh-CN'),
        });
        expect(action.name).toBe(`改为 ${field}`);
        action.apply(view as never, found?.from ?? 0, found?.to ?? 0);
        expect(state.doc.toString()).toContain(`          ${field}: x\n`);
        const after = analyze(state.doc.toString(), schemas).diagnostics;
        expect(after.some((d) => d.i18n?.key.startsWith('editor.diag.unknownField'))).toBe(false);
      }),
      { numRuns: 25 },
    );
  });

  it("CodeMirror's own words follow the UI's language, reconfigured in place", () => {
    const settings = { schemas, format: 'yaml' as const, extra: [] };
    const hooks = { label: 'editor', onChange: () => undefined };
    const state = EditorState.create({ doc: '', extensions: editorExtensions(hooks, settings) });
    expect(state.phrase('Find')).toBe('Find');
    const zh = state.update({ effects: settingsEffects(state, { ...settings, phrases: phrasesZhCN }) }).state;
    expect([zh.phrase('Find'), zh.phrase('No diagnostics'), zh.phrase('replaced $ matches', 3)]).toEqual([
      '查找',
      '没有诊断',
      '已替换 3 处匹配',
    ]);
    expect(Object.keys(phrasesZhCN).sort()).toEqual(Object.keys(phrasesEn).sort());
    for (const [key, text] of Object.entries(phrasesZhCN)) expect(text, key).toMatch(/[\u4e00-\u9fff]/);
  });

  it('offers no rename for a field far from every known one', () => {
    const text = DAEMONSET.replace('hostNetwork: true', 'zzzqqq: true');
    const found = analyze(text, schemas).diagnostics.find((d) => d.severity === 'error');
    expect(found).toMatchObject({ message: 'unknown field "spec.template.spec.zzzqqq"' });
    expect(found?.fix).toBeUndefined();
  });
});
