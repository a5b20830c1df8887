import type { EditorSuggestions } from '../../electron/contract/editor-dto';
import type { SchemaType } from './schema/types';

/** What the cluster can offer at a place: an image in use, a ConfigMap or Secret of the project, a node label key. */
export type ClusterValueKind = 'image' | 'configMap' | 'secret' | 'nodeLabelKey';

/** The cluster's part of a completion: which values, for the project (namespace) the document names, if any. */
export interface ClusterWant {
  kind: ClusterValueKind;
  namespace?: string;
}

// The fields that take such a value, by their definition's short name (bundled: core/v1.Container, a cluster's
// OpenAPI: io.k8s.api.core.v1.Container).
const VALUE_FIELDS: Record<string, ClusterValueKind> = {
  'Container.image': 'image',
  'EphemeralContainer.image': 'image',
  'ConfigMapVolumeSource.name': 'configMap',
  'ConfigMapProjection.name': 'configMap',
  'ConfigMapEnvSource.name': 'configMap',
  'ConfigMapKeySelector.name': 'configMap',
  'SecretVolumeSource.secretName': 'secret',
  'SecretProjection.name': 'secret',
  'SecretEnvSource.name': 'secret',
  'SecretKeySelector.name': 'secret',
  'NodeSelectorRequirement.key': 'nodeLabelKey',
};

const shortName = (ref: string): string => ref.slice(Math.max(ref.lastIndexOf('.'), ref.lastIndexOf('/')) + 1);

/** The cluster values a field's value takes: `parent` is the type of the object holding `key`, at `path`. */
export function valueKindAt(
  parent: SchemaType | undefined,
  path: readonly string[],
  key: string,
): ClusterValueKind | undefined {
  if (!parent || typeof parent === 'string' || !('ref' in parent)) return undefined;
  const short = shortName(parent.ref);
  const kind = VALUE_FIELDS[`${short}.${key}`];
  // matchFields' requirements name node fields (metadata.name), not labels.
  if (kind === 'nodeLabelKey') return path[path.length - 2] === 'matchExpressions' ? kind : undefined;
  if (kind) return kind;
  if (short === 'LocalObjectReference' && key === 'name' && path[path.length - 2] === 'imagePullSecrets')
    return 'secret';
  return undefined;
}

/** Node label keys go where a key goes inside nodeSelector (a map of labels). */
export function keyKindAt(type: SchemaType | undefined, path: readonly string[]): ClusterValueKind | undefined {
  return type && typeof type !== 'string' && 'map' in type && path[path.length - 1] === 'nodeSelector'
    ? 'nodeLabelKey'
    : undefined;
}

const LISTS: Record<ClusterValueKind, keyof EditorSuggestions> = {
  image: 'images',
  configMap: 'configMaps',
  secret: 'secrets',
  nodeLabelKey: 'nodeLabelKeys',
};

/** A completion item of the cluster's (completion.ts's CompletionItem, which this file must not import: a cycle). */
export interface ClusterItem {
  label: string;
  apply: string;
  type: 'constant';
  source: ClusterValueKind;
}

/** The completion items for the cluster's values of one kind; `apply` words each as the format inserts it. */
export function clusterItems(
  kind: ClusterValueKind,
  values: EditorSuggestions | undefined,
  apply: (value: string) => string,
): ClusterItem[] {
  return (values?.[LISTS[kind]] ?? []).map((value) => ({
    label: value,
    apply: apply(value),
    type: 'constant',
    source: kind,
  }));
}
