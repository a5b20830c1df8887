import { describe, expect, it } from 'vitest';
import { withManagedFields, withoutManagedFields } from '../../../../renderer/editor/convert';
import { exportName, readPickedFile } from '../../../../renderer/editor/files';
import { MAX_FILE_BYTES } from '../../../../renderer/editor/manifest-limits';

const picked = (parts: BlobPart[], name: string) => Object.assign(new Blob(parts), { name });

describe('opening picked files', () => {
  it('reads YAML and JSON text and tells them apart', async () => {
    const yaml = await readPickedFile(picked(['kind: DaemonSet\n'], 'a.yml'));
    const json = await readPickedFile(picked(['{"kind": "DaemonSet"}'], 'noext'));
    expect(yaml).toMatchObject({ ok: true, file: { name: 'a.yml', format: 'yaml', text: 'kind: DaemonSet\n' } });
    expect(json).toMatchObject({ ok: true, file: { format: 'json' } });
  });

  it('refuses files over 20 MB and binary or non-UTF-8 files with the reason', async () => {
    const big = await readPickedFile(picked([new Uint8Array(MAX_FILE_BYTES + 1)], 'big.yaml'));
    expect(big).toEqual({ ok: false, name: 'big.yaml', reason: 'tooLarge' });
    expect(await readPickedFile(picked([new Uint8Array([0x6b, 0, 0x3a])], 'nul.yaml'))).toMatchObject({
      ok: false,
      reason: 'binary',
    });
    expect(await readPickedFile(picked([new Uint8Array([0xc3, 0x28])], 'latin.yaml'))).toMatchObject({
      ok: false,
      reason: 'binary',
    });
  });

  it('names exports after the file, in the chosen format', () => {
    expect(exportName('agent.yml', 'json')).toBe('agent.json');
    expect(exportName('agent.json', 'yaml')).toBe('agent.yaml');
  });

  it('hides managedFields on import and keeps comments', () => {
    const text =
      '# live object\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a # name\n  managedFields:\n    - manager: kubectl\n';
    const clean = withoutManagedFields(text);
    expect(clean.hidden).toBe(1);
    expect(clean.text).toBe('# live object\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a # name\n');
  });

  it('shows hidden managedFields again in the documents they came from, after edits elsewhere', () => {
    const text =
      'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  managedFields:\n    - manager: kubectl\n---\n' +
      'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: b\n';
    const clean = withoutManagedFields(text);
    expect(clean.removed).toHaveLength(2);
    const edited = clean.text.replace('name: b', 'name: b2 # renamed');
    const shown = withManagedFields(edited, clean.removed);
    expect(shown).toBe(
      'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  managedFields:\n    - manager: kubectl\n---\n' +
        'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: b2 # renamed\n',
    );
    expect(withManagedFields('a: [', clean.removed)).toBeNull();
  });
});
