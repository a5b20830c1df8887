// rbac.authorization.k8s.io: Roles, ClusterRoles and their bindings, validated as pkg/apis/rbac/validation does
// (rules, subjects, roleRef, roleRef immutability). The authorizer (auth/rbac.ts) evaluates what is stored here.
import type { FieldCause } from '../errors.js';
import { cause, validateName } from '../registry/validation.js';
import type { KubeObject } from '../types.js';
import * as columns from './columns.js';
import { builtin, type KindDescriptor, type KindStrategy } from './descriptor.js';

export const RBAC_GROUP = 'rbac.authorization.k8s.io';
const RBAC = { group: RBAC_GROUP, version: 'v1', prefix: 'io.k8s.api.rbac.v1' };
type Json = Record<string, unknown>;

const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

function validateRule(rule: Json, namespaced: boolean, path: string): FieldCause[] {
  const out: FieldCause[] = [];
  if (arr(rule.verbs).length === 0) out.push(cause.required(`${path}.verbs`, 'verbs must contain at least one value'));
  if (arr(rule.nonResourceURLs).length > 0) {
    if (namespaced) {
      out.push(
        cause.invalid(
          `${path}.nonResourceURLs`,
          rule.nonResourceURLs,
          'namespaced rules cannot apply to non-resource URLs',
        ),
      );
    }
    if (arr(rule.apiGroups).length > 0 || arr(rule.resources).length > 0 || arr(rule.resourceNames).length > 0) {
      out.push(
        cause.invalid(
          `${path}.nonResourceURLs`,
          rule.nonResourceURLs,
          'rules cannot apply to both regular resources and non-resource URLs',
        ),
      );
    }
    return out;
  }
  if (arr(rule.apiGroups).length === 0)
    out.push(cause.required(`${path}.apiGroups`, 'resource rules must supply at least one api group'));
  if (arr(rule.resources).length === 0)
    out.push(cause.required(`${path}.resources`, 'resource rules must supply at least one resource'));
  return out;
}

function validateRules(o: KubeObject, namespaced: boolean): FieldCause[] {
  return arr(o.rules).flatMap((r, i) => validateRule((r ?? {}) as Json, namespaced, `rules[${i}]`));
}

function validateSubject(s: Json, namespaced: boolean, path: string): FieldCause[] {
  const out: FieldCause[] = [];
  const name = typeof s.name === 'string' ? s.name : '';
  if (name === '') out.push(cause.required(`${path}.name`));
  const group = s.apiGroup ?? '';
  switch (s.kind) {
    case 'ServiceAccount':
      if (name !== '') out.push(...validateName(name, `${path}.name`, 'subdomain'));
      if (group !== '') out.push(cause.notSupported(`${path}.apiGroup`, group, ['']));
      if (!namespaced && (s.namespace === undefined || s.namespace === ''))
        out.push(cause.required(`${path}.namespace`));
      break;
    case 'User':
    case 'Group':
      if (group !== RBAC_GROUP) out.push(cause.notSupported(`${path}.apiGroup`, group, [RBAC_GROUP]));
      break;
    default:
      out.push(cause.notSupported(`${path}.kind`, s.kind, ['ServiceAccount', 'User', 'Group']));
  }
  return out;
}

function goRoleRef(ref: Json | undefined): string {
  const r = ref ?? {};
  const q = (v: unknown): string => JSON.stringify(typeof v === 'string' ? v : '');
  return `rbac.RoleRef{APIGroup:${q(r.apiGroup)}, Kind:${q(r.kind)}, Name:${q(r.name)}}`;
}

function bindingStrategy(namespaced: boolean): KindStrategy {
  return {
    defaults(binding) {
      // SetDefaults_Subject: users and groups belong to the RBAC API group.
      for (const s of arr(binding.subjects) as Json[]) {
        if ((s.kind === 'User' || s.kind === 'Group') && (s.apiGroup === undefined || s.apiGroup === '')) {
          s.apiGroup = RBAC_GROUP;
        }
      }
    },
    validate(binding) {
      const out: FieldCause[] = [];
      const ref = (binding.roleRef ?? {}) as Json;
      if (ref.apiGroup !== RBAC_GROUP)
        out.push(cause.notSupported('roleRef.apiGroup', ref.apiGroup ?? '', [RBAC_GROUP]));
      const kinds = namespaced ? ['Role', 'ClusterRole'] : ['ClusterRole'];
      if (!kinds.includes(String(ref.kind))) out.push(cause.notSupported('roleRef.kind', ref.kind ?? '', kinds));
      if (typeof ref.name !== 'string' || ref.name === '') out.push(cause.required('roleRef.name'));
      else out.push(...validateName(ref.name, 'roleRef.name', 'path-segment'));
      arr(binding.subjects).forEach((s, i) =>
        out.push(...validateSubject((s ?? {}) as Json, namespaced, `subjects[${i}]`)),
      );
      return out;
    },
    validateUpdate(binding, old) {
      const a = (binding.roleRef ?? {}) as Json;
      const b = (old.roleRef ?? {}) as Json;
      if (a.apiGroup === b.apiGroup && a.kind === b.kind && a.name === b.name) return [];
      return [cause.invalidRendered('roleRef', goRoleRef(a), 'cannot change roleRef')];
    },
  };
}

const roleStrategy: KindStrategy = { validate: (role) => validateRules(role, true) };

const clusterRoleStrategy: KindStrategy = {
  validate(role) {
    const out = validateRules(role, false);
    const rule = role.aggregationRule as Json | undefined;
    if (rule !== undefined && arr(rule.clusterRoleSelectors).length === 0) {
      out.push(
        cause.required(
          'aggregationRule.clusterRoleSelectors',
          'at least one clusterRoleSelector required if aggregationRule is non-nil',
        ),
      );
    }
    return out;
  },
};

const rbacKind = (kind: string, plural: string, rest: Partial<KindDescriptor>): KindDescriptor =>
  builtin(RBAC, kind, plural, { nameRule: 'path-segment', columns: columns.NAME_CREATED, ...rest });

export const RBAC_KINDS: KindDescriptor[] = [
  rbacKind('ClusterRole', 'clusterroles', { namespaced: false, strategy: clusterRoleStrategy }),
  rbacKind('ClusterRoleBinding', 'clusterrolebindings', {
    namespaced: false,
    strategy: bindingStrategy(false),
    columns: columns.BINDING_COLUMNS,
  }),
  rbacKind('Role', 'roles', { strategy: roleStrategy }),
  rbacKind('RoleBinding', 'rolebindings', { strategy: bindingStrategy(true), columns: columns.BINDING_COLUMNS }),
];
