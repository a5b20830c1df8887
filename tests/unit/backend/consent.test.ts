import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ConsentRequest } from '../../../electron/contract/index.js';
import { ConsentGate, type GateOutcome, type ProgramOrigin } from '../../../electron/backend/consent/gate.js';
import { allowlisted, consentId, subjectOf } from '../../../electron/backend/consent/program.js';
import { buildLaunch } from '../../../electron/backend/consent/spawn-model.js';
import { ConsentStore } from '../../../electron/backend/consent/store.js';
import { KubeconfigStore } from '../../../electron/backend/kubeconfig/store.js';

const dirs: string[] = [];
const tempDir = (): string => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'everynode-consent-'));
  dirs.push(dir);
  return dir;
};
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

/** A directory standing in for the user's PATH, with these programs in it. */
function binDir(...names: string[]): string {
  const dir = tempDir();
  for (const name of names) fs.writeFileSync(path.join(dir, name), '#!/bin/sh\nexit 1\n', { mode: 0o755 });
  return dir;
}

const execUser = (
  command: string,
  args: string[] = [],
  env = [{ name: 'AWS_PROFILE', value: 'prod-secret-profile' }],
) => ({
  exec: { apiVersion: 'client.authentication.k8s.io/v1', command, args, env },
});
const fileOrigin: ProgramOrigin = {
  trusted: false,
  file: '/home/u/.kube/config',
  identity: '/home/u/.kube/config',
  hasDirectory: true,
};

async function gateIn(dir: string, bin = binDir('aws', 'kubelogin', 'evil')) {
  const store = new ConsentStore(dir);
  await store.load();
  // What each change notice would carry: the whole pending list.
  const events: ConsentRequest[][] = [];
  const gate: ConsentGate = new ConsentGate(
    store,
    () => events.push(gate.pending()),
    () => Promise.resolve(bin),
  );
  // Checks and presents the outcome, as a context's connection does.
  const check = async (context: string, user: Record<string, unknown> | undefined, origin = fileOrigin) => {
    const outcome = await gate.check(context, 'u', user, origin);
    gate.present(context, outcome);
    return outcome;
  };
  return { store, gate, events, check, bin };
}

const requestOf = (outcome: GateOutcome): ConsentRequest => {
  if (outcome.kind !== 'needs-consent') throw new Error(`expected a request, got ${outcome.kind}`);
  return outcome.request;
};

describe('consent keys', () => {
  const launch = (args: string[], env: { name: string; value: string }[] = []) =>
    buildLaunch({ source: 'exec', command: 'aws', args, env }, '/usr/bin/aws', '/usr/bin');

  it('cover the file identity, command, executable, arguments, env names and env values', () => {
    const id = consentId(subjectOf('/a/config', launch(['eks'], [{ name: 'A', value: '1' }])));
    const variants = [
      subjectOf('/b/config', launch(['eks'], [{ name: 'A', value: '1' }])),
      subjectOf('/a/config', launch(['eks', '--x'], [{ name: 'A', value: '1' }])),
      subjectOf('/a/config', launch(['eks'], [{ name: 'B', value: '1' }])),
      subjectOf('/a/config', launch(['eks'], [{ name: 'A', value: '2' }])),
      subjectOf(
        '/a/config',
        launch(
          ['eks'],
          [
            { name: 'A', value: '1' },
            { name: 'NODE_OPTIONS', value: '' },
          ],
        ),
      ),
      { ...subjectOf('/a/config', launch(['eks'], [{ name: 'A', value: '1' }])), executable: '/tmp/aws' },
    ];
    for (const subject of variants) expect(consentId(subject)).not.toBe(id);
    expect(consentId(subjectOf('/a/config', launch(['eks'], [{ name: 'A', value: '1' }])))).toBe(id);
  });

  it('allowlist a bare name only as written, an absolute path only for that file, and never a shell line', () => {
    const exec = (command: string, executable: string) =>
      buildLaunch({ source: 'exec', command, args: [], env: [] }, executable, '/usr/bin');
    expect(allowlisted(exec('aws', '/usr/bin/aws'), ['aws'])).toBe(true);
    expect(allowlisted(exec('/tmp/evil/aws', '/tmp/evil/aws'), ['aws'])).toBe(false);
    expect(allowlisted(exec('/usr/bin/aws', '/usr/bin/aws'), ['/usr/bin/aws'])).toBe(true);
    expect(allowlisted(exec('aws', '/usr/bin/aws'), ['/usr/bin/aws'])).toBe(true);
    expect(allowlisted(exec('aws', '/home/u/bin/aws'), ['/usr/bin/aws'])).toBe(false);
    expect(allowlisted(exec('kubelogin', '/usr/bin/kubelogin'), ['aws', 'gke-gcloud-auth-plugin'])).toBe(false);
    const gcp = buildLaunch({ source: 'gcp', command: 'gcloud', args: ['config'], env: [] }, '/usr/bin/gcloud', '');
    expect(allowlisted(gcp, ['gcloud', '/usr/bin/gcloud'])).toBe(false);
  });
});

describe('ConsentGate', () => {
  it('asks for an untrusted plugin, remembers the answer on disk, and forgets it when revoked', async () => {
    const dir = tempDir();
    const first = await gateIn(dir);
    const request = requestOf(await first.check('prod', execUser('aws', ['eks', 'get-token'])));
    expect(request).toMatchObject({
      context: 'prod',
      file: '/home/u/.kube/config',
      program: {
        command: 'aws',
        executable: path.join(first.bin, 'aws'),
        args: ['eks', 'get-token'],
        envNames: ['AWS_PROFILE'],
        shell: false,
        spawned: { file: path.join(first.bin, 'aws'), args: ['eks', 'get-token'] },
      },
      denied: false,
    });
    expect(first.events).toEqual([[request]]);
    expect(first.gate.pending()).toEqual([request]);
    expect(await first.gate.decide(request.id, true)).toEqual(['prod']);
    await first.store.flushed();

    const file = path.join(dir, 'consent.json');
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    // Commands, arguments and names only: no environment value ever reaches the file.
    expect(fs.readFileSync(file, 'utf8')).not.toContain('prod-secret-profile');

    const second = await gateIn(dir, first.bin);
    expect((await second.check('prod', execUser('aws', ['eks', 'get-token']))).kind).toBe('ready');
    // Other arguments, another env value, or the same stanza in another file, ask again.
    expect((await second.check('prod', execUser('aws', ['eks', 'get-token', '--role', 'x']))).kind).toBe(
      'needs-consent',
    );
    expect(
      (await second.check('prod', execUser('aws', ['eks', 'get-token'], [{ name: 'AWS_PROFILE', value: 'other' }])))
        .kind,
    ).toBe('needs-consent');
    const other = { ...fileOrigin, file: '/tmp/other', identity: '/tmp/other' };
    expect((await second.check('prod', execUser('aws', ['eks', 'get-token']), other)).kind).toBe('needs-consent');

    expect(await second.store.revoke(request.id)).toBe(true);
    await second.store.flushed();
    const third = await gateIn(dir, first.bin);
    expect(requestOf(await third.check('prod', execUser('aws', ['eks', 'get-token']))).id).toBe(request.id);
  });

  it('remembers a refusal as a refusal', async () => {
    const { store, check, gate } = await gateIn(tempDir());
    const request = requestOf(await check('prod', execUser('kubelogin')));
    await gate.decide(request.id, false);
    expect(requestOf(await check('prod', execUser('kubelogin')))).toMatchObject({ id: request.id, denied: true });
    expect(store.settings().decisions).toEqual([expect.objectContaining({ command: 'kubelogin', allowed: false })]);
  });

  it('lets trusted origins, allowlisted commands and plugin-free users through without a request', async () => {
    const { store, events, check, bin } = await gateIn(tempDir());
    const sandbox = { trusted: true, file: 'sandbox', identity: 'sandbox', hasDirectory: false };
    expect((await check('sandbox-operator', execUser(process.execPath), sandbox)).kind).toBe('ready');
    expect(await check('plain', { token: 'x' })).toEqual({ kind: 'ready', user: { token: 'x' } });
    await store.setAllowlist(['aws', ` ${path.join(bin, 'kubelogin')} `, '']);
    expect(store.settings().allowlist).toEqual(['aws', path.join(bin, 'kubelogin')]);
    expect((await check('a', execUser('aws'))).kind).toBe('ready');
    expect((await check('b', execUser(path.join(bin, 'kubelogin')))).kind).toBe('ready');
    expect(events).toEqual([]);
  });

  it('refuses, running nothing, a program that is not there and a stanza it cannot read', async () => {
    const { check, events } = await gateIn(tempDir());
    expect(await check('gone', execUser('no-such-plugin'))).toEqual({
      kind: 'refused',
      problem: 'Context "gone": the credential program "no-such-plugin" is not on your PATH; nothing was run.',
    });
    const mapping = { exec: { command: 'aws', args: { env: { BASH_ENV: 'evil.sh' } } } };
    expect(await check('hidden', mapping)).toEqual({
      kind: 'refused',
      problem: 'Context "hidden": User "u": exec.args must be a list of strings, not a mapping.',
    });
    expect(events).toEqual([]);
  });

  it('refuses an answer to a request that is no longer pending', async () => {
    const { gate, check } = await gateIn(tempDir());
    const request = requestOf(await check('prod', execUser('aws')));
    // The context now connects another way: its question is gone.
    await check('prod', { token: 'x' });
    expect(gate.pending()).toEqual([]);
    await expect(gate.decide(request.id, true)).rejects.toMatchObject({ code: 'not-found' });
  });

  it('keeps one pending request per context, and one answer serves every context asking the same', async () => {
    const { gate, check, events } = await gateIn(tempDir());
    const prod = requestOf(await check('prod', execUser('aws', ['eks'])));
    const staging = requestOf(await check('staging', execUser('kubelogin')));
    // Another context whose user runs the very same program from the same file asks the same question.
    const twin = requestOf(await check('prod-2', execUser('aws', ['eks'])));
    expect(twin.id).toBe(prod.id);
    expect(gate.pending()).toEqual([prod, staging, twin]);
    // Asking again with nothing changed is no news.
    await check('staging', execUser('kubelogin'));
    expect(events).toHaveLength(3);

    expect(await gate.decide(staging.id, false)).toEqual(['staging']);
    expect(await gate.decide(prod.id, true)).toEqual(['prod', 'prod-2']);
    gate.clear('prod');
    expect(gate.pending()).toEqual([staging, twin]);
    expect((await check('prod-2', execUser('aws', ['eks']))).kind).toBe('ready');
    expect(requestOf(await check('staging', execUser('kubelogin')))).toMatchObject({ denied: true });
    expect(gate.pending().map((r) => r.context)).toEqual(['staging']);
  });

  it('ignores a hand-edited decision whose key does not match its command', async () => {
    const dir = tempDir();
    const { check, gate, store, bin } = await gateIn(dir);
    const request = requestOf(await check('prod', execUser('aws')));
    await gate.decide(request.id, true);
    await store.flushed();
    // Someone swaps the command of an allowed decision: it must not allow the new command.
    const saved = JSON.parse(fs.readFileSync(path.join(dir, 'consent.json'), 'utf8')) as {
      decisions: Record<string, unknown>[];
    };
    const [decision] = saved.decisions;
    saved.decisions = [{ ...decision, command: 'evil', executable: path.join(bin, 'evil') }];
    fs.writeFileSync(path.join(dir, 'consent.json'), JSON.stringify(saved));
    const reloaded = await gateIn(dir, bin);
    expect(reloaded.store.settings().decisions).toEqual([]);
    expect((await reloaded.check('prod', execUser('evil'))).kind).toBe('needs-consent');
  });
});

describe('where a user stanza comes from', () => {
  it('is the file that defines the user (not the context), with a relative command resolved there; the sandbox is trusted', async () => {
    const dir = tempDir();
    const contexts = path.join(dir, 'contexts.yaml');
    const users = path.join(dir, 'team', 'users.yaml');
    fs.mkdirSync(path.join(dir, 'team'));
    // kubectl resolves a relative command against the directory of the file as named (here: the link's).
    fs.mkdirSync(path.join(dir, 'bin'));
    fs.writeFileSync(path.join(dir, 'bin', 'login'), '#!/bin/sh\n', { mode: 0o755 });
    fs.writeFileSync(
      contexts,
      'clusters:\n- name: c\n  cluster:\n    server: https://127.0.0.1:1\ncontexts:\n- name: prod\n  context:\n    cluster: c\n    user: u\n',
    );
    fs.writeFileSync(
      users,
      'users:\n- name: u\n  user:\n    exec:\n      apiVersion: client.authentication.k8s.io/v1\n      command: ./bin/login\n',
    );
    // Known by its real path: a symlink to the same file is the same file.
    const link = path.join(dir, 'users-link.yaml');
    fs.symlinkSync(users, link);
    const store = new KubeconfigStore({ kubeconfigEnv: `${contexts}:${link}`, homeDir: dir, delimiter: ':' });
    await store.load();
    store.addSandbox(
      `clusters:\n- name: s\n  cluster:\n    server: https://127.0.0.1:2\nusers:\n- name: op\n  user:\n    exec:\n      command: ${process.execPath}\ncontexts:\n- name: sandbox-operator\n  context:\n    cluster: s\n    user: op\n`,
    );
    try {
      const prod = store.resolve('prod');
      if (!prod) throw new Error('prod not resolved');
      const origin = store.userOrigin(prod);
      expect(origin).toEqual({ trusted: false, file: link, identity: fs.realpathSync(users), hasDirectory: true });
      const { check } = await gateIn(dir);
      expect(requestOf(await check('prod', prod.user?.body, origin)).program.executable).toBe(
        path.join(dir, 'bin', 'login'),
      );
      const sandbox = store.resolve('sandbox-operator');
      if (!sandbox) throw new Error('sandbox not resolved');
      expect(store.userOrigin(sandbox).trusted).toBe(true);
      expect((await check('sandbox-operator', sandbox.user?.body, store.userOrigin(sandbox))).kind).toBe('ready');
    } finally {
      store.dispose();
    }
  });

  it('is an upload known by its content, where a relative command is refused', async () => {
    const store = new KubeconfigStore({ kubeconfigEnv: '', homeDir: tempDir() });
    const text = (name: string, command: string) =>
      `clusters: [{name: c, cluster: {server: "https://127.0.0.1:1"}}]\nusers: [{name: ${name}, user: {exec: {command: "${command}"}}}]\ncontexts: [{name: ${name}, context: {cluster: c, user: ${name}}}]\n`;
    await store.addUpload('config', text('one', 'aws'));
    await store.addUpload('config', text('two', './login'));
    const [first, second] = store.contexts();
    const origin = (name: string | undefined) => {
      const resolved = store.resolve(name ?? '');
      if (!resolved) throw new Error('not resolved');
      return store.userOrigin(resolved);
    };
    expect(origin(first?.name).identity).toMatch(/^upload:sha256:[0-9a-f]{64}$/);
    expect(origin(first?.name).identity).not.toBe(origin(second?.name).identity);
    expect(origin(first?.name)).toMatchObject({ file: 'upload: config', hasDirectory: false });
    expect(second?.problem).toBe(
      `Context "two": User "two": exec.command is a relative path, and an uploaded kubeconfig has no directory to resolve it against.`,
    );
    store.dispose();
  });
});
