// The core group (/api/v1) kinds the sandbox serves.
import { configMapStrategy, namespaceStrategy, podStrategy, secretStrategy } from '../registry/strategies.js';
import { NODE_COLUMNS, POD_COLUMNS } from '../server/table.js';
import { CONFIGMAP_COLUMNS, EVENT_COLUMNS, NAMESPACE_COLUMNS, SECRET_COLUMNS } from '../server/table-simple.js';
import * as columns from './columns.js';
import {
  endpointsStrategy,
  limitRangeStrategy,
  pvcStrategy,
  pvStrategy,
  serviceAccountStrategy,
} from './core-rules.js';
import { builtin, type KindDescriptor } from './descriptor.js';
import { serviceStrategy } from './service-rules.js';

const CORE = { group: '', version: 'v1', prefix: 'io.k8s.api.core.v1' };

export const EVENT_FIELDS: KindDescriptor['fields'] = {
  'involvedObject.kind': (o) => o.involvedObject?.kind,
  'involvedObject.namespace': (o) => o.involvedObject?.namespace,
  'involvedObject.name': (o) => o.involvedObject?.name,
  'involvedObject.uid': (o) => o.involvedObject?.uid,
  'involvedObject.apiVersion': (o) => o.involvedObject?.apiVersion,
  'involvedObject.resourceVersion': (o) => o.involvedObject?.resourceVersion,
  'involvedObject.fieldPath': (o) => o.involvedObject?.fieldPath,
  reason: (o) => o.reason,
  reportingComponent: (o) => o.reportingComponent,
  source: (o) => o.source?.component,
  type: (o) => o.type,
};

export const CORE_KINDS: KindDescriptor[] = [
  builtin(CORE, 'Namespace', 'namespaces', {
    namespaced: false,
    shortNames: ['ns'],
    subresources: ['status', 'finalize'],
    verbs: ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch'],
    nameRule: 'label',
    strategy: namespaceStrategy,
    columns: NAMESPACE_COLUMNS,
    fields: { 'status.phase': (o) => o.status?.phase },
  }),
  builtin(CORE, 'Node', 'nodes', {
    namespaced: false,
    shortNames: ['no'],
    subresources: ['status', 'proxy'],
    statusOnCreate: true,
    columns: NODE_COLUMNS,
    fields: { 'spec.unschedulable': (o) => String(o.spec?.unschedulable === true) },
  }),
  builtin(CORE, 'Pod', 'pods', {
    shortNames: ['po'],
    categories: ['all'],
    subresources: ['status', 'log', 'eviction', 'binding', 'exec', 'attach', 'portforward', 'ephemeralcontainers'],
    strategy: podStrategy,
    columns: POD_COLUMNS,
    fields: {
      'spec.nodeName': (o) => o.spec?.nodeName,
      'spec.restartPolicy': (o) => o.spec?.restartPolicy,
      'spec.schedulerName': (o) => o.spec?.schedulerName,
      'spec.serviceAccountName': (o) => o.spec?.serviceAccountName,
      'status.phase': (o) => o.status?.phase,
      'status.podIP': (o) => o.status?.podIP,
      'status.nominatedNodeName': (o) => o.status?.nominatedNodeName,
    },
  }),
  builtin(CORE, 'Event', 'events', { shortNames: ['ev'], columns: EVENT_COLUMNS, fields: EVENT_FIELDS }),
  builtin(CORE, 'ConfigMap', 'configmaps', {
    shortNames: ['cm'],
    strategy: configMapStrategy,
    columns: CONFIGMAP_COLUMNS,
  }),
  builtin(CORE, 'Secret', 'secrets', {
    strategy: secretStrategy,
    columns: SECRET_COLUMNS,
    fields: { type: (o) => o.type },
  }),
  builtin(CORE, 'PersistentVolumeClaim', 'persistentvolumeclaims', {
    shortNames: ['pvc'],
    subresources: ['status'],
    strategy: pvcStrategy,
    columns: columns.PVC_COLUMNS,
  }),
  builtin(CORE, 'PersistentVolume', 'persistentvolumes', {
    namespaced: false,
    shortNames: ['pv'],
    subresources: ['status'],
    strategy: pvStrategy,
    columns: columns.PV_COLUMNS,
  }),
  builtin(CORE, 'ResourceQuota', 'resourcequotas', {
    shortNames: ['quota'],
    subresources: ['status'],
    columns: columns.RESOURCE_QUOTA_COLUMNS,
  }),
  builtin(CORE, 'ServiceAccount', 'serviceaccounts', {
    shortNames: ['sa'],
    subresources: ['token'],
    strategy: serviceAccountStrategy,
    columns: columns.SERVICE_ACCOUNT_COLUMNS,
  }),
  builtin(CORE, 'LimitRange', 'limitranges', {
    shortNames: ['limits'],
    strategy: limitRangeStrategy,
    columns: columns.NAME_CREATED,
  }),
  builtin(CORE, 'Service', 'services', {
    shortNames: ['svc'],
    categories: ['all'],
    subresources: ['status', 'proxy'],
    nameRule: 'label',
    strategy: serviceStrategy,
    columns: columns.SERVICE_COLUMNS,
  }),
  builtin(CORE, 'Endpoints', 'endpoints', {
    shortNames: ['ep'],
    strategy: endpointsStrategy,
    columns: columns.ENDPOINTS_COLUMNS,
  }),
];
