import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type SandboxHandle } from '../../electron/sandbox-cluster/index.js';
import { SandboxClient } from './sandbox-client.js';

let sandbox: SandboxHandle;
let client: SandboxClient;

beforeAll(async () => {
  sandbox = await startSandbox({ nodes: 3, speed: 20, name: 'itest', bookmarkIntervalMs: 300 });
  client = new SandboxClient(sandbox.kubeconfig);
});

afterAll(async () => {
  await sandbox.stop();
});

function daemonSet(name: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: { name },
    spec: {
      selector: { matchLabels: { app: name } },
      template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'main', image: 'nginx:1.25' }] } },
      ...extra,
    },
  };
}

const DS = (ns: string, name = ''): string => `/apis/apps/v1/namespaces/${ns}/daemonsets${name ? `/${name}` : ''}`;

describe('authentication and authorization', () => {
  it('answers requests without credentials or with a bad token with a 401 Status', async () => {
    for (const who of ['anonymous', 'bad-token'] as const) {
      const res = await client.call('GET', '/api/v1/namespaces', { who });
      expect(res.status).toBe(401);
      expect(res.json()).toMatchObject({ kind: 'Status', status: 'Failure', reason: 'Unauthorized', code: 401 });
    }
  });

  it('lets the developer (client certificate) work in team-a and forbids kube-system with the real wording', async () => {
    expect((await client.call('GET', DS('team-a'), { who: 'developer' })).status).toBe(200);
    const forbidden = await client.call('GET', DS('kube-system'), { who: 'developer' });
    expect(forbidden.status).toBe(403);
    expect(forbidden.json().message).toBe(
      'daemonsets.apps is forbidden: User "developer" cannot list resource "daemonsets" in API group "apps" in the namespace "kube-system"',
    );
    const all = await client.call('GET', '/apis/apps/v1/daemonsets', { who: 'developer' });
    expect(all.json().message).toBe(
      'daemonsets.apps is forbidden: User "developer" cannot list resource "daemonsets" in API group "apps" at the cluster scope',
    );
    const nodes = await client.call('GET', '/api/v1/nodes', { who: 'developer' });
    expect(nodes.json().message).toBe(
      'nodes is forbidden: User "developer" cannot list resource "nodes" in API group "" at the cluster scope',
    );
  });

  it('authenticates the operator through the exec plugin with an expiring token', async () => {
    const credential = sandbox.kubeconfig.includes('exec-plugin.mjs') ? client.execCredential() : undefined;
    expect(credential?.kind).toBe('ExecCredential');
    expect(credential?.apiVersion).toBe('client.authentication.k8s.io/v1');
    expect(Date.parse(credential?.status.expirationTimestamp ?? '')).toBeGreaterThan(Date.now());
    expect((await client.call('GET', '/api/v1/nodes', { who: 'operator' })).status).toBe(200);
    // The kubeconfig passes the token file by path, never the token itself.
    expect(sandbox.kubeconfig).not.toContain(credential?.status.token ?? 'x');
  });

  it('answers self access and rules reviews from the RBAC table', async () => {
    const review = (ns: string) =>
      client.call('POST', '/apis/authorization.k8s.io/v1/selfsubjectaccessreviews', {
        who: 'developer',
        body: {
          apiVersion: 'authorization.k8s.io/v1',
          kind: 'SelfSubjectAccessReview',
          spec: { resourceAttributes: { namespace: ns, verb: 'create', group: 'apps', resource: 'daemonsets' } },
        },
      });
    const yes = await review('team-a');
    expect(yes.status).toBe(201);
    expect(yes.json().status).toMatchObject({ allowed: true });
    expect((await review('kube-system')).json().status).toMatchObject({ allowed: false });
    const rules = await client.call('POST', '/apis/authorization.k8s.io/v1/selfsubjectrulesreviews', {
      who: 'developer',
      body: { apiVersion: 'authorization.k8s.io/v1', kind: 'SelfSubjectRulesReview', spec: { namespace: 'team-b' } },
    });
    const resourceRules = (rules.json().status as { resourceRules: { resources: string[] }[] }).resourceRules;
    expect(resourceRules.some((r) => r.resources.includes('daemonsets'))).toBe(true);
  });

  it('keeps fault injection to admins', async () => {
    expect((await client.call('POST', '/sandbox/faults/compact', { who: 'developer' })).status).toBe(403);
  });
});

describe('CRUD', () => {
  it('creates, conflicts, updates, deletes with the real codes and messages', async () => {
    const created = await client.call('POST', DS('team-b'), { body: daemonSet('crud') });
    expect(created.status).toBe(201);
    const obj = created.json() as { metadata: { resourceVersion: string; generation: number; uid: string } };
    expect(obj.metadata.generation).toBe(1);

    const again = await client.call('POST', DS('team-b'), { body: daemonSet('crud') });
    expect(again.status).toBe(409);
    expect(again.json()).toMatchObject({ reason: 'AlreadyExists', message: 'daemonsets.apps "crud" already exists' });

    const current = (await client.call('GET', DS('team-b', 'crud'))).json();
    const labelled = { ...current, metadata: { ...(current.metadata as object), labels: { a: 'b' } } };
    expect((await client.call('PUT', DS('team-b', 'crud'), { body: labelled })).status).toBe(200);
    const stale = await client.call('PUT', DS('team-b', 'crud'), { body: labelled });
    expect(stale.status).toBe(409);
    expect(stale.json().message).toBe(
      'Operation cannot be fulfilled on daemonsets.apps "crud": the object has been modified; please apply your changes to the latest version and try again',
    );

    const deleted = await client.call('DELETE', DS('team-b', 'crud'));
    expect(deleted.status).toBe(200);
    expect(deleted.json()).toMatchObject({
      kind: 'Status',
      status: 'Success',
      details: { name: 'crud', group: 'apps', kind: 'daemonsets', uid: obj.metadata.uid },
    });
    const gone = await client.call('GET', DS('team-b', 'crud'));
    expect(gone.status).toBe(404);
    expect(gone.json().message).toBe('daemonsets.apps "crud" not found');
  });

  it('returns 422 with field causes for an invalid name', async () => {
    const res = await client.call('POST', DS('team-b'), { body: daemonSet('Not_Valid') });
    expect(res.status).toBe(422);
    const body = res.json() as { reason: string; details: { causes: { field: string; reason: string }[] } };
    expect(body.reason).toBe('Invalid');
    expect(body.details.causes).toContainEqual(
      expect.objectContaining({ field: 'metadata.name', reason: 'FieldValueInvalid' }),
    );
  });

  it('persists nothing on dryRun=All and refuses other dryRun values', async () => {
    const dry = await client.call('POST', `${DS('team-b')}?dryRun=All`, { body: daemonSet('dry') });
    expect(dry.status).toBe(201);
    expect((await client.call('GET', DS('team-b', 'dry'))).status).toBe(404);
    const bad = await client.call('POST', `${DS('team-b')}?dryRun=Some`, { body: daemonSet('dry') });
    expect(bad.status).toBe(422);
  });

  it('applies fieldValidation Strict, Warn and Ignore to unknown fields', async () => {
    const body = daemonSet('fv', { foo: 1 });
    const strict = await client.call('POST', `${DS('team-b')}?fieldValidation=Strict`, { body });
    expect(strict.status).toBe(400);
    expect(strict.json().message).toBe('strict decoding error: unknown field "spec.foo"');
    const warn = await client.call('POST', `${DS('team-b')}?fieldValidation=Warn`, { body });
    expect(warn.status).toBe(201);
    expect(warn.headers.warning).toBe('299 - "unknown field \\"spec.foo\\""');
    expect((warn.json().spec as Record<string, unknown>).foo).toBeUndefined();
  });

  it('turns bad input into Status errors', async () => {
    const malformed = await client.call('POST', DS('team-b'), { body: '{"apiVersion": ' });
    expect(malformed.status).toBe(400);
    expect(malformed.json().kind).toBe('Status');
    const yaml = await client.call('POST', DS('team-b'), {
      body: 'a: [1,',
      headers: { 'Content-Type': 'application/yaml' },
    });
    expect(yaml.status).toBe(400);
    const type = await client.call('POST', DS('team-b'), { body: 'x', headers: { 'Content-Type': 'text/csv' } });
    expect(type.status).toBe(415);
    const patch = await client.call('PATCH', DS('team-b', 'fv'), {
      body: '{}',
      headers: { 'Content-Type': 'application/xml' },
    });
    expect(patch.status).toBe(415);
    const huge = await client.call('POST', DS('team-b'), { body: 'x'.repeat(4 * 1024 * 1024) });
    expect(huge.status).toBe(413);
    expect((await client.call('GET', '/apis/apps/v1/namespaces/team-b/widgets')).status).toBe(404);
    const selector = await client.call('GET', `${DS('team-b')}?labelSelector=${encodeURIComponent('app in (a')}`);
    expect(selector.status).toBe(400);
    expect((await client.call('GET', '/api/v1/namespaces/%E0%A4%A/pods')).status).toBe(400);
    const owner = await client.call('POST', '/api/v1/namespaces/team-b/configmaps', {
      body: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'owned', ownerReferences: 'x' } },
    });
    expect(owner.status).toBe(422);
    const field = await client.call('GET', `${DS('team-b')}?fieldSelector=spec.foo%3Dx`);
    expect(field.json().message).toBe('field label not supported: spec.foo');
  });

  it('pages lists with limit and continue', async () => {
    for (let i = 0; i < 7; i++) {
      await client.call('POST', '/api/v1/namespaces/team-b/configmaps', {
        body: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: `page-${i}`, labels: { page: 'yes' } } },
      });
    }
    const names: string[] = [];
    let cont = '';
    let pages = 0;
    do {
      const res = await client.call(
        'GET',
        `/api/v1/namespaces/team-b/configmaps?labelSelector=page%3Dyes&limit=3${cont ? `&continue=${cont}` : ''}`,
      );
      const body = res.json() as { items: { metadata: { name: string } }[]; metadata: { continue?: string } };
      names.push(...body.items.map((i) => i.metadata.name));
      cont = body.metadata.continue ?? '';
      pages++;
    } while (cont);
    expect(pages).toBe(3);
    expect(names).toEqual(['page-0', 'page-1', 'page-2', 'page-3', 'page-4', 'page-5', 'page-6']);
  });

  it('answers Table requests with the DaemonSet columns', async () => {
    const res = await client.call('GET', '/apis/apps/v1/namespaces/kube-system/daemonsets', {
      headers: { Accept: 'application/json;as=Table;v=v1;g=meta.k8s.io,application/json' },
    });
    const table = res.json() as {
      kind: string;
      columnDefinitions: { name: string; priority: number }[];
      rows: { cells: unknown[] }[];
    };
    expect(table.kind).toBe('Table');
    expect(table.columnDefinitions.filter((c) => c.priority === 0).map((c) => c.name)).toEqual([
      'Name',
      'Desired',
      'Current',
      'Ready',
      'Up-to-date',
      'Available',
      'Node Selector',
      'Age',
    ]);
    expect(table.columnDefinitions.filter((c) => c.priority === 1).map((c) => c.name)).toEqual([
      'Containers',
      'Images',
      'Selector',
    ]);
    expect(table.rows.length).toBeGreaterThan(0);
  });

  it('serves discovery and OpenAPI documents', async () => {
    const apps = (await client.call('GET', '/apis/apps/v1')).json() as {
      resources: { name: string; shortNames?: string[] }[];
    };
    expect(apps.resources.find((r) => r.name === 'daemonsets')?.shortNames).toEqual(['ds']);
    expect(apps.resources.some((r) => r.name === 'daemonsets/status')).toBe(true);
    const index = (await client.call('GET', '/openapi/v3')).json() as {
      paths: Record<string, { serverRelativeURL: string }>;
    };
    const url = index.paths['apis/apps/v1']?.serverRelativeURL ?? '';
    expect((await client.call('GET', url)).status).toBe(200);
    expect((await client.call('GET', '/openapi/v2')).status).toBe(200);
  });

  it('fails the next requests when told to, with Retry-After on 429', async () => {
    sandbox.faults.failNext(2, 429, 3);
    const first = await client.call('GET', '/api/v1/namespaces');
    expect(first.status).toBe(429);
    expect(first.headers['retry-after']).toBe('3');
    expect((await client.call('GET', '/api/v1/namespaces')).status).toBe(429);
    expect((await client.call('GET', '/api/v1/namespaces')).status).toBe(200);
  });
});

describe('watch', () => {
  it('resumes from a resourceVersion with only later changes', async () => {
    const created = (
      await client.call('POST', '/api/v1/namespaces/team-b/configmaps', {
        body: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'w1' }, data: { v: '1' } },
      })
    ).json();
    const rv = (created.metadata as { resourceVersion: string }).resourceVersion;
    await client.call('PATCH', '/api/v1/namespaces/team-b/configmaps/w1', {
      body: { data: { v: '2' } },
      headers: { 'Content-Type': 'application/merge-patch+json' },
    });
    const { status, events } = await client.watch(
      `/api/v1/namespaces/team-b/configmaps?watch=1&resourceVersion=${rv}&fieldSelector=metadata.name%3Dw1`,
      (e) => e.length >= 1,
    );
    expect(status).toBe(200);
    expect(events[0]?.type).toBe('MODIFIED');
    expect((events[0]?.object.data as { v: string }).v).toBe('2');
  });

  it('starts with synthetic ADDED events without a resourceVersion', async () => {
    const { events } = await client.watch('/api/v1/namespaces?watch=true', (e) => e.length >= 5);
    expect(events.every((e) => e.type === 'ADDED')).toBe(true);
  });

  it('sends one 410 ERROR event and closes for a compacted version', async () => {
    const before = (await client.call('GET', '/api/v1/namespaces/team-b/configmaps')).json();
    const rv = (before.metadata as { resourceVersion: string }).resourceVersion;
    sandbox.faults.compactHistory();
    const { events, serverClosed } = await client.watch(
      `/api/v1/namespaces/team-b/configmaps?watch=1&resourceVersion=${rv}`,
      () => false,
    );
    expect(serverClosed).toBe(true);
    expect(events).toHaveLength(1);
    expect(events[0]?.type).toBe('ERROR');
    expect(events[0]?.object).toMatchObject({ kind: 'Status', code: 410, reason: 'Expired' });
    expect(events[0]?.object.message).toMatch(new RegExp(`^too old resource version: ${rv} \\(\\d+\\)$`));
  });

  it('sends BOOKMARK events only when allowed, and ends after timeoutSeconds', async () => {
    const rv = ((await client.call('GET', '/api/v1/namespaces')).json().metadata as { resourceVersion: string })
      .resourceVersion;
    const started = Date.now();
    const { events, serverClosed } = await client.watch(
      `/api/v1/namespaces?watch=1&resourceVersion=${rv}&allowWatchBookmarks=true&timeoutSeconds=1`,
      () => false,
      { timeoutMs: 5000 },
    );
    expect(serverClosed).toBe(true);
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    expect(events.filter((e) => e.type === 'BOOKMARK').length).toBeGreaterThanOrEqual(2);
    expect(events[0]?.object).toMatchObject({ kind: 'Namespace', apiVersion: 'v1' });
    const plain = await client.watch(`/api/v1/namespaces?watch=1&resourceVersion=${rv}&timeoutSeconds=1`, () => false, {
      timeoutMs: 5000,
    });
    expect(plain.events.filter((e) => e.type === 'BOOKMARK')).toHaveLength(0);
  });

  it('stalls watches without a byte until released, then delivers', async () => {
    sandbox.faults.stallWatches();
    let opened = false;
    const pending = client.watch(
      '/api/v1/namespaces/team-b/configmaps?watch=1&fieldSelector=metadata.name%3Dstall',
      (e) => e.length >= 1,
      {
        onOpen: () => (opened = true),
        timeoutMs: 8000,
      },
    );
    await client.call('POST', '/api/v1/namespaces/team-b/configmaps', {
      body: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'stall' } },
    });
    await new Promise((r) => setTimeout(r, 500));
    expect(opened).toBe(false);
    sandbox.faults.releaseWatches();
    const { events } = await pending;
    expect(events[0]).toMatchObject({ type: 'ADDED', object: { metadata: { name: 'stall' } } });
  });
});
