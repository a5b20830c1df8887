// The resources the sandbox serves, described once: discovery, routing, RBAC wording and Table output all read this.
import type { ResourceName } from '../types.js';

export interface ResourceInfo {
  name: ResourceName;
  group: string;
  version: string;
  kind: string;
  singular: string;
  namespaced: boolean;
  shortNames?: string[];
  categories?: string[];
  /** Subresources served besides the main resource (discovery lists them as `<name>/<sub>`). */
  subresources?: string[];
}

const CORE = { group: '', version: 'v1' };
const APPS = { group: 'apps', version: 'v1' };
const SCHEDULING = { group: 'scheduling.k8s.io', version: 'v1' };

export const RESOURCES: readonly ResourceInfo[] = [
  {
    ...CORE,
    name: 'namespaces',
    kind: 'Namespace',
    singular: 'namespace',
    namespaced: false,
    shortNames: ['ns'],
    subresources: ['status'],
  },
  {
    ...CORE,
    name: 'nodes',
    kind: 'Node',
    singular: 'node',
    namespaced: false,
    shortNames: ['no'],
    subresources: ['status'],
  },
  {
    ...CORE,
    name: 'pods',
    kind: 'Pod',
    singular: 'pod',
    namespaced: true,
    shortNames: ['po'],
    categories: ['all'],
    subresources: ['status', 'log'],
  },
  { ...CORE, name: 'events', kind: 'Event', singular: 'event', namespaced: true, shortNames: ['ev'] },
  { ...CORE, name: 'configmaps', kind: 'ConfigMap', singular: 'configmap', namespaced: true, shortNames: ['cm'] },
  { ...CORE, name: 'secrets', kind: 'Secret', singular: 'secret', namespaced: true },
  {
    ...CORE,
    name: 'persistentvolumeclaims',
    kind: 'PersistentVolumeClaim',
    singular: 'persistentvolumeclaim',
    namespaced: true,
    shortNames: ['pvc'],
    subresources: ['status'],
  },
  {
    ...CORE,
    name: 'resourcequotas',
    kind: 'ResourceQuota',
    singular: 'resourcequota',
    namespaced: true,
    shortNames: ['quota'],
    subresources: ['status'],
  },
  {
    ...CORE,
    name: 'serviceaccounts',
    kind: 'ServiceAccount',
    singular: 'serviceaccount',
    namespaced: true,
    shortNames: ['sa'],
  },
  {
    ...CORE,
    name: 'limitranges',
    kind: 'LimitRange',
    singular: 'limitrange',
    namespaced: true,
    shortNames: ['limits'],
  },
  {
    ...SCHEDULING,
    name: 'priorityclasses',
    kind: 'PriorityClass',
    singular: 'priorityclass',
    namespaced: false,
    shortNames: ['pc'],
  },
  {
    ...APPS,
    name: 'daemonsets',
    kind: 'DaemonSet',
    singular: 'daemonset',
    namespaced: true,
    shortNames: ['ds'],
    categories: ['all'],
    subresources: ['status'],
  },
  {
    ...APPS,
    name: 'controllerrevisions',
    kind: 'ControllerRevision',
    singular: 'controllerrevision',
    namespaced: true,
  },
];

const byName = new Map<string, ResourceInfo>(RESOURCES.map((r) => [r.name, r]));

export function resourceInfo(name: ResourceName): ResourceInfo {
  const info = byName.get(name);
  if (!info) throw new Error(`unknown resource ${name}`);
  return info;
}

/** Finds a served resource by group, version and plural name (the URL parts). */
export function findResource(group: string, version: string, name: string): ResourceInfo | undefined {
  const info = byName.get(name);
  return info && info.group === group && info.version === version ? info : undefined;
}

export function apiVersionOf(info: ResourceInfo): string {
  return info.group ? `${info.group}/${info.version}` : info.version;
}

/** `daemonsets.apps`, `pods`: how error messages name a resource. */
export function qualifiedName(info: ResourceInfo): string {
  return info.group ? `${info.name}.${info.group}` : info.name;
}

export const ALL_RESOURCE_NAMES: readonly ResourceName[] = RESOURCES.map((r) => r.name);
