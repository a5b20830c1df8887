import { HOST_PATH_TYPES } from '../../wizard/form/rules';

// A field's allowed values when the schema does not list them as `enum`: kubernetes-types (the bundled schemas) and
// the sandbox carry only descriptions, and some descriptions word their values irregularly.

/**
 * Values Kubernetes defines as typed constants (k8s.io/api core/v1 and apps/v1 types.go) whose descriptions do not
 * list them in a form enumFromDescription reads. Keyed by the definition's short name and field.
 */
const KNOWN: Record<string, string[]> = {
  'Toleration.operator': ['Exists', 'Equal'],
  'Toleration.effect': ['NoSchedule', 'PreferNoSchedule', 'NoExecute'],
  'NodeSelectorRequirement.operator': ['In', 'NotIn', 'Exists', 'DoesNotExist', 'Gt', 'Lt'],
  'LabelSelectorRequirement.operator': ['In', 'NotIn', 'Exists', 'DoesNotExist'],
  'PodSpec.dnsPolicy': ['ClusterFirstWithHostNet', 'ClusterFirst', 'Default', 'None'],
  'HostPathVolumeSource.type': HOST_PATH_TYPES,
  'ContainerPort.protocol': ['TCP', 'UDP', 'SCTP'],
  'ServicePort.protocol': ['TCP', 'UDP', 'SCTP'],
  'Container.terminationMessagePolicy': ['File', 'FallbackToLogsOnError'],
  'PodSpec.preemptionPolicy': ['PreemptLowerPriority', 'Never'],
  'TopologySpreadConstraint.whenUnsatisfiable': ['DoNotSchedule', 'ScheduleAnyway'],
};

const VALUE = `["'\`]?[A-Z][A-Za-z0-9]*["'\`]?`;
const LIST = new RegExp(
  `\\b(?:One of|one of|Valid values are:?|Must be one of:?|Must be|Can be)\\s+((?:${VALUE}(?:,\\s*(?:or\\s+|and\\s+)?|,?\\s+or\\s+|,?\\s+and\\s+))+${VALUE})`,
);

/** Enum values the upstream descriptions spell out ("One of Always, Never, IfNotPresent.", "Must be UDP, TCP, or SCTP"). */
export function enumFromDescription(text: string): string[] | undefined {
  const possible = /Possible enum values:\s*((?:\n\s*- `"[^"`]*"`[^\n]*)+)/.exec(text)?.[1];
  if (possible) {
    const values = [...possible.matchAll(/- `"([^"`]*)"`/g)].map((m) => m[1] ?? '').filter(Boolean);
    if (values.length >= 2) return [...new Set(values)];
  }
  const oneOf = LIST.exec(text);
  if (!oneOf?.[1]) return undefined;
  const values = oneOf[1]
    .split(/,\s*(?:or\s+|and\s+)?|\s+or\s+|\s+and\s+/)
    .map((v) => v.replace(/["'`]/g, '').trim())
    .filter(Boolean);
  return values.length >= 2 ? [...new Set(values)] : undefined;
}

/** The allowed values of a string field: the table's, else the description's (undefined: any string). */
export function enumOf(definition: string, field: string, description: string | undefined): string[] | undefined {
  const short = definition.slice(Math.max(definition.lastIndexOf('.'), definition.lastIndexOf('/')) + 1);
  return KNOWN[`${short}.${field}`] ?? (description ? enumFromDescription(description) : undefined);
}
