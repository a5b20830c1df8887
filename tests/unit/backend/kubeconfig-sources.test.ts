// The Clusters page's view of the kubeconfig sources: kubectl's first-wins merge with the losers listed as shadowed,
// errors that name their line, and removing or reloading one source.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { KubeconfigStore } from '../../../electron/backend/kubeconfig/store.js';
import { mergeKubeconfigs } from '../../../electron/backend/kubeconfig/merge.js';
import { parseKubeconfig } from '../../../electron/backend/kubeconfig/parse.js';

let dir: string;
const stores: KubeconfigStore[] = [];

const config = (cluster: string, server: string, contexts: string[]): string =>
  [
    'apiVersion: v1',
    'kind: Config',
    'clusters:',
    `- name: ${cluster}`,
    '  cluster:',
    `    server: ${server}`,
    'contexts:',
    ...contexts.flatMap((name) => [`- name: ${name}`, '  context:', `    cluster: ${cluster}`]),
    '',
  ].join('\n');

function write(name: string, text: string): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, text);
  return file;
}

async function open(env: string[]): Promise<KubeconfigStore> {
  const store = new KubeconfigStore({ kubeconfigEnv: env.join(':'), homeDir: dir, debounceMs: 30, delimiter: ':' });
  stores.push(store);
  await store.load();
  return store;
}

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'everynode-sources-'));
});

afterEach(() => {
  for (const store of stores.splice(0)) store.dispose();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('merge: first definition wins, later ones are shadowed', () => {
  it('lists a context whose name an earlier source took as shadowed by that source, with its line', () => {
    const merged = mergeKubeconfigs([
      { id: 'a', kind: 'env', parsed: parseKubeconfig(config('ca', 'https://a.example', ['prod', 'dev'])) },
      { id: 'b', kind: 'env', parsed: parseKubeconfig(config('cb', 'https://b.example', ['prod', 'test'])) },
    ]);
    expect(merged.contexts.map((c) => [c.summary.name, c.summary.sourceId, c.summary.server])).toEqual([
      ['prod', 'a', 'https://a.example'],
      ['dev', 'a', 'https://a.example'],
      ['test', 'b', 'https://b.example'],
    ]);
    expect(merged.shadowed).toEqual([{ name: 'prod', sourceId: 'b', line: 8, by: 'a' }]);
  });

  it('a source that cannot be parsed shadows nothing and the next one wins', () => {
    const merged = mergeKubeconfigs([
      { id: 'broken', kind: 'env' },
      { id: 'b', kind: 'env', parsed: parseKubeconfig(config('cb', 'https://b.example', ['prod'])) },
    ]);
    expect(merged.contexts.map((c) => c.summary.sourceId)).toEqual(['b']);
    expect(merged.shadowed).toEqual([]);
  });
});

describe('parse errors name their line', () => {
  it.each([
    ['contexts: {a: 1}\n', /^line 1: "contexts" must be a list$/],
    [
      'contexts:\n- name: ok\n  context: {cluster: c}\n- context: {cluster: c}\n',
      /^line 4: contexts\[1\] has no name$/,
    ],
    ['users:\n\n- name: u\n  user: [1]\n', /^line 3: users\[0\] \("u"\): "user" must be a mapping$/],
  ])('%j', (text, message) => {
    expect(() => parseKubeconfig(text)).toThrow(message);
  });
});

describe('KubeconfigStore sources', () => {
  it('shows each source with its contexts, the shadowed ones naming the source that wins', async () => {
    const a = write('a.yaml', config('ca', 'https://a.example', ['prod', 'dev']));
    const b = write('b.yaml', config('cb', 'https://b.example', ['prod', 'test']));
    const store = await open([a, b]);
    const [first, second] = store.sources();
    expect(first?.contexts).toEqual([
      { name: 'prod', line: 8 },
      { name: 'dev', line: 11 },
    ]);
    expect(second?.contexts).toEqual([
      { name: 'prod', line: 8, shadowedBy: first?.id },
      { name: 'test', line: 11 },
    ]);
    expect(store.contexts().find((c) => c.name === 'prod')?.server).toBe('https://a.example');
  });

  it('removing the winning source makes the shadowed context the one used, and forgets the file', async () => {
    const a = write('a.yaml', config('ca', 'https://a.example', ['prod']));
    const b = write('b.yaml', config('cb', 'https://b.example', ['prod']));
    const store = await open([a]);
    await store.addFile(b);
    const added = store.sources()[1];
    expect(added?.contexts[0]?.shadowedBy).toBe(store.sources()[0]?.id);
    expect(store.removeSource(store.sources()[0]?.id ?? '')).toEqual({ file: a });
    expect(store.sources().map((s) => s.id)).toEqual([added?.id]);
    expect(store.contexts().map((c) => [c.name, c.server])).toEqual([['prod', 'https://b.example']]);
    expect(store.knownFiles()).toEqual([b]);
    // A removed file is no longer watched: changing it changes nothing.
    let changes = 0;
    store.onDidChange(() => changes++);
    write('a.yaml', config('ca', 'https://a2.example', ['other']));
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(changes).toBe(0);
  });

  it('removes an upload, refuses to remove the sandbox or an unknown source', async () => {
    const store = await open([path.join(dir, 'none.yaml')]);
    await store.addUpload('up.yaml', config('cu', 'https://u.example', ['up']));
    store.addSandbox(config('sandbox', 'https://127.0.0.1:1', ['sandbox-admin']));
    const upload = store.sources().find((s) => s.uploaded === true);
    expect(() => store.removeSource('sandbox')).toThrow(/sandbox cannot be removed/);
    expect(() => store.removeSource('nope')).toThrow(/No kubeconfig source "nope"/);
    expect(store.removeSource(upload?.id ?? '')).toEqual({});
    expect(store.contexts().map((c) => c.name)).toEqual(['sandbox-admin']);
  });

  it('a newer upload replaces an earlier one in its place; only an upload can be replaced', async () => {
    const a = write('a.yaml', config('ca', 'https://a.example', ['prod']));
    const store = await open([a]);
    await store.addUpload('up.yaml', config('cu', 'https://u.example', ['up']));
    await store.addUpload('other.yaml', config('co', 'https://o.example', ['other']));
    const id = store.sources()[1]?.id ?? '';
    await store.addUpload('up-v2.yaml', config('cu', 'https://u2.example', ['up', 'up-2']), id);
    expect(store.sources().map((s) => [s.id, s.label])).toEqual([
      [store.sources()[0]?.id, '~/a.yaml'],
      [id, 'up-v2.yaml'],
      [store.sources()[2]?.id, 'other.yaml'],
    ]);
    expect(store.contexts().find((c) => c.name === 'up')?.server).toBe('https://u2.example');
    await expect(
      store.addUpload('x.yaml', config('c', 'https://x.example', ['x']), store.sources()[0]?.id),
    ).rejects.toThrow(/No uploaded kubeconfig/);
  });

  it('reload reads the file now and tells listeners even when nothing changed; an upload cannot be reloaded', async () => {
    const a = write('a.yaml', config('ca', 'https://a.example', ['prod']));
    const store = await open([a]);
    const id = store.sources()[0]?.id ?? '';
    let changes = 0;
    store.onDidChange(() => changes++);
    await store.reloadSource(id);
    expect(changes).toBe(1);
    fs.writeFileSync(a, config('ca', 'https://a.example', ['prod', 'new']));
    await store.reloadSource(id);
    expect(store.contexts().map((c) => c.name)).toEqual(['prod', 'new']);
    await store.addUpload('up.yaml', config('cu', 'https://u.example', ['up']));
    const upload = store.sources().find((s) => s.uploaded === true);
    await expect(store.reloadSource(upload?.id ?? '')).rejects.toThrow(/up\.yaml has no file to read again/);
  });

  it('a broken file is reported on its source with the line, and its contexts drop out', async () => {
    const a = write('a.yaml', 'contexts:\n- name: one\n  context: {cluster: c}\n- context: {}\n');
    const store = await open([a]);
    expect(store.sources()[0]?.error).toBe('line 4: contexts[1] has no name');
    expect(store.contexts()).toEqual([]);
  });

  it('an added file that does not exist does not count as a kubeconfig (the sandbox may still start)', async () => {
    const store = await open([path.join(dir, 'none.yaml')]);
    await store.addFile(path.join(dir, 'gone.yaml'));
    expect(store.sources()[0]?.error).toBe('File not found');
    expect(store.hasAnyKubeconfig()).toBe(false);
    expect(store.knownFiles()).toEqual([]);
  });
});
