import { describe, expect, it } from 'vitest';
import { completeAt } from '../../../../renderer/editor/completion';
import { hoverAt } from '../../../../renderer/editor/hover';
import { loadBundledSchemas } from '../../../../renderer/editor/schema/bundled';
import { DAEMONSET } from './fixtures';

const schemas = await loadBundledSchemas();
const at = (text: string, marker = '|') => ({ text: text.replace(marker, ''), offset: text.indexOf(marker) });

describe('editor completion', () => {
  it('offers hostNetwork with its description under spec.template.spec', () => {
    const { text, offset } = at(DAEMONSET.replace('      hostNetwork: true\n', '      host|\n'));
    const result = completeAt(text, offset, schemas);
    const item = result?.items.find((i) => i.label === 'hostNetwork');
    expect(item?.info).toMatch(/Host networking requested for this pod/);
    expect(item?.detail).toBe('boolean');
    expect(result?.from).toBe(offset - 'host'.length);
  });

  it('offers containers in a pod spec that has none yet, and not fields already present', () => {
    const text = 'apiVersion: apps/v1\nkind: DaemonSet\nspec:\n  template:\n    spec:\n      hostPID: true\n      |';
    const { text: clean, offset } = at(text);
    const labels = completeAt(clean, offset, schemas)?.items.map((i) => i.label) ?? [];
    expect(labels).toContain('containers');
    expect(labels).not.toContain('hostPID');
    expect(labels).not.toContain('selector');
  });

  it('offers container fields inside a list item, after the dash', () => {
    const { text, offset } = at(DAEMONSET.replace('          imagePullPolicy: IfNotPresent\n', '          imag|\n'));
    const labels = completeAt(text, offset, schemas)?.items.map((i) => i.label) ?? [];
    expect(labels).toContain('imagePullPolicy');
    expect(labels).not.toContain('image');
    expect(labels).not.toContain('name');
  });

  it('offers enum values after the key', () => {
    const { text, offset } = at(DAEMONSET.replace('imagePullPolicy: IfNotPresent', 'imagePullPolicy: |'));
    expect(completeAt(text, offset, schemas)?.items.map((i) => i.label)).toEqual(['Always', 'Never', 'IfNotPresent']);
    const strategy = at('apiVersion: apps/v1\nkind: DaemonSet\nspec:\n  updateStrategy:\n    type: |');
    expect(completeAt(strategy.text, strategy.offset, schemas)?.items.map((i) => i.label)).toEqual([
      'RollingUpdate',
      'OnDelete',
    ]);
  });

  it('offers nothing for a document without a kind', () => {
    expect(completeAt('foo:\n  ', 7, schemas)).toBeUndefined();
  });
});

describe('editor hover', () => {
  it('documents the field under the cursor with its path and type', () => {
    const offset = DAEMONSET.indexOf('mountPath') + 3;
    expect(hoverAt(DAEMONSET, offset, schemas)).toMatchObject({
      path: 'spec.template.spec.containers[].volumeMounts[].mountPath',
      type: 'string',
      description: expect.stringMatching(/Path within the container/) as unknown,
    });
  });
});
