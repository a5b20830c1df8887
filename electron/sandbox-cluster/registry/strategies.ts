// The generic half of every kind's strategy (k8s.io/apiserver's rest.BeforeCreate/BeforeUpdate): status handling for
// kinds with a status subresource, generation, metadata validation; then the kind's own hooks from its descriptor.
// The strategies of the kinds served since the first round (pods, DaemonSets, Secrets, Namespaces) live here too.
import { isDeepStrictEqual } from 'node:util';
import { invalid, type FieldCause } from '../errors.js';
import type { KindDescriptor, KindStrategy, ValidationEnv } from '../kinds/descriptor.js';
import type { KubeObject } from '../types.js';
import { prepareDaemonSetCreate, prepareDaemonSetUpdate, validateDaemonSet } from './daemonsets.js';
import { defaultDaemonSet, defaultPod } from './defaults.js';
import {
  cause,
  checkQuantities,
  goLabelSelector,
  podContainers,
  validateMetadata,
  validatePodSpec,
} from './validation.js';

function hasStatus(d: KindDescriptor): boolean {
  return d.subresources?.includes('status') ?? false;
}

/** Everything but metadata and status: what a generation counts. */
function specPart(o: KubeObject): unknown {
  return { ...o, metadata: undefined, status: undefined, apiVersion: undefined, kind: undefined };
}

/** Runs the strategy for a create; throws 422 Invalid (or 400 for undecodable values). */
export function prepareCreate(d: KindDescriptor, object: KubeObject, env: ValidationEnv): void {
  const s = d.strategy;
  if (hasStatus(d) && !d.statusOnCreate) delete object.status;
  if (d.generation) object.metadata.generation = 1;
  s?.prepareForCreate?.(object, env);
  s?.decodeCheck?.(object);
  const causes = validateMetadata(object, d.nameRule ?? 'subdomain');
  causes.push(...(s?.validate?.(object, env) ?? []));
  if (causes.length > 0) throw invalidFor(d, object, causes);
}

/** Runs the strategy for an update of the main resource (status comes from the old object). */
export function prepareUpdate(d: KindDescriptor, object: KubeObject, old: KubeObject, env: ValidationEnv): void {
  const s = d.strategy;
  if (hasStatus(d)) {
    if (old.status === undefined) delete object.status;
    else object.status = old.status;
  }
  if (d.generation) {
    const previous = old.metadata.generation ?? 1;
    object.metadata.generation = isDeepStrictEqual(specPart(object), specPart(old)) ? previous : previous + 1;
  }
  s?.prepareForUpdate?.(object, old, env);
  s?.decodeCheck?.(object);
  const causes = validateMetadata(object, d.nameRule ?? 'subdomain');
  causes.push(...(s?.validate?.(object, env) ?? []));
  causes.push(...(s?.validateUpdate?.(object, old, env) ?? []));
  if (causes.length > 0) throw invalidFor(d, object, causes);
}

export function invalidFor(d: Pick<KindDescriptor, 'kind' | 'group'>, object: KubeObject, causes: FieldCause[]) {
  return invalid(d.kind, d.group, object.metadata.name || object.metadata.generateName || '', causes);
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

export const daemonSetStrategy: KindStrategy = {
  defaults: defaultDaemonSet,
  prepareForCreate: prepareDaemonSetCreate,
  prepareForUpdate: prepareDaemonSetUpdate,
  decodeCheck: (ds) => checkQuantities(ds, podContainers(ds.spec?.template?.spec)),
  validate: (ds) => validateDaemonSet(ds),
  validateUpdate: (ds, old) =>
    isDeepStrictEqual(ds.spec?.selector, old.spec?.selector)
      ? []
      : [cause.invalidRendered('spec.selector', goLabelSelector(ds.spec?.selector), 'field is immutable')],
};

export const podStrategy: KindStrategy = {
  defaults: defaultPod,
  prepareForCreate(pod) {
    pod.status = { phase: 'Pending', qosClass: qosClass(pod) };
  },
  decodeCheck: (pod) => checkQuantities(pod, podContainers(pod.spec)),
  validate: (pod) => validatePodSpec(pod.spec, 'spec'),
  validateUpdate(pod, old) {
    if (pod.spec && old.spec && !podSpecChangeAllowed(pod.spec, old.spec)) {
      return [cause.forbidden('spec', POD_UPDATE_MESSAGE)];
    }
    return [];
  },
};

export const secretStrategy: KindStrategy = {
  // SetDefaults_Secret: `kubectl create secret generic` sends no type and reads back Opaque.
  defaults(secret) {
    secret.type ||= 'Opaque';
    // The v1 -> internal conversion (Convert_v1_Secret_To_core_Secret): stringData is write-only, merged into data
    // as base64 (its keys win over data's) and never stored, on create, update, patch and apply alike.
    const strings = secret.stringData;
    if (strings !== undefined) {
      if (typeof strings === 'object' && strings !== null && !Array.isArray(strings)) {
        const data = typeof secret.data === 'object' && secret.data !== null ? { ...(secret.data as object) } : {};
        for (const [key, value] of Object.entries(strings)) {
          (data as Record<string, unknown>)[key] = Buffer.from(String(value), 'utf8').toString('base64');
        }
        secret.data = data;
      }
      delete secret.stringData;
    }
  },
  validateUpdate(secret, old) {
    const out: FieldCause[] = [];
    if (secret.type !== old.type) out.push(cause.invalid('type', secret.type, 'field is immutable'));
    if (old.immutable === true && (!isDeepStrictEqual(secret.data, old.data) || secret.immutable !== true)) {
      out.push(cause.forbidden('data', 'field is immutable when `immutable` is set'));
    }
    return out;
  },
};

export const configMapStrategy: KindStrategy = {
  validateUpdate(cm, old) {
    if (old.immutable !== true) return [];
    const same = isDeepStrictEqual(cm.data, old.data) && isDeepStrictEqual(cm.binaryData, old.binaryData);
    return same && cm.immutable === true ? [] : [cause.forbidden('data', 'field is immutable when `immutable` is set')];
  },
};

export const namespaceStrategy: KindStrategy = {
  prepareForCreate(ns) {
    ns.spec = { finalizers: ['kubernetes'] };
    ns.status = { phase: 'Active' };
    ns.metadata.labels = { ...ns.metadata.labels, 'kubernetes.io/metadata.name': ns.metadata.name };
  },
  prepareForUpdate(ns, old) {
    // spec.finalizers change only through /finalize (the namespace controller's last step).
    ns.spec = old.spec;
    ns.metadata.labels = { ...ns.metadata.labels, 'kubernetes.io/metadata.name': ns.metadata.name };
  },
};
