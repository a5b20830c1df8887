// Issue 19, finding 6 for manifests: the editor's parsing has the kubeconfig parser's size, depth and alias limits
// (common/yaml-limits.ts), and says where the limit was met, in English and Chinese.
import { createPinia, setActivePinia } from 'pinia';
import { beforeEach, describe, expect, it } from 'vitest';
import { createI18n } from 'vue-i18n';
import { analyze } from '../../../../renderer/editor/analyze';
import { objectsOf, yamlToJson } from '../../../../renderer/editor/convert';
import en from '../../../../renderer/i18n/en';
import zh from '../../../../renderer/i18n/zh-CN';
import { useEditorStore } from '../../../../renderer/editor/editor';

const deep = (levels: number) => `apiVersion: v1\nkind: ConfigMap\ndata: ${'['.repeat(levels)}${']'.repeat(levels)}\n`;

beforeEach(() => setActivePinia(createPinia()));

describe('manifest parsing limits', () => {
  it('refuses text nested past 64 levels at the line and column of the first token too deep, without parsing', () => {
    expect(analyze(deep(40), undefined).diagnostics.filter((d) => d.source === 'syntax')).toEqual([]);
    const found = analyze(deep(4 * 1024 * 1024), undefined);
    expect(found.documents).toEqual([]);
    expect(found.diagnostics).toHaveLength(1);
    const [problem] = found.diagnostics;
    // 64 levels of "[" are allowed; the 65th "[" is the first token past the limit, at column 7 + 64 on line 3.
    expect(problem).toMatchObject({ line: 3, column: 71, severity: 'error', i18n: { key: 'editor.limit.tooDeep' } });
    expect(problem?.from).toBe('apiVersion: v1\nkind: ConfigMap\ndata: '.length + 64);
    const i18n = createI18n({ legacy: false, locale: 'en', messages: { en, 'zh-CN': zh } });
    const params = problem?.i18n?.params ?? {};
    expect(i18n.global.t('editor.limit.tooDeep', params)).toBe(
      'Line 3, column 71: nested deeper than 64 levels, so the text is not checked.',
    );
    i18n.global.locale.value = 'zh-CN';
    expect(i18n.global.t('editor.limit.tooDeep', params)).toBe('第 3 行第 71 列：嵌套超过 64 层，未检查。');
  });

  it('counts JSON nesting too, and conversions refuse instead of parsing', () => {
    // "{" is the first level, so the 64th "[" (column 6 + 64) goes past 64.
    const json = `{"a": ${'['.repeat(100)}${']'.repeat(100)}}`;
    expect(analyze(json, undefined, 'json').diagnostics[0]).toMatchObject({ line: 1, column: 70 });
    expect(yamlToJson(deep(100))).toMatchObject({ ok: false, message: expect.stringContaining('Line 3, column 71') });
    expect(objectsOf(deep(100), 'yaml')).toBeNull();
  });

  it('refuses aliases that expand far beyond the text, at the document', () => {
    const big = 'x'.repeat(1024 * 1024);
    const text = `a: &s "${big}"\nb: [${Array.from({ length: 20 }, () => '*s').join(', ')}]\n`;
    const found = analyze(text, undefined);
    expect(found.documents[0]?.value).toBeUndefined();
    expect(found.diagnostics).toContainEqual(
      expect.objectContaining({ line: 1, column: 1, i18n: expect.objectContaining({ key: 'editor.limit.aliases' }) }),
    );
  });

  it('does not open a file past the limit and says where, instead of freezing on import', async () => {
    const editor = useEditorStore();
    const file = new File([deep(200)], 'bomb.yaml');
    await editor.importFiles([file]);
    expect(editor.files).toEqual([]);
    expect(editor.notice).toMatchObject({
      key: 'editor.limit.tooDeepImport',
      params: { file: 'bomb.yaml', line: 3, column: 71, max: 64 },
      tone: 'error',
    });
  });
});
