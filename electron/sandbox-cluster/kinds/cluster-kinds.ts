// The smaller groups: storage.k8s.io (StorageClass, CSIDriver, CSINode), scheduling.k8s.io (PriorityClass),
// coordination.k8s.io (Lease), admissionregistration.k8s.io (webhook configurations: stored and validated; the
// sandbox never calls a webhook) and discovery.k8s.io (EndpointSlice).
import { isDeepStrictEqual } from 'node:util';
import { forbidden, type FieldCause } from '../errors.js';
import {
  defaultPriorityClass,
  validatePriorityClass,
  validatePriorityClassUpdate,
} from '../registry/priority-classes.js';
import { cause, validateName } from '../registry/validation.js';
import { systemPriorityClasses } from '../seed/bootstrap.js';
import type { KubeObject } from '../types.js';
import * as columns from './columns.js';
import { builtin, type KindDescriptor, type KindStrategy } from './descriptor.js';

type Json = Record<string, unknown>;
const arr = (v: unknown): Json[] => (Array.isArray(v) ? (v as Json[]) : []);
const gv = (group: string, prefix: string) => ({ group, version: 'v1', prefix });
const STORAGE = gv('storage.k8s.io', 'io.k8s.api.storage.v1');
const SCHEDULING = gv('scheduling.k8s.io', 'io.k8s.api.scheduling.v1');
const COORDINATION = gv('coordination.k8s.io', 'io.k8s.api.coordination.v1');
const ADMISSION = gv('admissionregistration.k8s.io', 'io.k8s.api.admissionregistration.v1');
const DISCOVERY = gv('discovery.k8s.io', 'io.k8s.api.discovery.v1');

function immutable(fields: string[], message: (f: string) => string): KindStrategy['validateUpdate'] {
  return (o, old) => fields.filter((f) => !isDeepStrictEqual(o[f], old[f])).map((f) => cause.forbidden(f, message(f)));
}

const storageClassStrategy: KindStrategy = {
  defaults(sc) {
    sc.reclaimPolicy ??= 'Delete';
    sc.volumeBindingMode ??= 'Immediate';
  },
  validate(sc) {
    const out: FieldCause[] = [];
    if (typeof sc.provisioner !== 'string' || sc.provisioner === '') out.push(cause.required('provisioner'));
    if (!['Delete', 'Retain'].includes(String(sc.reclaimPolicy)))
      out.push(cause.notSupported('reclaimPolicy', sc.reclaimPolicy, ['Delete', 'Retain']));
    if (!['Immediate', 'WaitForFirstConsumer'].includes(String(sc.volumeBindingMode)))
      out.push(cause.notSupported('volumeBindingMode', sc.volumeBindingMode, ['Immediate', 'WaitForFirstConsumer']));
    return out;
  },
  validateUpdate: immutable(['parameters', 'provisioner', 'reclaimPolicy'], (f) => `updates to ${f} are forbidden.`),
};

const csiDriverStrategy: KindStrategy = {
  defaults(d) {
    const spec = (d.spec ??= {}) as Json;
    spec.attachRequired ??= true;
    spec.podInfoOnMount ??= false;
    spec.storageCapacity ??= false;
    spec.fsGroupPolicy ??= 'ReadWriteOnceWithFSType';
    spec.requiresRepublish ??= false;
    spec.seLinuxMount ??= false;
    spec.volumeLifecycleModes ??= ['Persistent'];
  },
  validate(d) {
    const out: FieldCause[] = [];
    if (d.metadata.name.length > 63) out.push(cause.tooLong('metadata.name', 63));
    const modes = Array.isArray(d.spec?.volumeLifecycleModes) ? (d.spec.volumeLifecycleModes as unknown[]) : [];
    modes.forEach((m, i) => {
      if (m !== 'Persistent' && m !== 'Ephemeral')
        out.push(cause.notSupported(`spec.volumeLifecycleModes[${i}]`, m, ['Ephemeral', 'Persistent']));
    });
    const policy = d.spec?.fsGroupPolicy;
    if (!['File', 'None', 'ReadWriteOnceWithFSType'].includes(String(policy)))
      out.push(cause.notSupported('spec.fsGroupPolicy', policy, ['File', 'None', 'ReadWriteOnceWithFSType']));
    return out;
  },
  validateUpdate(d, old) {
    return isDeepStrictEqual(d.spec?.attachRequired, old.spec?.attachRequired)
      ? []
      : [cause.invalid('spec.attachRequired', d.spec?.attachRequired, 'field is immutable')];
  },
};

const csiNodeStrategy: KindStrategy = {
  validate(n) {
    const out: FieldCause[] = [];
    const names = new Set<unknown>();
    arr(n.spec?.drivers).forEach((d, i) => {
      const p = `spec.drivers[${i}]`;
      if (typeof d.name !== 'string' || d.name === '') out.push(cause.required(`${p}.name`));
      else if (names.has(d.name)) out.push(cause.duplicate(`${p}.name`, d.name));
      names.add(d.name);
      if (typeof d.nodeID !== 'string' || d.nodeID === '') out.push(cause.required(`${p}.nodeID`));
    });
    return out;
  },
};

const priorityClassStrategy: KindStrategy = {
  defaults: defaultPriorityClass,
  validate: validatePriorityClass,
  validateUpdate: validatePriorityClassUpdate,
  beforeDelete(pc) {
    if (systemPriorityClasses().some((s) => s.metadata.name === pc.metadata.name)) {
      throw forbidden(
        `priorityclasses.scheduling.k8s.io "${pc.metadata.name}" is forbidden: this is a system priority class and cannot be deleted`,
        { name: pc.metadata.name, group: 'scheduling.k8s.io', kind: 'priorityclasses' },
      );
    }
  },
};

const leaseStrategy: KindStrategy = {
  validate(lease) {
    const d = lease.spec?.leaseDurationSeconds;
    return d !== undefined && (typeof d !== 'number' || d <= 0)
      ? [cause.invalid('spec.leaseDurationSeconds', d, 'must be greater than 0')]
      : [];
  },
};

function validateWebhooks(o: KubeObject, mutating: boolean): FieldCause[] {
  const out: FieldCause[] = [];
  const names = new Set<unknown>();
  arr(o.webhooks).forEach((w, i) => {
    const p = `webhooks[${i}]`;
    const name = w.name;
    if (typeof name !== 'string' || name === '') out.push(cause.required(`${p}.name`));
    else {
      out.push(...validateName(name, `${p}.name`, 'subdomain'));
      if (name.split('.').length < 3)
        out.push(cause.invalid(`${p}.name`, name, 'should be a domain with at least three segments separated by dots'));
      if (names.has(name)) out.push(cause.duplicate(`${p}.name`, name));
      names.add(name);
    }
    if (arr(w.admissionReviewVersions).length === 0)
      out.push(cause.required(`${p}.admissionReviewVersions`, 'must specify one of v1, v1beta1'));
    if (w.sideEffects === undefined)
      out.push(cause.required(`${p}.sideEffects`, 'must specify one of None, NoneOnDryRun'));
    else if (w.sideEffects !== 'None' && w.sideEffects !== 'NoneOnDryRun')
      out.push(cause.notSupported(`${p}.sideEffects`, w.sideEffects, ['None', 'NoneOnDryRun']));
    const config = (w.clientConfig ?? {}) as Json;
    if ((config.url === undefined) === (config.service === undefined))
      out.push(cause.required(`${p}.clientConfig`, 'exactly one of url or service is required'));
    if (!['Fail', 'Ignore'].includes(String(w.failurePolicy)))
      out.push(cause.notSupported(`${p}.failurePolicy`, w.failurePolicy, ['Fail', 'Ignore']));
    const t = w.timeoutSeconds;
    if (typeof t === 'number' && (t < 1 || t > 30))
      out.push(cause.invalid(`${p}.timeoutSeconds`, t, 'the timeout value must be between 1 and 30 seconds'));
    if (mutating && !['IfNeeded', 'Never'].includes(String(w.reinvocationPolicy)))
      out.push(cause.notSupported(`${p}.reinvocationPolicy`, w.reinvocationPolicy, ['IfNeeded', 'Never']));
  });
  return out;
}

function webhookStrategy(mutating: boolean): KindStrategy {
  return {
    defaults(o) {
      for (const w of arr(o.webhooks)) {
        w.failurePolicy ??= 'Fail';
        w.matchPolicy ??= 'Equivalent';
        w.timeoutSeconds ??= 10;
        w.namespaceSelector ??= {};
        w.objectSelector ??= {};
        if (mutating) w.reinvocationPolicy ??= 'Never';
        for (const r of arr(w.rules)) r.scope ??= '*';
        const svc = (w.clientConfig as Json | undefined)?.service as Json | undefined;
        if (svc) svc.port ??= 443;
      }
    },
    validate: (o) => validateWebhooks(o, mutating),
  };
}

const endpointSliceStrategy: KindStrategy = {
  validate(s) {
    const out: FieldCause[] = [];
    if (!['FQDN', 'IPv4', 'IPv6'].includes(String(s.addressType)))
      out.push(cause.notSupported('addressType', s.addressType, ['FQDN', 'IPv4', 'IPv6']));
    arr(s.endpoints).forEach((e, i) => {
      if (arr(e.addresses).length === 0)
        out.push(cause.required(`endpoints[${i}].addresses`, 'must contain at least 1 address'));
    });
    return out;
  },
};

export const CLUSTER_KINDS: KindDescriptor[] = [
  builtin(STORAGE, 'StorageClass', 'storageclasses', {
    namespaced: false,
    shortNames: ['sc'],
    strategy: storageClassStrategy,
    columns: columns.STORAGE_CLASS_COLUMNS,
  }),
  builtin(STORAGE, 'CSIDriver', 'csidrivers', {
    namespaced: false,
    strategy: csiDriverStrategy,
    columns: columns.CSI_DRIVER_COLUMNS,
  }),
  builtin(STORAGE, 'CSINode', 'csinodes', {
    namespaced: false,
    strategy: csiNodeStrategy,
    columns: columns.CSI_NODE_COLUMNS,
  }),
  builtin(SCHEDULING, 'PriorityClass', 'priorityclasses', {
    namespaced: false,
    shortNames: ['pc'],
    strategy: priorityClassStrategy,
    columns: columns.PRIORITY_CLASS_COLUMNS,
  }),
  builtin(COORDINATION, 'Lease', 'leases', { strategy: leaseStrategy, columns: columns.LEASE_COLUMNS }),
  builtin(ADMISSION, 'MutatingWebhookConfiguration', 'mutatingwebhookconfigurations', {
    namespaced: false,
    categories: ['api-extensions'],
    generation: true,
    strategy: webhookStrategy(true),
    columns: columns.WEBHOOK_CONFIGURATION_COLUMNS,
  }),
  builtin(ADMISSION, 'ValidatingWebhookConfiguration', 'validatingwebhookconfigurations', {
    namespaced: false,
    categories: ['api-extensions'],
    generation: true,
    strategy: webhookStrategy(false),
    columns: columns.WEBHOOK_CONFIGURATION_COLUMNS,
  }),
  builtin(DISCOVERY, 'EndpointSlice', 'endpointslices', {
    strategy: endpointSliceStrategy,
    columns: columns.ENDPOINT_SLICE_COLUMNS,
  }),
];
