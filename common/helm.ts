// Helm's ownership marks on an object it installed (Helm 3 sets them on every object of a release): one reading for
// the backend's rows and the renderer's badge and edit warning.

export const HELM_RELEASE_NAME = 'meta.helm.sh/release-name';
export const HELM_RELEASE_NAMESPACE = 'meta.helm.sh/release-namespace';
export const MANAGED_BY = 'app.kubernetes.io/managed-by';
export const HELM_CHART = 'helm.sh/chart';

export interface HelmOwner {
  release: string;
  namespace: string;
  /** The `helm.sh/chart` label, `<name>-<version>`, when the chart sets it. */
  chart?: string;
}

/** The release that manages an object: managed-by Helm and a release name; undefined otherwise. */
export function helmOwner(
  labels: Record<string, string> | undefined,
  annotations: Record<string, string> | undefined,
  objectNamespace: string,
): HelmOwner | undefined {
  const release = annotations?.[HELM_RELEASE_NAME];
  if (labels?.[MANAGED_BY] !== 'Helm' || release === undefined || release === '') return undefined;
  const owner: HelmOwner = { release, namespace: annotations?.[HELM_RELEASE_NAMESPACE] || objectNamespace };
  const chart = labels[HELM_CHART];
  if (chart !== undefined && chart !== '') owner.chart = chart;
  return owner;
}
