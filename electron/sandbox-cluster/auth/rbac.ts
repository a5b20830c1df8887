// A fixed RBAC table: system:masters may do anything; the developer has a Role in team-a and team-b; everyone may
// read discovery and ask about their own access. Requests, SelfSubjectAccessReview and SelfSubjectRulesReview all
// answer from this one table so they can never disagree.
import { forbidden, StatusError } from '../errors.js';
import type { Actor } from '../types.js';

export interface Attributes {
  user: Actor;
  verb: string;
  resourceRequest: boolean;
  group?: string;
  resource?: string;
  subresource?: string;
  namespace?: string;
  name?: string;
  /** Non-resource requests: the URL path. */
  path?: string;
}

export interface ResourceRule {
  verbs: string[];
  apiGroups: string[];
  resources: string[];
  resourceNames?: string[];
}

export interface NonResourceRule {
  verbs: string[];
  nonResourceURLs: string[];
}

interface Binding {
  /** Who: a user name or a group. */
  subject: { user?: string; group?: string };
  /** Namespaces the binding applies in; undefined for cluster-wide (ClusterRoleBinding). */
  namespaces?: string[];
  bindingName: string;
  roleName: string;
  rules: ResourceRule[];
  nonResourceRules?: NonResourceRule[];
}

export const MASTERS = 'system:masters';
export const AUTHENTICATED = 'system:authenticated';

const ALL_VERBS = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'];
const READ_VERBS = ['get', 'list', 'watch'];
export const DEVELOPER_NAMESPACES = ['team-a', 'team-b'];

const BINDINGS: Binding[] = [
  {
    subject: { group: AUTHENTICATED },
    bindingName: 'system:basic-user',
    roleName: 'system:basic-user',
    rules: [
      {
        verbs: ['create'],
        apiGroups: ['authorization.k8s.io'],
        resources: ['selfsubjectaccessreviews', 'selfsubjectrulesreviews'],
      },
    ],
    nonResourceRules: [
      {
        verbs: ['get'],
        nonResourceURLs: [
          '/api',
          '/api/*',
          '/apis',
          '/apis/*',
          '/healthz',
          '/livez',
          '/openapi',
          '/openapi/*',
          '/readyz',
          '/version',
          '/version/',
        ],
      },
    ],
  },
  {
    subject: { user: 'developer' },
    namespaces: DEVELOPER_NAMESPACES,
    bindingName: 'developer',
    roleName: 'developer',
    rules: [
      { verbs: ALL_VERBS, apiGroups: ['apps'], resources: ['controllerrevisions', 'daemonsets'] },
      {
        verbs: ALL_VERBS,
        apiGroups: [''],
        resources: ['configmaps', 'events', 'persistentvolumeclaims', 'pods', 'pods/log', 'secrets'],
      },
      { verbs: READ_VERBS, apiGroups: [''], resources: ['resourcequotas'] },
    ],
  },
];

export function isMaster(user: Actor): boolean {
  return user.groups.includes(MASTERS);
}

function applies(binding: Binding, user: Actor): boolean {
  return (
    binding.subject.user === user.user ||
    (binding.subject.group !== undefined && user.groups.includes(binding.subject.group))
  );
}

function ruleAllows(rule: ResourceRule, a: Attributes): boolean {
  const resource = a.subresource ? `${a.resource ?? ''}/${a.subresource}` : (a.resource ?? '');
  const match = (list: string[], value: string): boolean => list.includes('*') || list.includes(value);
  return (
    match(rule.verbs, a.verb) &&
    match(rule.apiGroups, a.group ?? '') &&
    match(rule.resources, resource) &&
    (!rule.resourceNames || (a.name !== undefined && rule.resourceNames.includes(a.name)))
  );
}

function pathAllowed(rule: NonResourceRule, verb: string, path: string): boolean {
  if (!rule.verbs.includes(verb) && !rule.verbs.includes('*')) return false;
  return rule.nonResourceURLs.some((u) => u === path || (u.endsWith('*') && path.startsWith(u.slice(0, -1))));
}

export interface Decision {
  allowed: boolean;
  reason: string;
}

export function authorize(a: Attributes): Decision {
  if (isMaster(a.user)) return { allowed: true, reason: '' };
  for (const b of BINDINGS) {
    if (!applies(b, a.user)) continue;
    if (a.resourceRequest) {
      if (b.namespaces && (!a.namespace || !b.namespaces.includes(a.namespace))) continue;
      if (b.rules.some((r) => ruleAllows(r, a))) {
        const how = b.namespaces
          ? `RoleBinding "${b.bindingName}/${a.namespace ?? ''}" of Role "${b.roleName}"`
          : `ClusterRoleBinding "${b.bindingName}" of ClusterRole "${b.roleName}"`;
        const to = b.subject.user ? `User "${b.subject.user}"` : `Group "${b.subject.group ?? ''}"`;
        return { allowed: true, reason: `RBAC: allowed by ${how} to ${to}` };
      }
    } else if ((b.nonResourceRules ?? []).some((r) => pathAllowed(r, a.verb, a.path ?? ''))) {
      return {
        allowed: true,
        reason: `RBAC: allowed by ClusterRoleBinding "${b.bindingName}" of ClusterRole "${b.roleName}" to Group "${AUTHENTICATED}"`,
      };
    }
  }
  return { allowed: false, reason: '' };
}

/** The 403 a real API server sends, word for word (k8s.io/apiserver endpoints/handlers/responsewriters). */
export function forbiddenError(a: Attributes): StatusError {
  const user = a.user.user;
  if (!a.resourceRequest) {
    return forbidden(`forbidden: User "${user}" cannot ${a.verb} path "${a.path ?? ''}"`);
  }
  const resource = a.resource ?? '';
  const group = a.group ?? '';
  const full = a.subresource ? `${resource}/${a.subresource}` : resource;
  const scope = a.namespace ? `in the namespace "${a.namespace}"` : 'at the cluster scope';
  const why = `User "${user}" cannot ${a.verb} resource "${full}" in API group "${group}" ${scope}`;
  const qualified = group ? `${resource}.${group}` : resource;
  const subject = a.name ? `${qualified} "${a.name}"` : qualified;
  return forbidden(`${subject} is forbidden: ${why}`, { name: a.name, group: group || undefined, kind: resource });
}

/** What SelfSubjectRulesReview reports for a user in a namespace. */
export function rulesFor(
  user: Actor,
  namespace: string,
): { resourceRules: ResourceRule[]; nonResourceRules: NonResourceRule[] } {
  if (isMaster(user)) {
    return {
      resourceRules: [{ verbs: ['*'], apiGroups: ['*'], resources: ['*'] }, ...basicRules(user).resourceRules],
      nonResourceRules: [{ verbs: ['*'], nonResourceURLs: ['*'] }, ...basicRules(user).nonResourceRules],
    };
  }
  const resourceRules: ResourceRule[] = [];
  const nonResourceRules: NonResourceRule[] = [];
  for (const b of BINDINGS) {
    if (!applies(b, user)) continue;
    if (b.namespaces && !b.namespaces.includes(namespace)) continue;
    resourceRules.push(...b.rules.map((r) => structuredClone(r)));
    nonResourceRules.push(...(b.nonResourceRules ?? []).map((r) => structuredClone(r)));
  }
  return { resourceRules, nonResourceRules };
}

function basicRules(user: Actor): { resourceRules: ResourceRule[]; nonResourceRules: NonResourceRule[] } {
  const b = BINDINGS[0];
  if (!b || !applies(b, user)) return { resourceRules: [], nonResourceRules: [] };
  return { resourceRules: structuredClone(b.rules), nonResourceRules: structuredClone(b.nonResourceRules ?? []) };
}
