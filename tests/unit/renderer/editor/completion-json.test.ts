import { describe, expect, it } from 'vitest';
import { completeJsonAt } from '../../../../renderer/editor/completion-json';
import { loadBundledSchemas } from '../../../../renderer/editor/schema/bundled';

const schemas = await loadBundledSchemas();
const at = (text: string) => ({ text: text.replace('|', ''), offset: text.indexOf('|') });

const daemonSet = (podSpec: string): string => `{
  "apiVersion": "apps/v1",
  "kind": "DaemonSet",
  "metadata": { "name": "agent" },
  "spec": {
    "template": {
      "spec": {
        "hostPID": true,
        ${podSpec}
      }
    }
  }
}`;

describe('editor completion in JSON mode', () => {
  it('offers hostNetwork under spec.template.spec, quoted with its colon, and not keys already there', () => {
    const { text, offset } = at(daemonSet('"host|'));
    const result = completeJsonAt(text, offset, schemas);
    const item = result?.items.find((i) => i.label === 'hostNetwork');
    expect(item?.apply).toBe('hostNetwork": ');
    expect(item?.info).toMatch(/Host networking requested for this pod/);
    expect(result?.items.map((i) => i.label)).not.toContain('hostPID');
    expect(result?.items.map((i) => i.label)).not.toContain('selector');
    expect(result?.from).toBe(offset - 'host'.length);
    expect(result?.to).toBe(offset);
  });

  it('replaces the closing quote an editor added, and works with kind written after the cursor', () => {
    const text =
      '{\n  "spec": { "template": { "spec": { "containers": [ { "imag" } ] } } },\n  "apiVersion": "apps/v1", "kind": "DaemonSet"\n}';
    const offset = text.indexOf('imag') + 'imag'.length;
    const result = completeJsonAt(text, offset, schemas);
    expect(result?.items.find((i) => i.label === 'imagePullPolicy')?.apply).toBe('imagePullPolicy": ');
    expect(result?.to).toBe(offset + 1);
  });

  it('offers enum values and booleans after a key, nothing where no schema applies', () => {
    const policy = at(daemonSet('"containers": [{ "name": "a", "imagePullPolicy": |'));
    expect(completeJsonAt(policy.text, policy.offset, schemas)?.items.map((i) => i.apply)).toEqual([
      '"Always"',
      '"Never"',
      '"IfNotPresent"',
    ]);
    const unquoted = at(daemonSet('"hostPID": true, |'));
    expect(
      completeJsonAt(unquoted.text, unquoted.offset, schemas)?.items.find((i) => i.label === 'hostIPC')?.apply,
    ).toBe('"hostIPC": ');
    const flag = at(daemonSet('"hostIPC": |'));
    expect(completeJsonAt(flag.text, flag.offset, schemas)?.items.map((i) => i.label)).toEqual(['true', 'false']);
    const labels = at(daemonSet('"nodeSelector": { "|'));
    // No schema keys in a map of labels: the cluster's node label keys, when there are any.
    expect(completeJsonAt(labels.text, labels.offset, schemas)).toMatchObject({
      items: [],
      cluster: { kind: 'nodeLabelKey' },
    });
    const noKind = at('{ "spec": { "|');
    expect(completeJsonAt(noKind.text, noKind.offset, schemas)).toBeUndefined();
  });
});
