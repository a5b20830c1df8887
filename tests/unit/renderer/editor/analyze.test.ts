import { describe, expect, it } from 'vitest';
import { analyze } from '../../../../renderer/editor/analyze';
import { loadBundledSchemas } from '../../../../renderer/editor/schema/bundled';
import { DAEMONSET } from './fixtures';

const schemas = await loadBundledSchemas();
const errors = (text: string) => analyze(text, schemas).diagnostics.filter((d) => d.severity === 'error');

describe('editor diagnostics', () => {
  it('finds nothing wrong in a valid DaemonSet', () => {
    expect(analyze(DAEMONSET, schemas).diagnostics).toEqual([]);
  });

  it('reports an unknown field at its line and column', () => {
    const text = DAEMONSET.replace('      hostNetwork: true', '      hostNetwrk: true');
    const found = errors(text);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({
      line: 18,
      column: 7,
      message: 'unknown field "spec.template.spec.hostNetwrk"; did you mean "hostNetwork"?',
      fix: { insert: 'hostNetwork', label: { key: 'editor.diag.renameTo', params: { name: 'hostNetwork' } } },
    });
    expect(text.slice(found[0]?.from, found[0]?.to)).toBe('hostNetwrk');
    expect(text.slice(found[0]?.fix?.from, found[0]?.fix?.to)).toBe('hostNetwrk');
  });

  it('reports __proto__ and constructor as unknown fields instead of crashing (finding 10)', () => {
    for (const key of ['__proto__', 'constructor', 'toString']) {
      const text = DAEMONSET.replace('      hostNetwork: true', `      ${key}: {}`);
      expect(errors(text).map((d) => d.message)).toEqual([`unknown field "spec.template.spec.${key}"`]);
    }
  });

  it('reports a wrong type and a missing required field', () => {
    const text = DAEMONSET.replace('hostNetwork: true', 'hostNetwork: "yes"').replace(
      '        - name: agent\n',
      '        - \n',
    );
    const found = errors(text).map((d) => [d.line, d.message]);
    expect(found).toContainEqual([18, 'spec.template.spec.hostNetwork: expected a boolean, got a string.']);
    expect(
      found.some(([, m]) => String(m).includes('Missing required field "spec.template.spec.containers[0].name"')),
    ).toBe(true);
  });

  it('reports a selector that does not match the template labels', () => {
    const text = DAEMONSET.replace('      app: node-agent\n  template', '      app: other\n  template');
    const found = errors(text);
    expect(found.map((d) => d.message)).toEqual([
      'spec.template.metadata.labels: Invalid value: `selector` does not match template `labels`',
    ]);
    expect(found[0]?.line).toBe(15);
  });

  it('reports bad names and syntax errors with positions', () => {
    expect(errors(DAEMONSET.replace('name: node-agent', 'name: Node_Agent'))[0]).toMatchObject({ line: 5, column: 9 });
    const broken = errors('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\ndata:\n  a: [1\n');
    expect(broken[0]?.source).toBe('syntax');
  });

  it('reads 0644 as 420 like kubectl and warns about it', () => {
    const text = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  labels:\n    mode: 0644\n';
    const result = analyze(text, schemas);
    expect(result.documents[0]?.value).toMatchObject({ metadata: { labels: { mode: 420 } } });
    expect(result.diagnostics.find((d) => d.source === 'yaml')).toMatchObject({
      line: 6,
      column: 11,
      severity: 'warning',
    });
  });

  it('checks each document of a multi-document file and notes unknown kinds', () => {
    const text = `${DAEMONSET}---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cfg\ndata:\n  a: 1\n---\napiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: w\n`;
    const result = analyze(text, schemas);
    expect(result.documents.map((d) => d.kind)).toEqual(['DaemonSet', 'ConfigMap', 'Widget']);
    expect(result.diagnostics.map((d) => [d.line, d.severity])).toEqual([
      [36, 'error'],
      [39, 'info'],
    ]);
  });
});

describe('pasted text', () => {
  it('warns about non-breaking spaces that YAML would read as part of a key', () => {
    const text = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n\u00a0\u00a0name: a\n';
    const found = analyze(text, schemas).diagnostics.filter((d) => d.source === 'yaml');
    expect(found[0]).toMatchObject({ line: 4, column: 1, severity: 'warning' });
  });
});
