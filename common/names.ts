// Kubernetes' name syntax rules (k8s.io/apimachinery/pkg/util/validation), as the API server applies them: one copy
// for the wizard's and the editor's checks, the backend's argument checks and the contract's schemas.

const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const QUALIFIED_NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;
const IANA_SVC_NAME = /^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/;
const ENV_VAR_NAME = /^[-._a-zA-Z][-._a-zA-Z0-9]*$/;

/** The longest DNS-1123 label (a namespace's or a service's name, a label value, a qualified name's name part). */
export const DNS1123_LABEL_MAX = 63;
/** The longest DNS-1123 subdomain (most objects' names, a qualified name's prefix). */
export const DNS1123_SUBDOMAIN_MAX = 253;

/** A DNS-1123 label: at most 63 lowercase alphanumerics or '-', starting and ending with an alphanumeric. */
export const isDnsLabel = (s: string): boolean => s.length <= DNS1123_LABEL_MAX && DNS1123_LABEL.test(s);

/** A DNS-1123 subdomain: dot-separated labels, at most 253 characters in all. */
export const isDnsSubdomain = (s: string): boolean => s.length <= DNS1123_SUBDOMAIN_MAX && DNS1123_SUBDOMAIN.test(s);

/** The name part of a qualified name (after any `prefix/`): 1 to 63 alphanumerics, '-', '_' or '.'. */
export const isQualifiedNamePart = (name: string): boolean =>
  name.length <= DNS1123_LABEL_MAX && QUALIFIED_NAME.test(name);

/** A label or annotation key: an optional DNS subdomain prefix and `/`, then a name of at most 63 characters. */
export function isQualifiedName(key: string): boolean {
  const parts = key.split('/');
  if (parts.length > 2) return false;
  const name = parts.length === 2 ? (parts[1] ?? '') : key;
  if (parts.length === 2 && !isDnsSubdomain(parts[0] ?? '')) return false;
  return isQualifiedNamePart(name);
}

/** A label value: empty, or at most 63 alphanumerics, '-', '_' or '.', starting and ending with an alphanumeric. */
export const isLabelValue = (value: string): boolean => value.length <= DNS1123_LABEL_MAX && LABEL_VALUE.test(value);

/** A port name: at most 15 characters, lowercase alphanumerics and single inner hyphens, with at least one letter. */
export function isPortName(name: string): boolean {
  return name.length <= 15 && IANA_SVC_NAME.test(name) && !name.includes('--') && /[a-z]/.test(name);
}

/** An environment variable's name: letters, digits, '-', '.' and '_', not starting with a digit. */
export const isEnvVarName = (name: string): boolean => ENV_VAR_NAME.test(name);
