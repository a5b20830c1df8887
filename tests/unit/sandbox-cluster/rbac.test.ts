import { describe, expect, it } from 'vitest';
import { Authorizer, forbiddenError, type Attributes } from '../../../electron/sandbox-cluster/auth/rbac.js';
import { builtinKinds } from '../../../electron/sandbox-cluster/kinds/builtins.js';
import { KindCatalog } from '../../../electron/sandbox-cluster/kinds/catalog.js';
import { Registry } from '../../../electron/sandbox-cluster/registry/registry.js';
import { seedAccess } from '../../../electron/sandbox-cluster/seed/access.js';
import { bootstrapCluster } from '../../../electron/sandbox-cluster/seed/bootstrap.js';
import { createClusterApi } from '../../../electron/sandbox-cluster/registry/cluster-api.js';
import { EventRecorder } from '../../../electron/sandbox-cluster/registry/events.js';
import { ObjectStore } from '../../../electron/sandbox-cluster/store/store.js';
import type { Actor } from '../../../electron/sandbox-cluster/types.js';

/** The stored policy a new sandbox has: bootstrap RBAC, team-a and team-b with the developer's Role and binding. */
function seededAuthorizer(): Authorizer {
  const store = new ObjectStore();
  const registry = new Registry(store, Date.now, new KindCatalog(builtinKinds()));
  const api = createClusterApi(registry, new EventRecorder(registry, Date.now), Date.now);
  bootstrapCluster(api);
  for (const name of ['team-a', 'team-b'])
    api.create('namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name } });
  seedAccess(api);
  return new Authorizer(store);
}

const authz = seededAuthorizer();
const authorize = (a: Attributes) => authz.authorize(a);
const rulesFor = (user: Actor, ns: string) => authz.rulesFor(user, ns);

const developer: Actor = { user: 'developer', groups: ['system:authenticated'] };
const admin: Actor = { user: 'admin', groups: ['system:masters', 'system:authenticated'] };

function can(
  user: Actor,
  verb: string,
  group: string,
  resource: string,
  namespace?: string,
  subresource?: string,
): boolean {
  return authorize({ user, verb, resourceRequest: true, group, resource, namespace, subresource }).allowed;
}

describe('RBAC table', () => {
  it('gives the developer full rights on workloads in team-a and team-b only', () => {
    for (const ns of ['team-a', 'team-b']) {
      for (const verb of ['get', 'list', 'watch', 'create', 'update', 'patch', 'delete', 'deletecollection']) {
        expect(can(developer, verb, 'apps', 'daemonsets', ns)).toBe(true);
        expect(can(developer, verb, '', 'pods', ns)).toBe(true);
      }
      expect(can(developer, 'get', '', 'pods', ns, 'log')).toBe(true);
    }
    expect(can(developer, 'list', 'apps', 'daemonsets', 'kube-system')).toBe(false);
    expect(can(developer, 'list', 'apps', 'daemonsets')).toBe(false);
    expect(can(developer, 'update', 'apps', 'daemonsets', 'team-a', 'status')).toBe(false);
  });

  it('lets the developer read but not change resource quotas', () => {
    expect(can(developer, 'list', '', 'resourcequotas', 'team-a')).toBe(true);
    expect(can(developer, 'update', '', 'resourcequotas', 'team-a')).toBe(false);
  });

  it('refuses the developer namespaces and nodes', () => {
    expect(can(developer, 'list', '', 'namespaces')).toBe(false);
    expect(can(developer, 'list', '', 'nodes')).toBe(false);
  });

  it('lets everyone create self reviews and read discovery', () => {
    expect(can(developer, 'create', 'authorization.k8s.io', 'selfsubjectaccessreviews')).toBe(true);
    expect(authorize({ user: developer, verb: 'get', resourceRequest: false, path: '/apis/apps/v1' }).allowed).toBe(
      true,
    );
    expect(authorize({ user: developer, verb: 'get', resourceRequest: false, path: '/metrics' }).allowed).toBe(false);
  });

  it('lets system:masters do anything', () => {
    expect(can(admin, 'delete', '', 'nodes')).toBe(true);
    expect(can(admin, 'escalate', 'rbac.authorization.k8s.io', 'clusterroles')).toBe(true);
  });
});

describe('forbidden wording', () => {
  const attrs = (a: Partial<Attributes>): Attributes => ({
    user: developer,
    verb: 'list',
    resourceRequest: true,
    ...a,
  });

  it('names the namespace for namespaced requests', () => {
    const e = forbiddenError(attrs({ group: 'apps', resource: 'daemonsets', namespace: 'kube-system' }));
    expect(e.code).toBe(403);
    expect(e.reason).toBe('Forbidden');
    expect(e.message).toBe(
      'daemonsets.apps is forbidden: User "developer" cannot list resource "daemonsets" in API group "apps" in the namespace "kube-system"',
    );
  });

  it('says "at the cluster scope" for cluster-wide requests and names the core group ""', () => {
    expect(forbiddenError(attrs({ group: '', resource: 'nodes' })).message).toBe(
      'nodes is forbidden: User "developer" cannot list resource "nodes" in API group "" at the cluster scope',
    );
  });

  it('quotes the object name and includes the subresource', () => {
    expect(
      forbiddenError(attrs({ verb: 'get', group: '', resource: 'pods', subresource: 'log', name: 'p', namespace: 'x' }))
        .message,
    ).toBe(
      'pods "p" is forbidden: User "developer" cannot get resource "pods/log" in API group "" in the namespace "x"',
    );
  });
});

describe('rules review', () => {
  it('reports the developer role in team-a and only basic rules elsewhere', () => {
    const inTeam = rulesFor(developer, 'team-a');
    expect(inTeam.resourceRules.some((r) => r.resources.includes('daemonsets') && r.verbs.includes('create'))).toBe(
      true,
    );
    const elsewhere = rulesFor(developer, 'kube-system');
    expect(elsewhere.resourceRules.some((r) => r.resources.includes('daemonsets'))).toBe(false);
    expect(elsewhere.resourceRules.some((r) => r.resources.includes('selfsubjectaccessreviews'))).toBe(true);
  });

  it('reports wildcards for masters', () => {
    expect(rulesFor(admin, 'default').resourceRules[0]).toEqual({ verbs: ['*'], apiGroups: ['*'], resources: ['*'] });
  });
});
