// SelfSubjectAccessReview and SelfSubjectRulesReview: `kubectl auth can-i` and the app's capability checks.
import { authorize, rulesFor } from '../auth/rbac.js';
import { badRequest } from '../errors.js';
import type { Actor } from '../types.js';

type Json = Record<string, unknown>;

function str(v: unknown): string | undefined {
  return typeof v === 'string' && v !== '' ? v : undefined;
}

export function accessReview(user: Actor, body: Json): Json {
  const spec = (body.spec ?? {}) as Json;
  const ra = spec.resourceAttributes as Json | undefined;
  const nra = spec.nonResourceAttributes as Json | undefined;
  if (!ra && !nra) {
    throw badRequest(
      'SelfSubjectAccessReview.authorization.k8s.io "" is invalid: spec.resourceAttributes: Invalid value: "null": exactly one of nonResourceAttributes or resourceAttributes must be specified',
    );
  }
  const decision = ra
    ? authorize({
        user,
        verb: str(ra.verb) ?? '',
        resourceRequest: true,
        group: str(ra.group) ?? '',
        resource: str(ra.resource),
        subresource: str(ra.subresource),
        namespace: str(ra.namespace),
        name: str(ra.name),
      })
    : authorize({ user, verb: str(nra?.verb) ?? '', resourceRequest: false, path: str(nra?.path) });
  const status: Json = { allowed: decision.allowed };
  if (decision.reason) status.reason = decision.reason;
  return {
    kind: 'SelfSubjectAccessReview',
    apiVersion: 'authorization.k8s.io/v1',
    metadata: { creationTimestamp: null },
    spec,
    status,
  };
}

export function rulesReview(user: Actor, body: Json): Json {
  const spec = (body.spec ?? {}) as Json;
  const namespace = str(spec.namespace) ?? '';
  const rules = rulesFor(user, namespace);
  return {
    kind: 'SelfSubjectRulesReview',
    apiVersion: 'authorization.k8s.io/v1',
    metadata: { creationTimestamp: null },
    spec: { namespace },
    status: { resourceRules: rules.resourceRules, nonResourceRules: rules.nonResourceRules, incomplete: false },
  };
}
