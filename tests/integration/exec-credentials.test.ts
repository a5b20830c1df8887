// Exec credentials with client-node 2 over real HTTPS (the sandbox), through the session's two request paths: its
// typed API calls (undici) and our raw list (node:https, as the raw watch and logs).
// - client-node #592: its exec credential cache is keyed by user name only. Since 1.4 each KubeConfig has its own
//   (it was static before), and each of our sessions has its own KubeConfig, so two users with one name (two files,
//   or one file edited) never share a credential, while one session still runs its plugin once per credential.
// - client-node 2 keeps one TLS agent per (cluster, user) for a KubeConfig's life, built from the first credential:
//   a client certificate that the plugin renews must still reach the raw requests.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { createPki } from '../../electron/sandbox-cluster/auth/certs.js';
import { startSandbox, type SandboxHandle } from '../../electron/sandbox-cluster/index.js';
import { ContextSession } from '../../electron/backend/session/session.js';
import { listProjected } from '../../electron/backend/watch/raw-list.js';
import { tempDir } from './backend-harness.js';

interface SandboxDoc {
  clusters: { cluster: Record<string, unknown> }[];
  users: { name: string; user: Record<string, string> }[];
}

const dir = tempDir('everynode-exec-cred-');
// Prints the credential kept in the JSON file argv[2] and counts its runs in argv[3]; argv[4] 'past' makes the
// credential expire at once, so that every request runs the plugin again.
const plugin = path.join(dir, 'plugin.mjs');
let sandbox: SandboxHandle;
let doc: SandboxDoc;

beforeAll(async () => {
  fs.writeFileSync(
    plugin,
    [
      "import fs from 'node:fs';",
      'const [file, count, when] = process.argv.slice(2);',
      "fs.appendFileSync(count, 'x');",
      'const { token, cert, key } = JSON.parse(fs.readFileSync(file, "utf8"));',
      'const expirationTimestamp = new Date(Date.now() + (when === "past" ? -60_000 : 3_600_000)).toISOString();',
      'const status = { expirationTimestamp, token, clientCertificateData: cert, clientKeyData: key };',
      'process.stdout.write(JSON.stringify({ apiVersion: "client.authentication.k8s.io/v1", kind: "ExecCredential", status }));',
    ].join('\n'),
  );
  sandbox = await startSandbox({ nodes: 1, speed: 25 });
  doc = parseYaml(sandbox.kubeconfig) as SandboxDoc;
});

afterAll(() => sandbox?.stop());

/** A session whose user `shared` runs the plugin over `credential`; returns it with its plugin's run count. */
async function session(name: string, credential: object, when: 'past' | 'future', namespace?: string) {
  const file = path.join(dir, `${name}.json`);
  const count = path.join(dir, `${name}.count`);
  fs.writeFileSync(file, JSON.stringify(credential));
  fs.writeFileSync(count, '');
  const exec = {
    apiVersion: 'client.authentication.k8s.io/v1',
    command: process.execPath,
    args: [plugin, file, count, when],
  };
  const context = { cluster: 'sb', user: 'shared', ...(namespace ? { namespace } : {}) };
  const created = await ContextSession.create(
    {
      summary: { name, cluster: 'sb', server: sandbox.url, user: 'shared', sourceId: name, sandbox: false },
      context: { name, body: context },
      cluster: { name: 'sb', body: doc.clusters[0]?.cluster ?? {} },
      user: { name: 'shared', body: { exec } },
    },
    { exec },
    10_000,
  );
  return { session: created, file, runs: () => fs.readFileSync(count, 'utf8').length };
}

const rawList = (s: ContextSession, namespace: string) =>
  listProjected(s.kubeConfig, `/apis/apps/v1/namespaces/${namespace}/daemonsets`, {}, 10_000, (item) => item);

describe('exec credentials with client-node 2', () => {
  it('gives two users of one name their own plugin, and runs each once while its credential is valid', async () => {
    const admin = await session('first', { token: userOf('sandbox-admin').token }, 'future');
    const other = await session('second', { token: 'not-a-token-of-this-cluster' }, 'future');
    await expect(rawList(admin.session, 'kube-system')).resolves.toMatchObject({ items: expect.any(Array) });
    const typed = await admin.session.apps.listNamespacedDaemonSet({ namespace: 'kube-system' });
    expect(typed.items.length).toBeGreaterThan(0);
    expect(admin.runs()).toBe(1);
    await expect(rawList(other.session, 'kube-system')).rejects.toMatchObject({ statusCode: 401 });
    await expect(other.session.apps.listNamespacedDaemonSet({ namespace: 'kube-system' })).rejects.toMatchObject({
      code: 401,
    });
    expect(other.runs()).toBe(1);
  });

  it('sends a client certificate the plugin renewed, on raw and typed requests alike', async () => {
    const foreign = createPki('foreign');
    const developer = userOf('sandbox-developer');
    const pem = (b64: string | undefined) => Buffer.from(b64 ?? '', 'base64').toString('utf8');
    const renewing = await session(
      'renewing',
      { cert: foreign.developerCert, key: foreign.developerKey },
      'past',
      'team-a',
    );
    // A certificate from another CA: the sandbox does not know it.
    await expect(rawList(renewing.session, 'team-a')).rejects.toMatchObject({ statusCode: 401 });
    await expect(renewing.session.apps.listNamespacedDaemonSet({ namespace: 'team-a' })).rejects.toMatchObject({
      code: 401,
    });
    fs.writeFileSync(
      renewing.file,
      JSON.stringify({ cert: pem(developer['client-certificate-data']), key: pem(developer['client-key-data']) }),
    );
    await expect(rawList(renewing.session, 'team-a')).resolves.toMatchObject({ items: expect.any(Array) });
    await expect(renewing.session.apps.listNamespacedDaemonSet({ namespace: 'team-a' })).resolves.toBeDefined();
    expect(renewing.runs()).toBe(4);
  });
});

describe('the typed requests of a session', () => {
  it('reuse their TLS connections while the credential stays the same (client-node 2.0.1 made an agent per request)', async () => {
    const admin = await session('reuse', { token: userOf('sandbox-admin').token }, 'future');
    // Every connection any of the session's undici agents opens; client-node creates them in createDispatcher.
    let connections = 0;
    const kc = admin.session.kubeConfig as unknown as { createDispatcher: (...args: unknown[]) => unknown };
    const create = kc.createDispatcher.bind(kc);
    const seen = new Set<unknown>();
    kc.createDispatcher = (...args) => {
      const dispatcher = create(...args) as { on(event: 'connect', listener: () => void): void };
      if (!seen.has(dispatcher)) dispatcher.on('connect', () => connections++);
      seen.add(dispatcher);
      return dispatcher;
    };
    const calls = 8;
    for (let i = 0; i < calls; i++) {
      const typed = await admin.session.apps.listNamespacedDaemonSet({ namespace: 'kube-system' });
      expect(typed.items.length).toBeGreaterThan(0);
    }
    // undici may open a second connection when a request comes before the last one's socket is marked free.
    expect(connections).toBeLessThanOrEqual(2);
    admin.session.dispose();
  });
});

function userOf(name: string): Record<string, string> {
  const user = doc.users.find((u) => u.name === name)?.user;
  if (!user) throw new Error(`the sandbox kubeconfig has no user ${name}`);
  return user;
}
