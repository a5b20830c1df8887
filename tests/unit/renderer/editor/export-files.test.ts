// "Export all": the files as one text. YAML goes out as written (comments kept, as "Export this file" keeps them), and
// the stream holds exactly the documents of the files, in order, whatever marker or directive a file starts with.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments, stringify } from 'yaml';
import { joinFiles } from '../../../../renderer/editor/export-files';
import { mergedText } from '../../../../renderer/editor/form-file';
import type { EditorFile } from '../../../../renderer/editor/files';

const file = (name: string, text: string, format: EditorFile['format'] = 'yaml'): EditorFile => ({
  id: name,
  name,
  format,
  text,
});
const documents = (text: string): unknown[] =>
  Array.from(parseAllDocuments(text, { version: '1.1' }), (d) => {
    expect(d.errors).toEqual([]);
    return d.toJS() as unknown;
  });
const joined = (files: EditorFile[]): string => {
  const out = joinFiles(files, 'yaml');
  if (!out.ok) throw new Error(`refused ${out.file}`);
  return out.text;
};

describe('export all as YAML', () => {
  it('keeps every comment and every document, in the order of the files', () => {
    const a = file('a.yaml', '# a: header\napiVersion: v1\nkind: ConfigMap # inline\nmetadata:\n  name: a\n');
    const b = file('b.yaml', '---\n# b starts with a marker\nkind: B\n---\nkind: B2\n# trailing\n');
    const c = file('c.yaml', '%YAML 1.1\n---\nkind: C\n');
    const d = file('d.json', '{"kind": "List", "apiVersion": "v1", "items": [{"kind": "D1"}, {"kind": "D2"}]}', 'json');
    const text = joined([a, b, c, d]);
    for (const comment of ['# a: header', '# inline', '# b starts with a marker', '# trailing']) {
      expect(text).toContain(comment);
    }
    expect(documents(text)).toEqual([
      { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'a' } },
      { kind: 'B' },
      { kind: 'B2' },
      { kind: 'C' },
      { kind: 'D1' },
      { kind: 'D2' },
    ]);
  });

  it('names the first file that does not parse, and writes nothing', () => {
    expect(joinFiles([file('ok.yaml', 'a: 1\n'), file('bad.yaml', 'a: [1\n')], 'yaml')).toEqual({
      ok: false,
      file: 'bad.yaml',
    });
    expect(joinFiles([file('ok.yaml', 'a: 1\n'), file('bad.json', '{')], 'json')).toEqual({
      ok: false,
      file: 'bad.json',
    });
  });

  it('as JSON: one object, or a v1 List of every document', () => {
    const one = joinFiles([file('a.yaml', '# c\nkind: A\n')], 'json');
    expect(one.ok && JSON.parse(one.text)).toEqual({ kind: 'A' });
    const two = joinFiles([file('a.yaml', 'kind: A\n'), file('b.json', '{"kind":"B"}', 'json')], 'json');
    expect(two.ok && JSON.parse(two.text)).toEqual({
      apiVersion: 'v1',
      kind: 'List',
      items: [{ kind: 'A' }, { kind: 'B' }],
    });
  });

  it('any YAML files: the export parses to their documents and holds their comments', () => {
    const value = fc.dictionary(
      fc.constantFrom('kind', 'name', 'data', 'spec'),
      fc.oneof(fc.string({ maxLength: 8 }), fc.integer(), fc.array(fc.integer(), { maxLength: 3 })),
      { minKeys: 1 },
    );
    const yamlFile = fc.record({
      docs: fc.array(value, { minLength: 1, maxLength: 3 }),
      head: fc.constantFrom('', '# head\n', '---\n', '# head\n---\n', '%YAML 1.1\n---\n'),
      tail: fc.constantFrom('', '# tail\n', '\n\n'),
      newline: fc.boolean(),
    });
    fc.assert(
      fc.property(fc.array(yamlFile, { minLength: 1, maxLength: 4 }), (specs) => {
        const files = specs.map((s, i) => {
          const body = s.docs.map((d) => stringify(d, { version: '1.1' })).join(`---\n# doc of file ${i}\n`);
          const text = `${s.head}${body}${s.tail}`;
          return file(`f${i}.yaml`, s.newline ? text : text.replace(/\n+$/, ''));
        });
        const text = joined(files);
        expect(documents(text)).toEqual(specs.flatMap((s) => s.docs));
        for (const f of files) for (const comment of f.text.match(/#.*$/gm) ?? []) expect(text).toContain(comment);
      }),
      { numRuns: 50 },
    );
  });
});

describe('the form back into its file', () => {
  const text = '# keep me\napiVersion: v1\nkind: ConfigMap\n---\napiVersion: apps/v1\nkind: DaemonSet # ds\n';
  const manifest = { apiVersion: 'apps/v1', kind: 'DaemonSet', metadata: { name: 'x' } };

  it('writes into the document the form came from, keeping comments', () => {
    const merged = mergedText(file('f.yaml', text), 1, manifest) ?? '';
    expect(merged).toContain('# keep me');
    expect(documents(merged)).toEqual([{ apiVersion: 'v1', kind: 'ConfigMap' }, manifest]);
  });

  it('refuses a document that is no longer a DaemonSet (the file changed since), YAML or JSON', () => {
    expect(mergedText(file('f.yaml', text), 0, manifest)).toBeNull();
    expect(mergedText(file('f.json', '{"kind": "ConfigMap"}', 'json'), 0, manifest)).toBeNull();
    expect(mergedText(file('f.json', '{"kind": "DaemonSet"}', 'json'), 0, manifest)).toBe(
      `${JSON.stringify(manifest, null, 2)}\n`,
    );
  });
});
