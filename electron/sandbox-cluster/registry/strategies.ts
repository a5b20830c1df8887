// Per-resource rules applied by the registry on create and update: defaulting, status handling, validation.
import { isDeepStrictEqual } from 'node:util';
import { invalid, type FieldCause } from '../errors.js';
import { resourceInfo } from '../store/resources.js';
import type { KubeObject, ResourceName } from '../types.js';
import { prepareDaemonSetCreate, prepareDaemonSetUpdate, validateDaemonSet } from './daemonsets.js';
import { defaultDaemonSet, defaultPod } from './defaults.js';
import { defaultPriorityClass, validatePriorityClass } from './priority-classes.js';
import { cause, checkQuantities, podContainers, validateMetadata, validatePodSpec } from './validation.js';

export interface Strategy {
  prepareCreate(object: KubeObject): void;
  prepareUpdate(object: KubeObject, old: KubeObject): void;
  validate(object: KubeObject, old?: KubeObject): FieldCause[];
}

function hasStatusSubresource(resource: ResourceName): boolean {
  return resourceInfo(resource).subresources?.includes('status') ?? false;
}

/** Pod fields a user may change after creation (pkg/apis/core/validation ValidatePodUpdate, simplified). */
function podSpecChangeAllowed(spec: Record<string, unknown>, old: Record<string, unknown>): boolean {
  const strip = (s: Record<string, unknown>, keepNodeName: boolean): unknown => {
    const copy: Record<string, unknown> = { ...s, tolerations: undefined, activeDeadlineSeconds: undefined };
    if (!keepNodeName) copy.nodeName = undefined;
    for (const key of ['containers', 'initContainers']) {
      if (Array.isArray(copy[key]))
        copy[key] = (copy[key] as Record<string, unknown>[]).map((c) => ({ ...c, image: undefined }));
    }
    return JSON.parse(JSON.stringify(copy)) as unknown;
  };
  // Binding an unscheduled pod to a node is allowed (that is what the scheduler's binding does).
  return isDeepStrictEqual(strip(spec, old.nodeName !== undefined), strip(old, old.nodeName !== undefined));
}

const POD_UPDATE_MESSAGE =
  'pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)';

const strategies: Partial<Record<ResourceName, Partial<Strategy>>> = {
  daemonsets: {
    prepareCreate(ds) {
      defaultDaemonSet(ds);
      prepareDaemonSetCreate(ds);
    },
    prepareUpdate(ds, old) {
      defaultDaemonSet(ds);
      prepareDaemonSetUpdate(ds, old);
    },
    validate(ds, old) {
      checkQuantities(ds, podContainers(ds.spec?.template?.spec));
      return validateDaemonSet(ds, old);
    },
  },
  pods: {
    prepareCreate(pod) {
      defaultPod(pod);
      pod.status = { phase: 'Pending', qosClass: qosClass(pod) };
    },
    prepareUpdate(pod) {
      defaultPod(pod);
    },
    validate(pod, old) {
      checkQuantities(pod, podContainers(pod.spec));
      const out = validatePodSpec(pod.spec, 'spec');
      if (old && pod.spec && old.spec && !podSpecChangeAllowed(pod.spec, old.spec)) {
        out.push(cause.forbidden('spec', POD_UPDATE_MESSAGE));
      }
      return out;
    },
  },
  secrets: {
    // SetDefaults_Secret: `kubectl create secret generic` sends no type and reads back Opaque.
    prepareCreate(secret) {
      secret.type ||= 'Opaque';
    },
    prepareUpdate(secret) {
      secret.type ||= 'Opaque';
    },
  },
  priorityclasses: {
    prepareCreate: defaultPriorityClass,
    prepareUpdate: defaultPriorityClass,
    validate: validatePriorityClass,
  },
  namespaces: {
    prepareCreate(ns) {
      ns.spec = { finalizers: ['kubernetes'] };
      ns.status = { phase: 'Active' };
      ns.metadata.labels = { ...ns.metadata.labels, 'kubernetes.io/metadata.name': ns.metadata.name };
    },
  },
};

function qosClass(pod: KubeObject): string {
  const containers = podContainers(pod.spec);
  let any = false;
  let guaranteed = containers.length > 0;
  for (const c of containers) {
    const req = c.resources?.requests ?? {};
    const lim = c.resources?.limits ?? {};
    if (Object.keys(req).length > 0 || Object.keys(lim).length > 0) any = true;
    for (const r of ['cpu', 'memory']) {
      if (lim[r] === undefined || (req[r] !== undefined && req[r] !== lim[r])) guaranteed = false;
    }
  }
  if (!any) return 'BestEffort';
  return guaranteed ? 'Guaranteed' : 'Burstable';
}

/** Runs the strategy for a create; throws 422 Invalid (or 400 for undecodable values). */
export function prepareCreate(resource: ResourceName, object: KubeObject): void {
  const s = strategies[resource];
  if (hasStatusSubresource(resource) && resource !== 'nodes') delete object.status;
  s?.prepareCreate?.(object);
  const causes = validateMetadata(object, resource === 'namespaces');
  causes.push(...(s?.validate?.(object) ?? []));
  if (causes.length > 0) throw invalidFor(resource, object, causes);
}

/** Runs the strategy for an update of the main resource (status comes from the old object). */
export function prepareUpdate(resource: ResourceName, object: KubeObject, old: KubeObject): void {
  const s = strategies[resource];
  if (hasStatusSubresource(resource)) object.status = old.status;
  s?.prepareUpdate?.(object, old);
  const causes = validateMetadata(object, resource === 'namespaces');
  causes.push(...(s?.validate?.(object, old) ?? []));
  if (causes.length > 0) throw invalidFor(resource, object, causes);
}

export function invalidFor(resource: ResourceName, object: KubeObject, causes: FieldCause[]) {
  const info = resourceInfo(resource);
  return invalid(info.kind, info.group, object.metadata.name || object.metadata.generateName || '', causes);
}
