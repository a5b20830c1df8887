import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createPinia, setActivePinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { createApi, setApi } from '../../../../renderer/api/bridge';
import { blankForeignSecrets, secretValues } from '../../../../renderer/editor/secret-drafts';
import { useEditorStore } from '../../../../renderer/editor/editor';
import { fakeBridge } from '../fake-bridge';
import { memoryStorage } from '../memory-storage';

const IMPORTED = `# registry credentials
apiVersion: v1
kind: Secret
metadata:
  name: pull
data:
  .dockerconfigjson: eyJhdXRocyI6eyJyZWcuZXhhbXBsZSI6eyJhdXRoIjoiYTpiIn19fQ==   # from the cluster
  token: |
    imported-block-token
stringData:
  password: "imported-password-77"
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: plain
data:
  password: imported-password-77
`;

describe('blankForeignSecrets', () => {
  it('blanks imported Secret values only, keeping every other byte and the YAML valid', () => {
    const foreign = secretValues(IMPORTED);
    expect(foreign).toEqual(
      new Set([
        'eyJhdXRocyI6eyJyZWcuZXhhbXBsZSI6eyJhdXRoIjoiYTpiIn19fQ==',
        'imported-block-token\n',
        'imported-password-77',
      ]),
    );
    const typed = IMPORTED.replace('"imported-password-77"', '"typed-by-the-user"');
    const blanked = blankForeignSecrets(typed, foreign);
    expect(blanked).not.toContain('eyJhdXRocyI6');
    expect(blanked).not.toContain('imported-block-token');
    expect(blanked).toContain('password: "typed-by-the-user"');
    // A ConfigMap is not a Secret: its value stays, even when equal to an imported secret.
    expect(blanked).toContain('data:\n  password: imported-password-77\n');
    expect(blanked).toContain('# registry credentials');
    expect(blanked).toContain('""   # from the cluster');
    const docs = parseAllDocuments(blanked).map((d) => d.toJS() as Record<string, Record<string, string>>);
    expect(docs[0]?.data).toEqual({ '.dockerconfigjson': '', token: '' });
    expect(docs[0]?.stringData).toEqual({ password: 'typed-by-the-user' });
  });

  it('works on JSON text too', () => {
    const json = JSON.stringify({ apiVersion: 'v1', kind: 'Secret', data: { k: 'c2VjcmV0LWpzb24=' } }, null, 2);
    const blanked = blankForeignSecrets(json, secretValues(json));
    expect(JSON.parse(blanked)).toEqual({ apiVersion: 'v1', kind: 'Secret', data: { k: '' } });
  });
});

describe('editor drafts of an imported Secret', () => {
  const stored = new Map<string, string>();
  let dir: string;
  beforeEach(() => {
    setActivePinia(createPinia());
    stored.clear();
    // The browser's localStorage, kept in memory: no draft may land there.
    globalThis.localStorage = memoryStorage(stored);
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'everynode-secret-drafts-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('never writes the imported values to drafts.json; what the user typed is kept', async () => {
    const fake = fakeBridge();
    setApi(createApi(fake.bridge));
    const editor = useEditorStore();
    editor.open();
    await editor.ready();
    await editor.importFiles([new File([IMPORTED], 'pull-secret.yaml', { type: 'application/yaml' })]);
    const file = editor.files.find((f) => f.name === 'pull-secret.yaml');
    if (!file) throw new Error('not imported');
    // The editor itself still shows the imported values: only the drafts leave them out.
    expect(file.text).toContain('imported-block-token');
    editor.setText(file.id, file.text.replace('"imported-password-77"', '"typed-by-the-user"'));
    await new Promise((resolve) => setTimeout(resolve, 900));

    const sent = fake.callsOf('drafts.put').at(-1);
    if (!sent) throw new Error('no draft was saved');
    // The backend's copy, written by the real draft store to a real file. Loaded by path: this test belongs to the
    // renderer's type-check project, which does not list backend files.
    const backendDrafts = '../../../../electron/backend/files/drafts.js';
    const { DraftStore } = (await import(/* @vite-ignore */ backendDrafts)) as {
      DraftStore: new (stateDir: string) => { put(key: unknown, value: unknown, base: number): Promise<void> };
    };
    await new DraftStore(dir).put(sent[0], sent[1], 0);
    const onDisk = fs.readFileSync(path.join(dir, 'drafts.json'), 'utf8');
    // Nothing of the drafts goes to this window's storage any more.
    expect([...stored.keys()]).toEqual([]);
    for (const text of [onDisk]) {
      expect(text).toContain('pull-secret.yaml');
      expect(text).not.toContain('eyJhdXRocyI6');
      expect(text).not.toContain('imported-block-token');
      expect(text).toContain('typed-by-the-user');
      // The ConfigMap's value is not a Secret's.
      expect(text).toContain('imported-password-77');
    }
  });
});
