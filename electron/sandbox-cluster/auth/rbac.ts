// RBAC evaluated from the stored Roles, ClusterRoles and their bindings (k8s.io/kubernetes plugin/pkg/auth/authorizer/
// rbac and pkg/registry/rbac/validation's rule resolver): requests, SelfSubjectAccessReview and SelfSubjectRulesReview
// all answer from the same objects, so a RoleBinding a user creates takes effect at once and the three never disagree.
// system:masters is allowed everything before RBAC is asked, as the real server's privileged-group authorizer does.
import { forbidden, StatusError } from '../errors.js';
import type { Actor, KubeObject } from '../types.js';

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

export interface Decision {
  allowed: boolean;
  reason: string;
}

/** What the authorizer reads: the stored RBAC objects. */
export interface RbacSource {
  list(resource: string, namespace?: string): KubeObject[];
  get(resource: string, namespace: string | undefined, name: string): KubeObject | undefined;
}

export const MASTERS = 'system:masters';
export const AUTHENTICATED = 'system:authenticated';

type Json = Record<string, unknown>;
const arr = <T>(v: unknown): T[] => (Array.isArray(v) ? (v as T[]) : []);

export function isMaster(user: Actor): boolean {
  return user.groups.includes(MASTERS);
}

interface Subject {
  kind?: string;
  name?: string;
  namespace?: string;
}

/** appliesTo: users by name, groups by membership, service accounts by their `system:serviceaccount:` user name. */
function subjectApplies(s: Subject, user: Actor, bindingNamespace: string): boolean {
  switch (s.kind) {
    case 'User':
      return s.name === user.user;
    case 'Group':
      return s.name !== undefined && user.groups.includes(s.name);
    case 'ServiceAccount':
      return user.user === `system:serviceaccount:${s.namespace || bindingNamespace}:${s.name ?? ''}`;
    default:
      return false;
  }
}

function describeSubject(s: Subject, bindingNamespace: string): string {
  if (s.kind === 'ServiceAccount') return `ServiceAccount "${s.name ?? ''}/${s.namespace || bindingNamespace}"`;
  return `${s.kind ?? ''} "${s.name ?? ''}"`;
}

function matches(list: string[] | undefined, value: string): boolean {
  return (list ?? []).some((v) => v === '*' || v === value);
}

/** RBAC resource matching: `pods`, `pods/log`, `*`, `*\/scale` and `pods\/*`. */
function resourceMatches(rule: ResourceRule, resource: string, subresource: string | undefined): boolean {
  const combined = subresource ? `${resource}/${subresource}` : resource;
  for (const r of rule.resources ?? []) {
    if (r === '*' || r === combined) return true;
    if (subresource && (r === `*/${subresource}` || r === `${resource}/*`)) return true;
  }
  return false;
}

export function ruleAllows(rule: ResourceRule, a: Attributes): boolean {
  if (!matches(rule.verbs, a.verb) || !matches(rule.apiGroups, a.group ?? '')) return false;
  if (!resourceMatches(rule, a.resource ?? '', a.subresource)) return false;
  const names = rule.resourceNames ?? [];
  return names.length === 0 || (a.name !== undefined && names.includes(a.name));
}

function pathAllowed(rule: NonResourceRule, verb: string, path: string): boolean {
  if (!matches(rule.verbs, verb)) return false;
  return (rule.nonResourceURLs ?? []).some(
    (u) => u === '*' || u === path || (u.endsWith('*') && path.startsWith(u.slice(0, -1))),
  );
}

interface Grant {
  /** `ClusterRoleBinding "x" of ClusterRole "y" to Group "z"`: how the real authorizer explains an allow. */
  why: string;
  rules: Json[];
}

export class Authorizer {
  constructor(private readonly source: RbacSource) {}

  private roleRules(ref: Json, namespace: string | undefined): Json[] {
    const name = typeof ref.name === 'string' ? ref.name : '';
    const role =
      ref.kind === 'ClusterRole'
        ? this.source.get('clusterroles', undefined, name)
        : namespace
          ? this.source.get('roles', namespace, name)
          : undefined;
    return arr<Json>(role?.rules);
  }

  /** Every binding that applies to the user in the namespace (cluster-wide ones first), with its role's rules. */
  private grants(user: Actor, namespace: string | undefined): Grant[] {
    const out: Grant[] = [];
    for (const b of this.source.list('clusterrolebindings')) {
      const ref = (b.roleRef ?? {}) as Json;
      const subject = arr<Subject>(b.subjects).find((s) => subjectApplies(s, user, ''));
      if (!subject) continue;
      out.push({
        why: `ClusterRoleBinding "${b.metadata.name}" of ${String(ref.kind)} "${String(ref.name)}" to ${describeSubject(subject, '')}`,
        rules: this.roleRules(ref, undefined),
      });
    }
    if (namespace) {
      for (const b of this.source.list('rolebindings', namespace)) {
        const ref = (b.roleRef ?? {}) as Json;
        const subject = arr<Subject>(b.subjects).find((s) => subjectApplies(s, user, namespace));
        if (!subject) continue;
        out.push({
          why: `RoleBinding "${b.metadata.name}/${namespace}" of ${String(ref.kind)} "${String(ref.name)}" to ${describeSubject(subject, namespace)}`,
          rules: this.roleRules(ref, namespace),
        });
      }
    }
    return out;
  }

  authorize(a: Attributes): Decision {
    if (isMaster(a.user)) return { allowed: true, reason: '' };
    for (const g of this.grants(a.user, a.resourceRequest ? a.namespace : undefined)) {
      const allowed = a.resourceRequest
        ? g.rules.some((r) => arr(r.nonResourceURLs).length === 0 && ruleAllows(r as unknown as ResourceRule, a))
        : g.rules.some(
            (r) =>
              arr(r.nonResourceURLs).length > 0 && pathAllowed(r as unknown as NonResourceRule, a.verb, a.path ?? ''),
          );
      if (allowed) return { allowed: true, reason: `RBAC: allowed by ${g.why}` };
    }
    return { allowed: false, reason: '' };
  }

  /** What SelfSubjectRulesReview reports for a user in a namespace: the rules of every binding that applies. */
  rulesFor(user: Actor, namespace: string): { resourceRules: ResourceRule[]; nonResourceRules: NonResourceRule[] } {
    const resourceRules: ResourceRule[] = [];
    const nonResourceRules: NonResourceRule[] = [];
    if (isMaster(user)) {
      resourceRules.push({ verbs: ['*'], apiGroups: ['*'], resources: ['*'] });
      nonResourceRules.push({ verbs: ['*'], nonResourceURLs: ['*'] });
    }
    for (const g of this.grants(user, namespace || undefined)) {
      for (const r of g.rules) {
        if (arr(r.nonResourceURLs).length > 0) {
          nonResourceRules.push({ verbs: arr(r.verbs), nonResourceURLs: arr(r.nonResourceURLs) });
        } else {
          const rule: ResourceRule = { verbs: arr(r.verbs), apiGroups: arr(r.apiGroups), resources: arr(r.resources) };
          if (arr(r.resourceNames).length > 0) rule.resourceNames = arr(r.resourceNames);
          resourceRules.push(rule);
        }
      }
    }
    return { resourceRules, nonResourceRules };
  }
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
