import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { KubeconfigStore } from '../../../electron/backend/kubeconfig/store.js';

let dir: string;
let home: string;
const stores: KubeconfigStore[] = [];

function kubeconfig(parts: {
  contexts?: [name: string, cluster: string, user?: string, namespace?: string][];
  clusters?: [name: string, server: string][];
  users?: [name: string, token: string][];
  current?: string;
}): string {
  const lines = ['apiVersion: v1', 'kind: Config'];
  lines.push('clusters:');
  for (const [name, server] of parts.clusters ?? [])
    lines.push(`- name: ${name}`, '  cluster:', `    server: ${server}`);
  lines.push('users:');
  for (const [name, token] of parts.users ?? []) lines.push(`- name: ${name}`, '  user:', `    token: ${token}`);
  lines.push('contexts:');
  for (const [name, cluster, user, namespace] of parts.contexts ?? []) {
    lines.push(`- name: ${name}`, '  context:', `    cluster: ${cluster}`);
    if (user) lines.push(`    user: ${user}`);
    if (namespace) lines.push(`    namespace: ${namespace}`);
  }
  if (parts.current) lines.push(`current-context: ${parts.current}`);
  return lines.join('\n') + '\n';
}

function write(name: string, text: string): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, text);
  return file;
}

async function open(options: { kubeconfigEnv?: string }): Promise<KubeconfigStore> {
  const store = new KubeconfigStore({ ...options, homeDir: home, debounceMs: 30 });
  stores.push(store);
  await store.load();
  return store;
}

function changed(store: KubeconfigStore, predicate: () => boolean): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('no change seen')), 5000);
    const off = store.onDidChange(() => {
      if (predicate()) {
        clearTimeout(timer);
        off();
        resolve();
      }
    });
  });
}

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'everynode-kc-'));
  home = path.join(dir, 'home');
  fs.mkdirSync(home);
});

afterEach(() => {
  for (const store of stores.splice(0)) store.dispose();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('KubeconfigStore', () => {
  it('merges KUBECONFIG files in order: the first definition of each name wins', async () => {
    const a = write(
      'a.yaml',
      kubeconfig({
        clusters: [['shared', 'https://a.example:6443']],
        users: [['alice', 'token-a']],
        contexts: [['one', 'shared', 'alice', 'team-a']],
        current: 'one',
      }),
    );
    const b = write(
      'b.yaml',
      kubeconfig({
        clusters: [
          ['shared', 'https://b.example:6443'],
          ['other', 'https://other.example'],
        ],
        users: [['bob', 'token-b']],
        contexts: [
          ['one', 'other', 'bob'],
          ['two', 'shared', 'bob'],
        ],
        current: 'two',
      }),
    );
    const store = await open({ kubeconfigEnv: `${a}${path.delimiter}${b}` });
    const contexts = store.contexts();
    expect(contexts.map((c) => c.name)).toEqual(['one', 'two']);
    expect(contexts[0]).toMatchObject({
      cluster: 'shared',
      server: 'https://a.example:6443',
      user: 'alice',
      namespace: 'team-a',
    });
    // "two" lives in b.yaml but its cluster name resolves to a.yaml's definition, as kubectl merges.
    expect(contexts[1]).toMatchObject({ cluster: 'shared', server: 'https://a.example:6443', user: 'bob' });
    expect(contexts[1]?.sourceId).not.toBe(contexts[0]?.sourceId);
    expect(store.currentContext()).toBe('one');
    expect(store.sources().map((s) => s.kind)).toEqual(['env', 'env']);
  });

  it('uses ~/.kube/config when KUBECONFIG is unset or empty', async () => {
    fs.mkdirSync(path.join(home, '.kube'));
    fs.writeFileSync(
      path.join(home, '.kube', 'config'),
      kubeconfig({ clusters: [['c', 'https://c.example']], contexts: [['home-ctx', 'c']] }),
    );
    for (const env of [undefined, '']) {
      const store = await open(env === undefined ? {} : { kubeconfigEnv: env });
      expect(store.contexts().map((c) => c.name)).toEqual(['home-ctx']);
      expect(store.sources()).toEqual([
        {
          id: 'default',
          label: '~/.kube/config',
          kind: 'default',
          contexts: [{ name: 'home-ctx', line: 9 }],
          reloadable: true,
        },
      ]);
      expect(store.hasAnyKubeconfig()).toBe(true);
    }
  });

  it('reports no kubeconfig at all when no file exists', async () => {
    const store = await open({ kubeconfigEnv: path.join(dir, 'missing.yaml') });
    expect(store.hasAnyKubeconfig()).toBe(false);
    expect(store.sources()).toEqual([]);
    expect(store.contexts()).toEqual([]);
  });

  it('reports a broken file on that file while the other files keep working', async () => {
    const good = write(
      'good.yaml',
      kubeconfig({ clusters: [['c', 'https://good.example']], contexts: [['good', 'c']] }),
    );
    const yaml = write('bad-yaml.yaml', 'clusters:\n  - name: x\n   bad: [indent\n');
    const shape = write('bad-shape.yaml', 'apiVersion: v1\nkind: Config\ncontexts: "secret-token-value"\n');
    const directory = path.join(dir, 'a-directory');
    fs.mkdirSync(directory);
    const store = await open({ kubeconfigEnv: [yaml, good, shape, directory].join(path.delimiter) });
    const sources = store.sources();
    expect(sources).toHaveLength(4);
    expect(sources[0]?.error).toMatch(/not valid YAML/);
    expect(sources[1]?.error).toBeUndefined();
    expect(sources[2]?.error).toMatch(/"contexts" must be a list/);
    expect(sources[3]?.error).toMatch(/directory/);
    // Errors quote no values from the file.
    expect(JSON.stringify(sources)).not.toContain('secret-token-value');
    expect(store.contexts().map((c) => c.name)).toEqual(['good']);
  });

  it('marks a context that names a missing cluster or user with a problem', async () => {
    const file = write(
      'k.yaml',
      kubeconfig({
        clusters: [['c', 'https://c.example']],
        users: [['u', 't']],
        contexts: [
          ['no-cluster', 'ghost', 'u'],
          ['no-user', 'c', 'nobody'],
          ['fine', 'c', 'u'],
        ],
      }),
    );
    const store = await open({ kubeconfigEnv: file });
    const byName = Object.fromEntries(store.contexts().map((c) => [c.name, c]));
    expect(byName['no-cluster']?.problem).toMatch(/cluster "ghost"/);
    expect(byName['no-user']?.problem).toMatch(/user "nobody"/);
    expect(byName.fine?.problem).toBeUndefined();
  });

  it('never exposes credentials or URL user info in summaries', async () => {
    const file = write(
      'k.yaml',
      kubeconfig({
        clusters: [['c', 'https://admin:hunter2@c.example:6443/?x=1']],
        users: [['u', 'super-secret-token']],
        contexts: [['ctx', 'c', 'u']],
      }),
    );
    const store = await open({ kubeconfigEnv: file });
    const text = JSON.stringify([store.contexts(), store.sources()]);
    expect(text).not.toContain('hunter2');
    expect(text).not.toContain('super-secret-token');
    expect(store.contexts()[0]?.server).toBe('https://c.example:6443');
  });

  it('reloads a file when it changes, survives its removal and sees it come back', async () => {
    const file = write('live.yaml', kubeconfig({ clusters: [['c', 'https://c.example']], contexts: [['first', 'c']] }));
    const store = await open({ kubeconfigEnv: file });
    expect(store.contexts().map((c) => c.name)).toEqual(['first']);

    let seen = changed(store, () => store.contexts().some((c) => c.name === 'second'));
    fs.writeFileSync(file, kubeconfig({ clusters: [['c', 'https://c.example']], contexts: [['second', 'c']] }));
    await seen;

    seen = changed(store, () => store.contexts().length === 0);
    fs.rmSync(file);
    await seen;
    expect(store.sources()).toEqual([]);

    seen = changed(store, () => store.sources()[0]?.error !== undefined);
    fs.writeFileSync(file, 'contexts: [oops');
    await seen;

    // Replaced by rename, as editors save.
    seen = changed(store, () => store.contexts().some((c) => c.name === 'third'));
    fs.writeFileSync(`${file}.tmp`, kubeconfig({ clusters: [['c', 'https://c.example']], contexts: [['third', 'c']] }));
    fs.renameSync(`${file}.tmp`, file);
    await seen;
    expect(store.sources()[0]?.error).toBeUndefined();
  });

  it('resolves relative certificate paths against the kubeconfig directory', async () => {
    const sub = path.join(dir, 'sub');
    fs.mkdirSync(sub);
    const file = path.join(sub, 'k.yaml');
    fs.writeFileSync(
      file,
      [
        'clusters:',
        '- name: c',
        '  cluster: {server: "https://c.example", certificate-authority: ca.crt}',
        'users:',
        '- name: u',
        '  user: {client-certificate: certs/u.crt, client-key: /abs/u.key, exec: {command: ./bin/plugin}}',
        'contexts:',
        '- name: ctx',
        '  context: {cluster: c, user: u}',
      ].join('\n'),
    );
    const store = await open({ kubeconfigEnv: file });
    const resolved = store.resolve('ctx');
    expect(resolved?.cluster?.body['certificate-authority']).toBe(path.join(sub, 'ca.crt'));
    expect(resolved?.user?.body['client-certificate']).toBe(path.join(sub, 'certs/u.crt'));
    expect(resolved?.user?.body['client-key']).toBe('/abs/u.key');
    expect((resolved?.user?.body.exec as { command: string }).command).toBe(path.join(sub, 'bin/plugin'));
  });

  it('keeps uploads in memory and refuses an unusable upload with a clear message', async () => {
    const store = await open({ kubeconfigEnv: path.join(dir, 'none.yaml') });
    await expect(store.addUpload('broken.yaml', 'a: [')).rejects.toThrow(/broken\.yaml: not valid YAML/);
    await expect(store.addUpload('empty.yaml', 'kind: Config\n')).rejects.toThrow(/defines no context/);
    await store.addUpload(
      'up.yaml',
      kubeconfig({ clusters: [['c', 'https://c.example']], contexts: [['uploaded', 'c']] }),
    );
    expect(store.sources()).toEqual([
      {
        id: expect.any(String),
        label: 'up.yaml',
        kind: 'added',
        contexts: [{ name: 'uploaded', line: 9 }],
        uploaded: true,
      },
    ]);
    expect(store.contexts().map((c) => c.name)).toEqual(['uploaded']);
    expect(fs.readdirSync(dir).sort()).toEqual(['home']);
  });

  it('lists an added file that does not exist with an error', async () => {
    const store = await open({ kubeconfigEnv: path.join(dir, 'none.yaml') });
    await store.addFile(path.join(dir, 'picked.yaml'));
    expect(store.sources()).toEqual([
      {
        id: expect.any(String),
        label: path.join(dir, 'picked.yaml'),
        kind: 'added',
        error: 'File not found',
        contexts: [],
        reloadable: true,
      },
    ]);
  });
});
