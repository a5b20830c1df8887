// Finding 7: connections that are not safe say so, credentials go over plain HTTP only once the user confirms,
// a bad CA, certificate or key is reported naming its field, and a token file is trimmed as kubectl trims it.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml, stringify } from 'yaml';
import { startSandbox, type SandboxHandle } from '../../electron/sandbox-cluster/index.js';
import type { Backend } from '../../electron/backend/index.js';
import { backendFor, Client, tempDir } from './backend-harness.js';

let sandbox: SandboxHandle;
let backend: Backend;
let client: Client;

interface Doc {
  clusters: { name: string; cluster: Record<string, unknown> }[];
  users: { name: string; user: Record<string, unknown> }[];
}

beforeAll(async () => {
  sandbox = await startSandbox({ speed: 25, nodes: 1 });
  const doc = parseYaml(sandbox.kubeconfig) as Doc;
  const live = doc.clusters[0]?.cluster ?? {};
  const admin = doc.users.find((u) => u.name === 'sandbox-admin')?.user ?? {};
  const developer = doc.users.find((u) => u.name === 'sandbox-developer')?.user ?? {};
  const dir = tempDir('everynode-safety-');
  const tokenFile = path.join(dir, 'token');
  fs.writeFileSync(tokenFile, `${String(admin.token)}\n`);
  const port = new URL(sandbox.url).port;
  const file = path.join(dir, 'config');
  const b64 = (text: string) => Buffer.from(text).toString('base64');
  const cluster = (name: string, body: Record<string, unknown>) => ({ name, cluster: body });
  const context = (name: string, clusterName: string, user?: string) => ({
    name,
    context: { cluster: clusterName, ...(user ? { user } : {}) },
  });
  fs.writeFileSync(
    file,
    stringify({
      clusters: [
        cluster('live', live),
        cluster('bad-ca-data', { server: sandbox.url, 'certificate-authority-data': 'not base64!' }),
        cluster('ca-not-pem', { server: sandbox.url, 'certificate-authority-data': b64('hello') }),
        cluster('skip', { server: sandbox.url, 'insecure-skip-tls-verify': true }),
        cluster('http', { server: `http://127.0.0.1:${port}` }),
      ],
      users: [
        { name: 'trimmed', user: { tokenFile } },
        { name: 'admin', user: { token: admin.token } },
        {
          name: 'bad-key',
          user: { 'client-certificate-data': developer['client-certificate-data'], 'client-key-data': b64('junk') },
        },
      ],
      contexts: [
        context('token-file', 'live', 'trimmed'),
        context('bad-ca-data', 'bad-ca-data', 'admin'),
        context('ca-not-pem', 'ca-not-pem', 'admin'),
        context('bad-key', 'live', 'bad-key'),
        context('skip-verify', 'skip', 'admin'),
        context('plain-http', 'http', 'admin'),
        context('plain-http-anonymous', 'http'),
      ],
    }),
  );
  ({ backend } = await backendFor([file]));
  client = new Client(backend);
});

afterAll(async () => {
  await backend?.dispose();
  await sandbox?.stop();
});

const connect = async (name: string) => (await client.services.clusters.switchContext(name)).connection;

describe('connection safety', () => {
  it('reads a token file ending in a newline as kubectl does', async () => {
    expect(await connect('token-file')).toEqual({ state: 'connected' });
  });

  it('names the field of a CA, certificate or key that cannot be used', async () => {
    expect(await connect('bad-ca-data')).toEqual({
      state: 'error',
      message: 'Context "bad-ca-data": Cluster "bad-ca-data": certificate-authority-data is not valid base64.',
    });
    expect(await connect('ca-not-pem')).toEqual({
      state: 'error',
      message: 'Context "ca-not-pem": Cluster "ca-not-pem": certificate-authority-data holds no PEM certificate.',
    });
    expect(await connect('bad-key')).toEqual({
      state: 'unauthorized',
      message: 'Context "bad-key": User "bad-key": client-key-data is not a PEM private key.',
    });
  });

  it('flags contexts that are not safe, and asks before sending credentials over plain HTTP', async () => {
    const contexts = (await client.services.clusters.getState()).contexts;
    const flag = (name: string) => contexts.find((c) => c.name === name)?.insecure;
    expect([flag('skip-verify'), flag('plain-http'), flag('token-file')]).toEqual([
      'skip-tls-verify',
      'plain-http',
      undefined,
    ]);
    expect(await connect('skip-verify')).toEqual({ state: 'connected' });
    const asked = await connect('plain-http');
    expect(asked).toEqual({
      state: 'needs-confirmation',
      message: `Context "plain-http" would send its credentials over plain HTTP, unencrypted, to http://127.0.0.1:${new URL(sandbox.url).port}.`,
    });
    // Confirmed, it connects (this server speaks HTTPS only, so it then fails to reach it: but it was not asked again).
    const confirmed = await client.services.clusters.confirmPlainHttp('plain-http');
    expect(confirmed.connection.state).not.toBe('needs-confirmation');
    // Without credentials there is nothing to confirm.
    expect((await connect('plain-http-anonymous')).state).not.toBe('needs-confirmation');
  });
});
