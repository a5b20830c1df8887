// The virtual resources that answer a POST: SelfSubjectAccessReview and SelfSubjectRulesReview (`kubectl auth can-i`,
// `--list`, the app's capability checks), SubjectAccessReview (for whoever may ask about others) and
// SelfSubjectReview (`kubectl auth whoami`). Every answer comes from the same authorizer as the requests themselves.
import type { Authorizer } from '../auth/rbac.js';
import { badRequest } from '../errors.js';
import type { Actor } from '../types.js';

type Json = Record<string, unknown>;

function str(v: unknown): string | undefined {
  return typeof v === 'string' && v !== '' ? v : undefined;
}

function decide(authz: Authorizer, user: Actor, spec: Json, kind: string): Json {
  const ra = spec.resourceAttributes as Json | undefined;
  const nra = spec.nonResourceAttributes as Json | undefined;
  if (!ra && !nra) {
    throw badRequest(
      `${kind}.authorization.k8s.io "" is invalid: spec.resourceAttributes: Invalid value: "null": exactly one of nonResourceAttributes or resourceAttributes must be specified`,
    );
  }
  const decision = ra
    ? authz.authorize({
        user,
        verb: str(ra.verb) ?? '',
        resourceRequest: true,
        group: str(ra.group) ?? '',
        resource: str(ra.resource),
        subresource: str(ra.subresource),
        namespace: str(ra.namespace),
        name: str(ra.name),
      })
    : authz.authorize({ user, verb: str(nra?.verb) ?? '', resourceRequest: false, path: str(nra?.path) });
  const status: Json = { allowed: decision.allowed };
  if (decision.reason) status.reason = decision.reason;
  return status;
}

const meta = { creationTimestamp: null };

export function accessReview(authz: Authorizer, user: Actor, body: Json): Json {
  const spec = (body.spec ?? {}) as Json;
  return {
    kind: 'SelfSubjectAccessReview',
    apiVersion: 'authorization.k8s.io/v1',
    metadata: meta,
    spec,
    status: decide(authz, user, spec, 'SelfSubjectAccessReview'),
  };
}

/** A review about someone else: spec.user and spec.groups say who (system:authenticated is theirs too). */
export function subjectAccessReview(authz: Authorizer, body: Json): Json {
  const spec = (body.spec ?? {}) as Json;
  const user = str(spec.user) ?? '';
  if (!user && !Array.isArray(spec.groups)) {
    throw badRequest(
      'SubjectAccessReview.authorization.k8s.io "" is invalid: spec.user: Invalid value: "": at least one of user or group must be specified',
    );
  }
  const groups = Array.isArray(spec.groups) ? spec.groups.map(String) : [];
  return {
    kind: 'SubjectAccessReview',
    apiVersion: 'authorization.k8s.io/v1',
    metadata: meta,
    spec,
    status: decide(authz, { user, groups }, spec, 'SubjectAccessReview'),
  };
}

export function rulesReview(authz: Authorizer, user: Actor, body: Json): Json {
  const spec = (body.spec ?? {}) as Json;
  const namespace = str(spec.namespace) ?? '';
  const rules = authz.rulesFor(user, namespace);
  return {
    kind: 'SelfSubjectRulesReview',
    apiVersion: 'authorization.k8s.io/v1',
    metadata: meta,
    spec: { namespace },
    status: { resourceRules: rules.resourceRules, nonResourceRules: rules.nonResourceRules, incomplete: false },
  };
}

export function selfSubjectReview(user: Actor, apiVersion: string): Json {
  return {
    kind: 'SelfSubjectReview',
    apiVersion,
    metadata: meta,
    status: { userInfo: { username: user.user, groups: user.groups } },
  };
}
