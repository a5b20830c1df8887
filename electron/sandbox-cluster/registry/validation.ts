// Create/update validation with the field paths and wording of apimachinery and pkg/apis/apps/validation, so 422
// causes read exactly like a real cluster's (docs/kubernetes-semantics.md section 6).
import type { FieldCause } from '../errors.js';
import type { KubeObject } from '../types.js';
import { parseQuantity, QUANTITY_PATTERN, quantityDecodeError } from '../apimachinery/quantity.js';
import { labelKeyError, labelValueError } from '../apimachinery/selectors.js';

const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const SUBDOMAIN_MSG =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
const LABEL_MSG =
  "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";

function isStringMap(value: unknown): value is Record<string, string> {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    Object.values(value).every((v) => typeof v === 'string')
  );
}

/** Go's `%#v` of a map[string]string: keys sorted, as fmt prints maps. */
export function goStringMap(map: Record<string, string> | undefined): string {
  if (!map) return 'map[string]string(nil)';
  const keys = Object.keys(map).sort();
  return `map[string]string{${keys.map((k) => `${JSON.stringify(k)}:${JSON.stringify(map[k])}`).join(', ')}}`;
}

/** Go's rendering of a value in field errors: strings quoted, numbers bare, maps as `%#v`, other structures as JSON. */
export function goValue(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (isStringMap(value)) return goStringMap(value);
  return JSON.stringify(value ?? null);
}

/** `%#v` of a metav1.LabelSelector, as the selector's Invalid errors print it. */
export function goLabelSelector(selector: unknown): string {
  const s = (selector ?? {}) as {
    matchLabels?: Record<string, string>;
    matchExpressions?: { key?: string; operator?: string; values?: string[] }[];
  };
  const exprs = s.matchExpressions
    ? `[]v1.LabelSelectorRequirement{${s.matchExpressions
        .map(
          (e) =>
            `v1.LabelSelectorRequirement{Key:${JSON.stringify(e.key ?? '')}, Operator:${JSON.stringify(e.operator ?? '')}, Values:${e.values ? `[]string{${e.values.map((v) => JSON.stringify(v)).join(', ')}}` : '[]string(nil)'}}`,
        )
        .join(', ')}}`
    : '[]v1.LabelSelectorRequirement(nil)';
  return `v1.LabelSelector{MatchLabels:${goStringMap(s.matchLabels)}, MatchExpressions:${exprs}}`;
}

export const cause = {
  invalid: (field: string, value: unknown, detail: string): FieldCause => ({
    reason: 'FieldValueInvalid',
    message: `Invalid value: ${goValue(value)}: ${detail}`,
    field,
  }),
  /** Invalid with a value already rendered (structs printed the Go way). */
  invalidRendered: (field: string, rendered: string, detail: string): FieldCause => ({
    reason: 'FieldValueInvalid',
    message: `Invalid value: ${rendered}: ${detail}`,
    field,
  }),
  required: (field: string, detail?: string): FieldCause => ({
    reason: 'FieldValueRequired',
    message: detail ? `Required value: ${detail}` : 'Required value',
    field,
  }),
  notSupported: (field: string, value: unknown, supported: string[]): FieldCause => ({
    reason: 'FieldValueNotSupported',
    message: `Unsupported value: ${goValue(value)}: supported values: ${supported.map((s) => `"${s}"`).join(', ')}`,
    field,
  }),
  duplicate: (field: string, value: unknown): FieldCause => ({
    reason: 'FieldValueDuplicate',
    message: `Duplicate value: ${goValue(value)}`,
    field,
  }),
  tooLong: (field: string, max: number): FieldCause => ({
    reason: 'FieldValueTooLong',
    message: `Too long: may not be more than ${max} bytes`,
    field,
  }),
  forbidden: (field: string, detail: string): FieldCause => ({
    reason: 'FieldValueForbidden',
    message: `Forbidden: ${detail}`,
    field,
  }),
};

/** path.IsValidPathSegmentName: the names RBAC objects may have (`system:controller:x` included). */
function pathSegmentErrors(name: string, field: string): FieldCause[] {
  if (name === '.' || name === '..') return [cause.invalid(field, name, `may not be '${name}'`)];
  const out: FieldCause[] = [];
  for (const bad of ['/', '%'])
    if (name.includes(bad)) out.push(cause.invalid(field, name, `may not contain '${bad}'`));
  return out;
}

/** How `metadata.name` is checked (apimachinery's NameIsDNSSubdomain, NameIsDNSLabel, rbac's path segment names). */
export type NameRule = 'subdomain' | 'label' | 'path-segment';

export function validateName(name: unknown, field: string, rule: NameRule | boolean): FieldCause[] {
  if (typeof name !== 'string' || name === '') return [cause.required(field, 'name or generateName is required')];
  if (rule === 'path-segment') return pathSegmentErrors(name, field);
  const label = rule === true || rule === 'label';
  const max = label ? 63 : 253;
  if (name.length > max) return [cause.invalid(field, name, `must be no more than ${max} characters`)];
  if (!(label ? DNS_LABEL : DNS_SUBDOMAIN).test(name))
    return [cause.invalid(field, name, label ? LABEL_MSG : SUBDOMAIN_MSG)];
  return [];
}

export function validateLabels(labels: unknown, field: string): FieldCause[] {
  if (labels === undefined || labels === null) return [];
  if (typeof labels !== 'object') return [cause.invalid(field, labels, 'must be a map')];
  const out: FieldCause[] = [];
  for (const [key, value] of Object.entries(labels as Record<string, unknown>)) {
    const keyErr = labelKeyError(key);
    if (keyErr) out.push(cause.invalid(field, key, keyErr));
    const valueErr = typeof value === 'string' ? labelValueError(value) : 'must be a string';
    if (valueErr) out.push(cause.invalid(`${field}[${key}]`, value, valueErr));
  }
  return out;
}

/** Metadata rules shared by every resource; the name rule is the kind's (DNS label, subdomain or path segment). */
export function validateMetadata(object: KubeObject, rule: NameRule): FieldCause[] {
  const m = object.metadata;
  const out = validateName(m.name, 'metadata.name', rule);
  out.push(...validateLabels(m.labels, 'metadata.labels'));
  if (m.annotations !== undefined) {
    for (const key of Object.keys(m.annotations)) {
      const err = labelKeyError(key);
      if (err) out.push(cause.invalid('metadata.annotations', key, err));
    }
    if (JSON.stringify(m.annotations).length > 256 * 1024) out.push(cause.tooLong('metadata.annotations', 262144));
  }
  out.push(...validateOwnerReferences(m.ownerReferences));
  if (m.finalizers !== undefined && (!Array.isArray(m.finalizers) || m.finalizers.some((f) => typeof f !== 'string'))) {
    out.push(cause.invalid('metadata.finalizers', m.finalizers, 'must be a list of strings'));
  }
  return out;
}

function validateOwnerReferences(refs: unknown): FieldCause[] {
  if (refs === undefined) return [];
  if (!Array.isArray(refs)) return [cause.invalid('metadata.ownerReferences', refs, 'must be a list')];
  const out: FieldCause[] = [];
  refs.forEach((ref: unknown, i) => {
    const r = (typeof ref === 'object' && ref !== null ? ref : {}) as Record<string, unknown>;
    for (const f of ['apiVersion', 'kind', 'name', 'uid']) {
      if (typeof r[f] !== 'string' || r[f] === '') out.push(cause.required(`metadata.ownerReferences[${i}].${f}`));
    }
  });
  const controllers = refs.filter((r: unknown) => (r as { controller?: unknown } | null)?.controller === true);
  if (controllers.length > 1) {
    out.push(cause.invalid('metadata.ownerReferences', refs, 'Only one reference can have Controller set to true'));
  }
  return out;
}

const IANA_SVC_NAME = /^[-a-z0-9]+$/;

function validatePortName(name: string, field: string): FieldCause[] {
  if (name.length > 15) return [cause.invalid(field, name, 'must be no more than 15 characters')];
  if (!IANA_SVC_NAME.test(name))
    return [cause.invalid(field, name, 'must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)')];
  if (name.includes('--')) return [cause.invalid(field, name, 'must not contain consecutive hyphens')];
  if (!/[a-z]/.test(name)) return [cause.invalid(field, name, 'must contain at least one letter (a-z)')];
  if (name.startsWith('-') || name.endsWith('-'))
    return [cause.invalid(field, name, 'must not begin or end with a hyphen')];
  return [];
}

interface ContainerLike {
  name?: unknown;
  image?: unknown;
  ports?: { name?: unknown; containerPort?: unknown; hostPort?: unknown; protocol?: unknown }[];
  resources?: { requests?: Record<string, unknown>; limits?: Record<string, unknown> };
}

/** Throws the 400 decode error for malformed quantities before any 422 is built, as the real decoder does. */
export function checkQuantities(object: KubeObject, containers: ContainerLike[]): void {
  for (const c of containers) {
    for (const map of [c.resources?.requests, c.resources?.limits]) {
      for (const value of Object.values(map ?? {})) {
        if (typeof value === 'number') continue;
        if (typeof value !== 'string' || !QUANTITY_PATTERN.test(value) || parseQuantity(value) === undefined) {
          throw quantityDecodeError(object.kind, object.apiVersion);
        }
      }
    }
  }
}

function validateContainers(list: unknown, field: string, names: Set<string>): FieldCause[] {
  if (!Array.isArray(list)) return [];
  const out: FieldCause[] = [];
  (list as ContainerLike[]).forEach((c, i) => {
    const path = `${field}[${i}]`;
    if (typeof c.name !== 'string' || c.name === '') out.push(cause.required(`${path}.name`));
    else if (c.name.length > 63 || !DNS_LABEL.test(c.name)) out.push(cause.invalid(`${path}.name`, c.name, LABEL_MSG));
    else if (names.has(c.name)) out.push(cause.duplicate(`${path}.name`, c.name));
    else names.add(c.name);
    if (typeof c.image !== 'string' || c.image.trim() === '') out.push(cause.required(`${path}.image`));
    const portNames = new Set<string>();
    (c.ports ?? []).forEach((p, j) => {
      const pp = `${path}.ports[${j}]`;
      if (typeof p.name === 'string' && p.name !== '') {
        out.push(...validatePortName(p.name, `${pp}.name`));
        if (portNames.has(p.name)) out.push(cause.duplicate(`${pp}.name`, p.name));
        portNames.add(p.name);
      }
      if (p.containerPort === undefined || p.containerPort === 0) out.push(cause.required(`${pp}.containerPort`));
      else if (typeof p.containerPort !== 'number' || p.containerPort < 1 || p.containerPort > 65535) {
        out.push(cause.invalid(`${pp}.containerPort`, p.containerPort, 'must be between 1 and 65535, inclusive'));
      }
      if (p.hostPort !== undefined && p.hostPort !== 0) {
        if (typeof p.hostPort !== 'number' || p.hostPort < 1 || p.hostPort > 65535) {
          out.push(cause.invalid(`${pp}.hostPort`, p.hostPort, 'must be between 1 and 65535, inclusive'));
        }
      }
      if (p.protocol !== undefined && !['TCP', 'UDP', 'SCTP'].includes(String(p.protocol))) {
        out.push(cause.notSupported(`${pp}.protocol`, p.protocol, ['SCTP', 'TCP', 'UDP']));
      }
    });
    const requests = c.resources?.requests ?? {};
    const limits = c.resources?.limits ?? {};
    for (const [res, req] of Object.entries(requests)) {
      const limit = limits[res];
      if (limit === undefined) continue;
      const r = parseQuantity(req);
      const l = parseQuantity(limit);
      if (r !== undefined && l !== undefined && r > l) {
        out.push(
          cause.invalid(
            `${path}.resources.requests`,
            req,
            `must be less than or equal to ${res} limit of ${String(limit)}`,
          ),
        );
      }
    }
  });
  return out;
}

/** Pod spec rules (containers, ports, resources, restartPolicy); `field` is the path of the spec. */
export function validatePodSpec(spec: unknown, field: string): FieldCause[] {
  if (typeof spec !== 'object' || spec === null) return [cause.required(field)];
  const s = spec as Record<string, unknown>;
  const out: FieldCause[] = [];
  if (!Array.isArray(s.containers) || s.containers.length === 0) out.push(cause.required(`${field}.containers`));
  const names = new Set<string>();
  out.push(...validateContainers(s.containers, `${field}.containers`, names));
  out.push(...validateContainers(s.initContainers, `${field}.initContainers`, names));
  if (s.restartPolicy !== undefined && !['Always', 'OnFailure', 'Never'].includes(String(s.restartPolicy))) {
    out.push(cause.notSupported(`${field}.restartPolicy`, s.restartPolicy, ['Always', 'Never', 'OnFailure']));
  }
  if (s.nodeSelector !== undefined) out.push(...validateLabels(s.nodeSelector, `${field}.nodeSelector`));
  return out;
}

export function podContainers(spec: unknown): ContainerLike[] {
  if (typeof spec !== 'object' || spec === null) return [];
  const s = spec as { containers?: unknown; initContainers?: unknown };
  return [
    ...(Array.isArray(s.containers) ? (s.containers as ContainerLike[]) : []),
    ...(Array.isArray(s.initContainers) ? (s.initContainers as ContainerLike[]) : []),
  ];
}
