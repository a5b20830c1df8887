// Discovery documents (/version, /api, /apis, /api/v1, /apis/<group>/<version>), built from the resource table.
import { RESOURCES, type ResourceInfo } from '../store/resources.js';

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

const ALL_VERBS = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'];

export const AUTHORIZATION_GROUP = 'authorization.k8s.io';

export function apiVersions(serverAddress: string): object {
  return {
    kind: 'APIVersions',
    versions: ['v1'],
    serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress }],
  };
}

/** Named groups served, in the order real servers list them (built-in groups first, then the rest by name). */
function groupNames(): string[] {
  const names = new Set<string>();
  for (const r of RESOURCES) if (r.group) names.add(r.group);
  names.add(AUTHORIZATION_GROUP);
  return [...names];
}

function groupEntry(name: string): object {
  return {
    name,
    versions: [{ groupVersion: `${name}/v1`, version: 'v1' }],
    preferredVersion: { groupVersion: `${name}/v1`, version: 'v1' },
  };
}

export function apiGroupList(): object {
  return { kind: 'APIGroupList', apiVersion: 'v1', groups: groupNames().map(groupEntry) };
}

export function apiGroup(name: string): object | undefined {
  if (!groupNames().includes(name)) return undefined;
  return { kind: 'APIGroup', apiVersion: 'v1', ...groupEntry(name) };
}

function entries(info: ResourceInfo): object[] {
  const main: Record<string, unknown> = {
    name: info.name,
    singularName: info.singular,
    namespaced: info.namespaced,
    kind: info.kind,
    verbs: info.name === 'namespaces' ? ALL_VERBS.filter((v) => v !== 'deletecollection') : ALL_VERBS,
  };
  if (info.shortNames) main.shortNames = info.shortNames;
  if (info.categories) main.categories = info.categories;
  const out: object[] = [main];
  for (const sub of info.subresources ?? []) {
    if (sub === 'status') {
      out.push({
        name: `${info.name}/status`,
        singularName: '',
        namespaced: info.namespaced,
        kind: info.kind,
        verbs: ['get', 'patch', 'update'],
      });
    } else if (sub === 'log') {
      out.push({
        name: `${info.name}/log`,
        singularName: '',
        namespaced: info.namespaced,
        kind: info.kind,
        verbs: ['get'],
      });
    }
  }
  return out;
}

/** APIResourceList of a group-version, or undefined when the server does not serve it. */
export function apiResourceList(group: string, version: string): object | undefined {
  if (version !== 'v1') return undefined;
  const groupVersion = group ? `${group}/${version}` : version;
  if (group === AUTHORIZATION_GROUP) {
    return {
      kind: 'APIResourceList',
      apiVersion: 'v1',
      groupVersion,
      resources: [
        {
          name: 'selfsubjectaccessreviews',
          singularName: 'selfsubjectaccessreview',
          namespaced: false,
          kind: 'SelfSubjectAccessReview',
          verbs: ['create'],
        },
        {
          name: 'selfsubjectrulesreviews',
          singularName: 'selfsubjectrulesreview',
          namespaced: false,
          kind: 'SelfSubjectRulesReview',
          verbs: ['create'],
        },
      ],
    };
  }
  const served = RESOURCES.filter((r) => r.group === group && r.version === version);
  if (served.length === 0) return undefined;
  return { kind: 'APIResourceList', apiVersion: 'v1', groupVersion, resources: served.flatMap(entries) };
}
