// The apps group: DaemonSets (with their controller), ControllerRevisions, and Deployments, ReplicaSets and
// StatefulSets, which are stored and validated as upstream does (pkg/apis/apps/validation); the workload-status
// controller keeps their status plausible, since the sandbox runs no controller that would create their pods.
import { isDeepStrictEqual } from 'node:util';
import type { FieldCause } from '../errors.js';
import { validateIntOrPercent, validateWorkloadTemplate } from '../registry/daemonsets.js';
import { defaultPodSpec } from '../registry/defaults.js';
import { daemonSetStrategy } from '../registry/strategies.js';
import { cause, checkQuantities, goLabelSelector, podContainers } from '../registry/validation.js';
import { DAEMONSET_COLUMNS } from '../server/table.js';
import type { KubeObject } from '../types.js';
import * as columns from './columns.js';
import { builtin, type KindDescriptor, type KindStrategy } from './descriptor.js';

const APPS = { group: 'apps', version: 'v1', prefix: 'io.k8s.api.apps.v1' };
type Json = Record<string, unknown>;

function defaultTemplate(o: KubeObject): void {
  const template = o.spec?.template as Json | undefined;
  if (template && typeof template === 'object') {
    template.metadata ??= {};
    defaultPodSpec(template.spec);
  }
}

function nonNegative(spec: Json, fields: string[]): FieldCause[] {
  const out: FieldCause[] = [];
  for (const f of fields) {
    const v = spec[f];
    if (v !== undefined && (typeof v !== 'number' || !Number.isInteger(v) || v < 0)) {
      out.push(cause.invalid(`spec.${f}`, v, 'must be greater than or equal to 0'));
    }
  }
  return out;
}

function selectorImmutable(o: KubeObject, old: KubeObject): FieldCause[] {
  if (isDeepStrictEqual(o.spec?.selector, old.spec?.selector)) return [];
  return [cause.invalidRendered('spec.selector', goLabelSelector(o.spec?.selector), 'field is immutable')];
}

function workloadStrategy(
  kind: string,
  defaults: (spec: Json) => void,
  validateSpec: (spec: Json) => FieldCause[],
): KindStrategy {
  return {
    defaults(o) {
      if (typeof o.spec !== 'object' || o.spec === null) return;
      defaults(o.spec as Json);
      defaultTemplate(o);
    },
    prepareForCreate(o) {
      o.status = {};
    },
    decodeCheck: (o) => checkQuantities(o, podContainers(o.spec?.template?.spec)),
    validate(o) {
      const spec = o.spec as Json | undefined;
      if (!spec) return [cause.required('spec')];
      return [...validateWorkloadTemplate(spec, kind), ...validateSpec(spec)];
    },
    validateUpdate: selectorImmutable,
  };
}

function validateDeploymentStrategy(spec: Json): FieldCause[] {
  const out = nonNegative(spec, ['replicas', 'minReadySeconds', 'revisionHistoryLimit', 'progressDeadlineSeconds']);
  const strategy = (spec.strategy ?? {}) as { type?: unknown; rollingUpdate?: Json };
  if (strategy.type !== 'RollingUpdate' && strategy.type !== 'Recreate') {
    out.push(cause.notSupported('spec.strategy.type', strategy.type, ['Recreate', 'RollingUpdate']));
  } else if (strategy.type === 'Recreate' && strategy.rollingUpdate !== undefined) {
    out.push(cause.forbidden('spec.strategy.rollingUpdate', "may not be specified when strategy `type` is 'Recreate'"));
  } else if (strategy.type === 'RollingUpdate') {
    const ru = strategy.rollingUpdate ?? {};
    const base = 'spec.strategy.rollingUpdate';
    const errs = [
      ...validateIntOrPercent(ru.maxUnavailable, `${base}.maxUnavailable`),
      ...validateIntOrPercent(ru.maxSurge, `${base}.maxSurge`),
    ];
    out.push(...errs);
    const zero = (v: unknown): boolean => v === 0 || v === '0%';
    if (errs.length === 0 && zero(ru.maxUnavailable) && zero(ru.maxSurge)) {
      out.push(cause.invalid(`${base}.maxUnavailable`, ru.maxUnavailable, 'may not be 0 when `maxSurge` is 0'));
    }
  }
  const deadline = spec.progressDeadlineSeconds;
  if (typeof deadline === 'number' && typeof spec.minReadySeconds === 'number' && deadline <= spec.minReadySeconds) {
    out.push(cause.invalid('spec.progressDeadlineSeconds', deadline, 'must be greater than minReadySeconds'));
  }
  return out;
}

const deploymentStrategy = workloadStrategy(
  'Deployment',
  (spec) => {
    spec.replicas ??= 1;
    spec.revisionHistoryLimit ??= 10;
    spec.progressDeadlineSeconds ??= 600;
    const strategy = (spec.strategy ??= {}) as Json;
    strategy.type ??= 'RollingUpdate';
    if (strategy.type === 'RollingUpdate') {
      const ru = (strategy.rollingUpdate ??= {}) as Json;
      ru.maxUnavailable ??= '25%';
      ru.maxSurge ??= '25%';
    }
  },
  validateDeploymentStrategy,
);

const replicaSetStrategy = workloadStrategy(
  'ReplicaSet',
  (spec) => {
    spec.replicas ??= 1;
  },
  (spec) => nonNegative(spec, ['replicas', 'minReadySeconds']),
);

const STS_MUTABLE = [
  'replicas',
  'ordinals',
  'template',
  'updateStrategy',
  'persistentVolumeClaimRetentionPolicy',
  'minReadySeconds',
];

const baseStatefulSet = workloadStrategy(
  'StatefulSet',
  (spec) => {
    spec.replicas ??= 1;
    spec.podManagementPolicy ??= 'OrderedReady';
    spec.revisionHistoryLimit ??= 10;
    const strategy = (spec.updateStrategy ??= {}) as Json;
    strategy.type ??= 'RollingUpdate';
    if (strategy.type === 'RollingUpdate') {
      const ru = (strategy.rollingUpdate ??= {}) as Json;
      ru.partition ??= 0;
    }
    spec.persistentVolumeClaimRetentionPolicy ??= { whenDeleted: 'Retain', whenScaled: 'Retain' };
  },
  (spec) => {
    const out = nonNegative(spec, ['replicas', 'minReadySeconds', 'revisionHistoryLimit']);
    if (!['OrderedReady', 'Parallel'].includes(String(spec.podManagementPolicy))) {
      out.push(cause.notSupported('spec.podManagementPolicy', spec.podManagementPolicy, ['OrderedReady', 'Parallel']));
    }
    const type = (spec.updateStrategy as Json | undefined)?.type;
    if (type !== 'RollingUpdate' && type !== 'OnDelete') {
      out.push(cause.notSupported('spec.updateStrategy.type', type, ['OnDelete', 'RollingUpdate']));
    }
    return out;
  },
);

const statefulSetStrategy: KindStrategy = {
  ...baseStatefulSet,
  validateUpdate(o, old) {
    const strip = (s: unknown): unknown => {
      const copy = { ...(s as Json) };
      for (const f of STS_MUTABLE) Reflect.deleteProperty(copy, f);
      return JSON.parse(JSON.stringify(copy)) as unknown;
    };
    if (isDeepStrictEqual(strip(o.spec), strip(old.spec))) return [];
    return [
      cause.forbidden(
        'spec',
        "updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden",
      ),
    ];
  },
};

export const APPS_KINDS: KindDescriptor[] = [
  builtin(APPS, 'DaemonSet', 'daemonsets', {
    shortNames: ['ds'],
    categories: ['all'],
    subresources: ['status'],
    strategy: daemonSetStrategy,
    columns: DAEMONSET_COLUMNS,
  }),
  builtin(APPS, 'ControllerRevision', 'controllerrevisions', { columns: columns.CONTROLLER_REVISION_COLUMNS }),
  builtin(APPS, 'Deployment', 'deployments', {
    shortNames: ['deploy'],
    categories: ['all'],
    subresources: ['status', 'scale'],
    generation: true,
    strategy: deploymentStrategy,
    columns: columns.DEPLOYMENT_COLUMNS,
  }),
  builtin(APPS, 'ReplicaSet', 'replicasets', {
    shortNames: ['rs'],
    categories: ['all'],
    subresources: ['status', 'scale'],
    generation: true,
    strategy: replicaSetStrategy,
    columns: columns.REPLICA_SET_COLUMNS,
  }),
  builtin(APPS, 'StatefulSet', 'statefulsets', {
    shortNames: ['sts'],
    categories: ['all'],
    subresources: ['status', 'scale'],
    generation: true,
    strategy: statefulSetStrategy,
    columns: columns.STATEFUL_SET_COLUMNS,
  }),
];
