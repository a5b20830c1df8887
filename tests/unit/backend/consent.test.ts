import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ConsentRequest } from '../../../electron/contract/index.js';
import { ConsentGate } from '../../../electron/backend/consent/gate.js';
import { allowlisted, consentId, credentialPrograms } from '../../../electron/backend/consent/program.js';
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

const execUser = (command: string, args: string[] = []) => ({
  exec: {
    apiVersion: 'client.authentication.k8s.io/v1',
    command,
    args,
    env: [{ name: 'AWS_PROFILE', value: 'prod-secret-profile' }],
  },
});
const fileOrigin = { trusted: false, file: '/home/u/.kube/config' };

async function gateIn(dir: string) {
  const store = new ConsentStore(dir);
  await store.load();
  const events: (ConsentRequest | null)[] = [];
  return { store, gate: new ConsentGate(store, (r) => events.push(r)), events };
}

describe('credentialPrograms', () => {
  it('finds the exec plugin with env names only, and a legacy cmd-path with its shell arguments', () => {
    expect(credentialPrograms(execUser('aws', ['eks', 'get-token']))).toEqual([
      { kind: 'exec', command: 'aws', args: ['eks', 'get-token'], envNames: ['AWS_PROFILE'] },
    ]);
    const legacy = {
      'auth-provider': { name: 'gcp', config: { 'cmd-path': '/usr/bin/gcloud', 'cmd-args': 'config config-helper' } },
    };
    expect(credentialPrograms(legacy)).toEqual([
      { kind: 'auth-provider', command: '/usr/bin/gcloud', args: ['config config-helper'], envNames: [] },
    ]);
    expect(credentialPrograms({ token: 'abc' })).toEqual([]);
    expect(credentialPrograms({ 'auth-provider': { name: 'oidc', config: { 'id-token': 'x' } } })).toEqual([]);
  });

  it('keys a decision on file, command and arguments', () => {
    const [program] = credentialPrograms(execUser('aws', ['eks']));
    if (!program) throw new Error('no program');
    const id = consentId('/a/config', program);
    expect(consentId('/a/config', { ...program, envNames: ['OTHER'] })).toBe(id);
    expect(consentId('/b/config', program)).not.toBe(id);
    expect(consentId('/a/config', { ...program, args: ['eks', '--x'] })).not.toBe(id);
    expect(consentId('/a/config', { ...program, command: '/tmp/aws' })).not.toBe(id);
  });

  it('allowlists a bare name only for that bare command, and an absolute path only for that path', () => {
    const program = (command: string) => ({ kind: 'exec' as const, command, args: [], envNames: [] });
    expect(allowlisted(program('aws'), ['aws'])).toBe(true);
    expect(allowlisted(program('/tmp/evil/aws'), ['aws'])).toBe(false);
    expect(allowlisted(program('/usr/bin/aws'), ['/usr/bin/aws'])).toBe(true);
    expect(allowlisted(program('/usr/bin/../bin/aws'), ['/usr/bin/aws'])).toBe(true);
    expect(allowlisted(program('aws'), ['/usr/bin/aws'])).toBe(false);
    expect(allowlisted(program('kubelogin'), ['aws', 'gke-gcloud-auth-plugin'])).toBe(false);
  });
});

describe('ConsentGate', () => {
  it('asks for an untrusted plugin, remembers the answer on disk, and forgets it when revoked', async () => {
    const dir = tempDir();
    const first = await gateIn(dir);
    const request = first.gate.check('prod', execUser('aws', ['eks', 'get-token']), fileOrigin);
    expect(request).toMatchObject({
      context: 'prod',
      file: '/home/u/.kube/config',
      program: { command: 'aws', args: ['eks', 'get-token'], envNames: ['AWS_PROFILE'] },
      denied: false,
    });
    expect(first.events).toEqual([request]);
    expect(first.gate.pending()).toEqual(request);
    if (!request) throw new Error('no request');
    expect(await first.gate.decide(request.id, true)).toBe('prod');
    await first.store.flushed();

    const file = path.join(dir, 'consent.json');
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    // Commands and arguments only: no environment value ever reaches the file.
    expect(fs.readFileSync(file, 'utf8')).not.toContain('prod-secret-profile');

    const second = await gateIn(dir);
    expect(second.gate.check('prod', execUser('aws', ['eks', 'get-token']), fileOrigin)).toBeUndefined();
    // Other arguments, or the same stanza in another file, ask again.
    expect(second.gate.check('prod', execUser('aws', ['eks', 'get-token', '--role', 'x']), fileOrigin)).toBeDefined();
    expect(
      second.gate.check('prod', execUser('aws', ['eks', 'get-token']), { trusted: false, file: '/tmp/other' }),
    ).toBeDefined();

    expect(await second.store.revoke(request.id)).toBe(true);
    await second.store.flushed();
    const third = await gateIn(dir);
    expect(third.gate.check('prod', execUser('aws', ['eks', 'get-token']), fileOrigin)?.id).toBe(request.id);
  });

  it('remembers a refusal as a refusal', async () => {
    const dir = tempDir();
    const { gate, store } = await gateIn(dir);
    const request = gate.check('prod', execUser('kubelogin'), fileOrigin);
    if (!request) throw new Error('no request');
    await gate.decide(request.id, false);
    expect(gate.check('prod', execUser('kubelogin'), fileOrigin)).toMatchObject({ id: request.id, denied: true });
    expect(store.settings().decisions).toEqual([expect.objectContaining({ command: 'kubelogin', allowed: false })]);
  });

  it('lets trusted origins, allowlisted commands and plugin-free users through without a request', async () => {
    const { gate, store, events } = await gateIn(tempDir());
    expect(gate.check('sandbox-operator', execUser('/usr/bin/node'), { trusted: true, file: 'sandbox' })).toBe(
      undefined,
    );
    expect(gate.check('plain', { token: 'x' }, fileOrigin)).toBeUndefined();
    await store.setAllowlist(['aws', ' /opt/bin/kubelogin ', '']);
    expect(store.settings().allowlist).toEqual(['aws', '/opt/bin/kubelogin']);
    expect(gate.check('a', execUser('aws'), fileOrigin)).toBeUndefined();
    expect(gate.check('b', execUser('/opt/bin/kubelogin'), fileOrigin)).toBeUndefined();
    expect(events).toEqual([]);
  });

  it('refuses an answer to a request that is no longer pending', async () => {
    const { gate } = await gateIn(tempDir());
    const request = gate.check('prod', execUser('aws'), fileOrigin);
    gate.check('other', { token: 'x' }, fileOrigin);
    expect(gate.pending()).toBeNull();
    await expect(gate.decide(request?.id ?? '', true)).rejects.toMatchObject({ code: 'not-found' });
  });

  it('ignores a hand-edited decision whose key does not match its command', async () => {
    const dir = tempDir();
    const { gate } = await gateIn(dir);
    const request = gate.check('prod', execUser('aws'), fileOrigin);
    if (!request) throw new Error('no request');
    // Someone swaps the command of an allowed decision: it must not allow the new command.
    fs.writeFileSync(
      path.join(dir, 'consent.json'),
      JSON.stringify({
        allowlist: [],
        decisions: [
          { id: request.id, file: fileOrigin.file, kind: 'exec', command: 'evil', args: [], allowed: true },
          { id: request.id, file: fileOrigin.file, kind: 'exec', command: 'aws', args: ['x'], allowed: true },
        ],
      }),
    );
    const reloaded = await gateIn(dir);
    expect(reloaded.store.settings().decisions).toEqual([]);
    expect(reloaded.gate.check('prod', execUser('evil'), fileOrigin)).toBeDefined();
  });
});

describe('where a user stanza comes from', () => {
  it('is the file that defines the user (not the context), with a relative command resolved there; the sandbox is trusted', async () => {
    const dir = tempDir();
    const contexts = path.join(dir, 'contexts.yaml');
    const users = path.join(dir, 'team', 'users.yaml');
    fs.mkdirSync(path.dirname(users));
    fs.writeFileSync(
      contexts,
      'clusters:\n- name: c\n  cluster:\n    server: https://127.0.0.1:1\ncontexts:\n- name: prod\n  context:\n    cluster: c\n    user: u\n',
    );
    fs.writeFileSync(
      users,
      'users:\n- name: u\n  user:\n    exec:\n      apiVersion: client.authentication.k8s.io/v1\n      command: ./bin/login\n',
    );
    const store = new KubeconfigStore({ kubeconfigEnv: `${contexts}:${users}`, homeDir: dir, delimiter: ':' });
    await store.load();
    store.addSandbox(
      'clusters:\n- name: s\n  cluster:\n    server: https://127.0.0.1:2\nusers:\n- name: op\n  user:\n    exec:\n      command: node\ncontexts:\n- name: sandbox-operator\n  context:\n    cluster: s\n    user: op\n',
    );
    try {
      const prod = store.resolve('prod');
      if (!prod) throw new Error('prod not resolved');
      const origin = store.userOrigin(prod);
      expect(origin).toEqual({ trusted: false, file: users });
      const { gate } = await gateIn(dir);
      expect(gate.check('prod', prod.user?.body, origin)?.program.command).toBe(path.join(dir, 'team', 'bin', 'login'));
      const sandbox = store.resolve('sandbox-operator');
      if (!sandbox) throw new Error('sandbox not resolved');
      expect(store.userOrigin(sandbox).trusted).toBe(true);
      expect(gate.check('sandbox-operator', sandbox.user?.body, store.userOrigin(sandbox))).toBeUndefined();
    } finally {
      store.dispose();
    }
  });
});
