import { describe, expect, it } from 'vitest';
import { analyze } from '../../../../renderer/editor/analyze';
import { completeAt } from '../../../../renderer/editor/completion';
import { yamlToJson } from '../../../../renderer/editor/convert';
import { hoverAt } from '../../../../renderer/editor/hover';
import { mergeIntoYaml } from '../../../../renderer/editor/merge-document';
import { loadBundledSchemas } from '../../../../renderer/editor/schema/bundled';
import { hostileCorpus } from './hostile-corpus';

const schemas = await loadBundledSchemas();
const corpus = hostileCorpus();

describe('hostile and malformed editor texts', () => {
  it('the corpus has at least 200 cases', () => {
    expect(corpus.length).toBeGreaterThanOrEqual(200);
  });

  it.each(corpus.map((c) => [c.name, c] as const))('%s: diagnostics, never a throw', (_name, c) => {
    const result = analyze(c.text, schemas);
    if (c.flagged) expect(result.diagnostics.length).toBeGreaterThan(0);
    for (const d of result.diagnostics) {
      expect(d.from).toBeGreaterThanOrEqual(0);
      expect(d.to).toBeLessThanOrEqual(c.text.length + 1);
      expect(d.line).toBeGreaterThanOrEqual(1);
      expect(d.column).toBeGreaterThanOrEqual(1);
    }
    analyze(c.text, schemas, 'json');
    for (const offset of [0, Math.floor(c.text.length / 3), Math.floor(c.text.length / 2), c.text.length]) {
      completeAt(c.text, offset, schemas);
      hoverAt(c.text, offset, schemas);
    }
    yamlToJson(c.text);
    mergeIntoYaml(c.text, 0, { apiVersion: 'v1', kind: 'ConfigMap' });
  });
});
