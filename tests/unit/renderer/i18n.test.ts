import { describe, expect, it } from 'vitest';
import { createAppI18n, messages } from '../../../renderer/i18n';
import { localeFromLanguage } from '../../../renderer/i18n/locale';

type Tree = { [key: string]: string | Tree };

function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out.set(path, value);
    else for (const [k, v] of flatten(value, path)) out.set(k, v);
  }
  return out;
}

const en = flatten(messages.en);
const zh = flatten(messages['zh-CN']);
const placeholders = (text: string) => [...new Set(text.match(/\{\w+\}/g) ?? [])].sort();

// The renderer's own sources as text, through Vite's glob import (this test runs under the web tsconfig: no node:fs).
const sources = import.meta.glob<string>('../../../renderer/**/*.{ts,vue}', {
  query: '?raw',
  import: 'default',
  eager: true,
});

describe('i18n catalogues', () => {
  it('English and Chinese hold exactly the same keys', () => {
    expect([...zh.keys()].sort()).toEqual([...en.keys()].sort());
  });

  it('each message uses the same placeholders in both languages; plural forms only where the language has them', () => {
    for (const [key, text] of en) {
      const other = zh.get(key) ?? '';
      expect(placeholders(other), key).toEqual(placeholders(text));
      // Chinese has no grammatical plural: one form serves every count, or it mirrors English's choice.
      expect([1, text.split(' | ').length], key).toContain(other.split(' | ').length);
    }
  });

  it('Chinese uses the glossary of product.md section 6', () => {
    expect(zh.get('list.title')).toBe('守护进程集');
    expect(zh.get('project.label')).toBe('项目');
    expect(zh.get('status.Updating')).toBe('更新中');
    expect(zh.get('status.Running')).toBe('运行中');
    expect(zh.get('status.Stopped')).toBe('已停止');
    expect(zh.get('column.nodeSelector')).toBe('节点选择器');
    expect(zh.get('project.all')).toContain('项目');
    expect(zh.get('summary.daemonSets')).toBe('守护进程集');
  });

  it('every message compiles and fills its placeholders in both languages', () => {
    const i18n = createAppI18n('en');
    const { t } = i18n.global;
    for (const locale of ['en', 'zh-CN'] as const) {
      i18n.global.locale.value = locale;
      for (const [key, text] of locale === 'en' ? en : zh) {
        const params = Object.fromEntries(placeholders(text).map((p) => [p.slice(1, -1), `<${p.slice(1, -1)}>`]));
        const out = t(key, params, 2);
        expect(out, `${locale} ${key}`).not.toBe(key);
        expect(out, `${locale} ${key}`).not.toMatch(/[{}]/);
      }
    }
  });

  it('every key the renderer names literally exists in the catalogue', () => {
    const used = new Set<string>();
    const patterns = [
      /\bt\(\s*'([\w.-]+)'/g,
      /key: '([\w-]+\.[\w.-]+)'/g,
      /'((?:state|column|status\.reason|age|project|summary|language)\.[\w.-]+)'/g,
    ];
    expect(Object.keys(sources).length).toBeGreaterThan(20);
    for (const text of Object.values(sources)) {
      for (const pattern of patterns) for (const [, key] of text.matchAll(pattern)) if (key) used.add(key);
    }
    expect(used.size).toBeGreaterThan(40);
    const missing = [...used].filter((key) => !en.has(key));
    expect(missing).toEqual([]);
  });

  it('keys the renderer builds from data exist for every value', () => {
    for (const phase of ['Updating', 'Running', 'Stopped']) expect(en.has(`status.${phase}`)).toBe(true);
    for (const type of ['RollingUpdate', 'OnDelete']) expect(en.has(`strategy.${type}`)).toBe(true);
    const states = ['not-connected', 'connecting', 'connected', 'unreachable', 'unauthorized', 'forbidden', 'error'];
    for (const state of states) expect(en.has(`cluster.state.${state}`)).toBe(true);
  });

  it('Chinese system languages choose zh-CN, everything else English', () => {
    expect(localeFromLanguage('zh')).toBe('zh-CN');
    expect(localeFromLanguage('zh-TW')).toBe('zh-CN');
    expect(localeFromLanguage('en-US')).toBe('en');
    expect(localeFromLanguage('de')).toBe('en');
    expect(localeFromLanguage(undefined)).toBe('en');
  });
});
