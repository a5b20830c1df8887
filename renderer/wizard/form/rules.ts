// Kubernetes' syntax rules (k8s.io/apimachinery/pkg/util/validation), as the API server applies them. The one copy in
// the renderer: the editor's checks (editor/rules.ts) word their messages over these predicates.

const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const QUALIFIED_NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;
const IANA_SVC_NAME = /^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/;
const ENV_VAR_NAME = /^[-._a-zA-Z][-._a-zA-Z0-9]*$/;

export const isDnsLabel = (s: string): boolean => s.length <= 63 && DNS1123_LABEL.test(s);
export const isDnsSubdomain = (s: string): boolean => s.length <= 253 && DNS1123_SUBDOMAIN.test(s);

/** The name part of a qualified name (after any `prefix/`): 1 to 63 alphanumerics, '-', '_' or '.'. */
export const isQualifiedNamePart = (name: string): boolean => name.length <= 63 && QUALIFIED_NAME.test(name);

/** A label or annotation key: an optional DNS subdomain prefix and `/`, then a name of at most 63 characters. */
export function isQualifiedName(key: string): boolean {
  const parts = key.split('/');
  if (parts.length > 2) return false;
  const name = parts.length === 2 ? (parts[1] ?? '') : key;
  if (parts.length === 2 && !isDnsSubdomain(parts[0] ?? '')) return false;
  return isQualifiedNamePart(name);
}

export const isLabelValue = (value: string): boolean => value.length <= 63 && LABEL_VALUE.test(value);

/** A port name: at most 15 characters, lowercase alphanumerics and single inner hyphens, with at least one letter. */
export function isPortName(name: string): boolean {
  return name.length <= 15 && IANA_SVC_NAME.test(name) && !name.includes('--') && /[a-z]/.test(name);
}

export const isEnvVarName = (name: string): boolean => ENV_VAR_NAME.test(name);

export const isPort = (n: number): boolean => Number.isInteger(n) && n >= 1 && n <= 65535;

/** An image reference without a tag or digest (`nginx`, `registry:5000/app`) pulls `latest`. */
export function imageLacksTag(image: string): boolean {
  const trimmed = image.trim();
  if (trimmed === '' || trimmed.includes('@')) return false;
  const lastSegment = trimmed.slice(trimmed.lastIndexOf('/') + 1);
  return !lastSegment.includes(':') || lastSegment.endsWith(':latest');
}
