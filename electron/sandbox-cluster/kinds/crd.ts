// apiextensions.k8s.io/v1 CustomResourceDefinition: defaulting and validation (pkg/apis/apiextensions/validation);
// the CRD controller (crd/controller.ts) serves what it defines once it is established.
import { isDeepStrictEqual } from 'node:util';
import type { FieldCause } from '../errors.js';
import { cause, validateName } from '../registry/validation.js';
import type { KubeObject } from '../types.js';
import { structuralErrors } from '../crd/structural.js';
import { NAME_CREATED } from './columns.js';
import { builtin, type KindDescriptor, type KindStrategy } from './descriptor.js';

type Json = Record<string, unknown>;
const APIEXTENSIONS = {
  group: 'apiextensions.k8s.io',
  version: 'v1',
  prefix: 'io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1',
};
const arr = (v: unknown): Json[] => (Array.isArray(v) ? (v as Json[]) : []);
const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

function validateNames(names: Json): FieldCause[] {
  const out: FieldCause[] = [];
  const lower = (field: string, v: unknown, required: boolean): void => {
    if (v === undefined || v === '') {
      if (required) out.push(cause.required(`spec.names.${field}`));
      return;
    }
    if (typeof v !== 'string' || !DNS_LABEL.test(v))
      out.push(
        cause.invalid(
          `spec.names.${field}`,
          v,
          "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')",
        ),
      );
  };
  lower('plural', names.plural, true);
  lower('singular', names.singular, false);
  if (typeof names.kind !== 'string' || names.kind === '') out.push(cause.required('spec.names.kind'));
  else if (!/^[A-Za-z][A-Za-z0-9]*$/.test(names.kind))
    out.push(
      cause.invalid(
        'spec.names.kind',
        names.kind,
        'may have mixed case, but should otherwise match: [a-z]([-a-z0-9]*[a-z0-9])?',
      ),
    );
  if (typeof names.listKind === 'string' && names.listKind === names.kind)
    out.push(cause.invalid('spec.names.listKind', names.listKind, 'kind and listKind may not be the same'));
  arr(names.shortNames).forEach((s, i) => lower(`shortNames[${i}]`, s, true));
  arr(names.categories).forEach((c, i) => lower(`categories[${i}]`, c, true));
  return out;
}

export function validateCrd(crd: KubeObject): FieldCause[] {
  const spec = (crd.spec ?? {}) as Json;
  const names = (spec.names ?? {}) as Json;
  const out: FieldCause[] = [];
  const group = spec.group;
  if (typeof group !== 'string' || group === '') out.push(cause.required('spec.group'));
  else {
    out.push(...validateName(group, 'spec.group', 'subdomain'));
    if (!group.includes('.')) out.push(cause.invalid('spec.group', group, 'should be a domain with at least one dot'));
  }
  if (
    typeof names.plural === 'string' &&
    typeof group === 'string' &&
    crd.metadata.name !== `${names.plural}.${group}`
  ) {
    out.push(cause.invalid('metadata.name', crd.metadata.name, 'must be spec.names.plural+"."+spec.group'));
  }
  if (spec.scope === undefined) out.push(cause.required('spec.scope'));
  else if (spec.scope !== 'Cluster' && spec.scope !== 'Namespaced')
    out.push(cause.notSupported('spec.scope', spec.scope, ['Cluster', 'Namespaced']));
  out.push(...validateNames(names));
  const versions = arr(spec.versions);
  if (versions.length === 0)
    out.push(cause.required('spec.versions', 'must have exactly one version marked as storage version'));
  const storage = versions.filter((v) => v.storage === true).length;
  if (versions.length > 0 && storage !== 1)
    out.push(
      cause.invalid(
        'spec.versions',
        versions.map((v) => v.name),
        'must have exactly one version marked as storage version',
      ),
    );
  if (versions.length > 0 && !versions.some((v) => v.served === true))
    out.push(
      cause.invalid(
        'spec.versions',
        versions.map((v) => v.name),
        'must have at least one version marked as served',
      ),
    );
  const seen = new Set<unknown>();
  versions.forEach((v, i) => {
    const p = `spec.versions[${i}]`;
    if (typeof v.name !== 'string' || !DNS_LABEL.test(v.name))
      out.push(cause.invalid(`${p}.name`, v.name ?? '', 'must be a DNS label'));
    if (seen.has(v.name)) out.push(cause.duplicate(`${p}.name`, v.name));
    seen.add(v.name);
    for (const f of ['served', 'storage']) if (typeof v[f] !== 'boolean') out.push(cause.required(`${p}.${f}`));
    const schema = (v.schema as Json | undefined)?.openAPIV3Schema;
    if (schema === undefined) out.push(cause.required(`${p}.schema.openAPIV3Schema`, 'schemas are required'));
    else out.push(...structuralErrors(schema, `${p}.schema.openAPIV3Schema`));
    const sub = v.subresources as Json | undefined;
    const scale = sub?.scale as Json | undefined;
    if (scale && (typeof scale.specReplicasPath !== 'string' || typeof scale.statusReplicasPath !== 'string'))
      out.push(cause.required(`${p}.subresources.scale.specReplicasPath`));
  });
  return out;
}

export const crdStrategy: KindStrategy = {
  defaults(crd) {
    const spec = (crd.spec ??= {}) as Json;
    const names = (spec.names ??= {}) as Json;
    if (typeof names.kind === 'string' && names.kind !== '') {
      names.singular ??= names.kind.toLowerCase();
      names.listKind ??= `${names.kind}List`;
    }
    spec.conversion ??= { strategy: 'None' };
  },
  prepareForCreate(crd) {
    crd.status = { acceptedNames: { kind: '', plural: '' }, conditions: [], storedVersions: [] };
    // Deleting a CRD deletes its custom resources first (the apiextensions finalizer controller).
    crd.metadata.finalizers = [
      ...new Set([...(crd.metadata.finalizers ?? []), 'customresourcecleanup.apiextensions.k8s.io']),
    ];
  },
  validate: validateCrd,
  validateUpdate(crd, old) {
    const out: FieldCause[] = [];
    if (!isDeepStrictEqual(crd.spec?.scope, old.spec?.scope))
      out.push(cause.invalid('spec.scope', crd.spec?.scope, 'field is immutable'));
    return out;
  },
};

export const CRD_KIND: KindDescriptor = builtin(
  APIEXTENSIONS,
  'CustomResourceDefinition',
  'customresourcedefinitions',
  {
    namespaced: false,
    shortNames: ['crd', 'crds'],
    categories: ['api-extensions'],
    subresources: ['status'],
    generation: true,
    strategy: crdStrategy,
    columns: NAME_CREATED,
  },
);
