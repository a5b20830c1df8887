// Discovery documents (/version, /api, /apis, /api/v1, /apis/<group>/<version>), built from the kind catalog, so a
// CustomResourceDefinition's resources (with their short names and categories) appear as soon as it is established.
import type { KindCatalog } from '../kinds/catalog.js';
import { ALL_VERBS, type KindDescriptor } from '../kinds/descriptor.js';

export const SERVER_VERSION = {
  major: '1',
  minor: '32',
  gitVersion: 'v1.32.0-sandbox',
  gitCommit: '0000000000000000000000000000000000000000',
  gitTreeState: 'clean',
  buildDate: '2026-01-01T00:00:00Z',
  goVersion: 'go1.23.4',
  compiler: 'gc',
  platform: 'linux/amd64',
};

export const AUTHORIZATION_GROUP = 'authorization.k8s.io';

/** What each subresource answers to, and the kind it takes or returns (as a real server lists them). */
const SUBRESOURCES: Record<string, { verbs: string[]; kind?: string; group?: string; version?: string }> = {
  status: { verbs: ['get', 'patch', 'update'] },
  scale: { verbs: ['get', 'patch', 'update'], kind: 'Scale', group: 'autoscaling', version: 'v1' },
  log: { verbs: ['get'] },
  eviction: { verbs: ['create'], kind: 'Eviction', group: 'policy', version: 'v1' },
  binding: { verbs: ['create'], kind: 'Binding' },
  exec: { verbs: ['create', 'get'], kind: 'PodExecOptions' },
  attach: { verbs: ['create', 'get'], kind: 'PodAttachOptions' },
  portforward: { verbs: ['create', 'get'], kind: 'PodPortForwardOptions' },
  proxy: { verbs: ['create', 'delete', 'get', 'patch', 'update'] },
  ephemeralcontainers: { verbs: ['get', 'patch', 'update'] },
  finalize: { verbs: ['update'] },
  token: { verbs: ['create'], kind: 'TokenRequest', group: 'authentication.k8s.io', version: 'v1' },
};

export function apiVersions(serverAddress: string): object {
  return {
    kind: 'APIVersions',
    versions: ['v1'],
    serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress }],
  };
}

function groupEntry(name: string, versions: string[]): object {
  const preferred = versions[0] ?? 'v1';
  return {
    name,
    versions: versions.map((version) => ({ groupVersion: `${name}/${version}`, version })),
    preferredVersion: { groupVersion: `${name}/${preferred}`, version: preferred },
  };
}

export function apiGroupList(kinds: KindCatalog): object {
  return {
    kind: 'APIGroupList',
    apiVersion: 'v1',
    groups: kinds.groups().map((g) => groupEntry(g.name, g.versions)),
  };
}

export function apiGroup(kinds: KindCatalog, name: string): object | undefined {
  const group = kinds.groups().find((g) => g.name === name);
  return group ? { kind: 'APIGroup', apiVersion: 'v1', ...groupEntry(group.name, group.versions) } : undefined;
}

function proxyKind(d: KindDescriptor): string {
  return `${d.kind}ProxyOptions`;
}

function entries(d: KindDescriptor): object[] {
  const main: Record<string, unknown> = {
    name: d.plural,
    singularName: d.singular,
    namespaced: d.namespaced,
    kind: d.kind,
    verbs: d.verbs ?? ALL_VERBS,
  };
  if (d.shortNames?.length) main.shortNames = d.shortNames;
  if (d.categories?.length) main.categories = d.categories;
  const out: object[] = [main];
  for (const sub of d.subresources ?? []) {
    const how = SUBRESOURCES[sub];
    if (!how) continue;
    const entry: Record<string, unknown> = {
      name: `${d.plural}/${sub}`,
      singularName: '',
      namespaced: d.namespaced,
      kind: sub === 'proxy' ? proxyKind(d) : (how.kind ?? d.kind),
      verbs: how.verbs,
    };
    if (how.group) entry.group = how.group;
    if (how.version) entry.version = how.version;
    out.push(entry);
  }
  return out;
}

/** APIResourceList of a group-version, or undefined when the server does not serve it. */
export function apiResourceList(kinds: KindCatalog, group: string, version: string): object | undefined {
  const served = kinds.inGroupVersion(group, version);
  if (served.length === 0) return undefined;
  return {
    kind: 'APIResourceList',
    apiVersion: 'v1',
    groupVersion: group ? `${group}/${version}` : version,
    resources: served.flatMap(entries),
  };
}
