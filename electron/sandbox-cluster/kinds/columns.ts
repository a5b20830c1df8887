// Table columns of the kinds served since round two, after kubectl's printers (pkg/printers/internalversion).
import { AGE, NAME, type Column, type Json } from '../server/table-column.js';
import { formatLabelSelector, formatLabels, num, orNone } from '../server/table-format.js';
import type { KubeObject } from '../types.js';

function col(name: string, cell: Column['cell'], rest: Partial<Column> = {}): Column {
  return { name, type: 'string', description: name, cell, ...rest };
}

const wide = { priority: 1 };
const list = (v: unknown): Json[] => (Array.isArray(v) ? (v as Json[]) : []);
const text = (v: unknown): string => (v === undefined || v === null ? '' : String(v));
const CREATED_AT = col('Created At', (o) => o.metadata.creationTimestamp, {
  type: 'date',
  description: 'CreationTimestamp is a timestamp representing the server time when this object was created.',
});

function templateColumns(template: (o: KubeObject) => Json | undefined): Column[] {
  const containers = (o: KubeObject): Json[] => list((template(o)?.spec as Json | undefined)?.containers);
  return [
    col(
      'Containers',
      (o) =>
        containers(o)
          .map((c) => text(c.name))
          .join(','),
      wide,
    ),
    col(
      'Images',
      (o) =>
        containers(o)
          .map((c) => text(c.image))
          .join(','),
      wide,
    ),
  ];
}
const podTemplate = (o: KubeObject): Json | undefined => o.spec?.template as Json | undefined;
const SELECTOR = col('Selector', (o) => formatLabelSelector(o.spec?.selector), wide);

export const NAME_CREATED: Column[] = [NAME, CREATED_AT];

export const SERVICE_ACCOUNT_COLUMNS: Column[] = [
  NAME,
  col('Secrets', (o) => list(o.secrets).length, { type: 'integer' }),
  AGE,
];

function servicePorts(o: KubeObject): string {
  const ports = list(o.spec?.ports).map((p) => {
    const node = p.nodePort ? `:${text(p.nodePort)}` : '';
    return `${text(p.port)}${node}/${text(p.protocol ?? 'TCP')}`;
  });
  return ports.length ? ports.join(',') : '<none>';
}

function externalIp(o: KubeObject): string {
  const type = text(o.spec?.type ?? 'ClusterIP');
  const explicit = list(o.spec?.externalIPs as unknown).map(String);
  if (type === 'ExternalName') return text(o.spec?.externalName);
  if (type === 'LoadBalancer') {
    const ingress = list(o.status?.loadBalancer?.ingress).map((i) => text(i.ip ?? i.hostname));
    const all = [...ingress, ...explicit];
    return all.length ? all.join(',') : '<pending>';
  }
  return explicit.length ? explicit.join(',') : '<none>';
}

export const SERVICE_COLUMNS: Column[] = [
  NAME,
  col('Type', (o) => text(o.spec?.type ?? 'ClusterIP')),
  col('Cluster-IP', (o) => orNone(o.spec?.clusterIP)),
  col('External-IP', externalIp),
  col('Port(s)', servicePorts),
  AGE,
  col('Selector', (o) => formatLabels(o.spec?.selector), wide),
];

export const ENDPOINTS_COLUMNS: Column[] = [
  NAME,
  col('Endpoints', (o) => {
    const out: string[] = [];
    for (const subset of list(o.subsets)) {
      for (const a of list(subset.addresses)) {
        const ports = list(subset.ports);
        if (ports.length === 0) out.push(text(a.ip));
        for (const p of ports) out.push(`${text(a.ip)}:${text(p.port)}`);
      }
    }
    return out.length ? out.join(',') : '<none>';
  }),
  AGE,
];

const accessModes = (modes: unknown): string =>
  list(modes)
    .map(
      (m) => ({ ReadWriteOnce: 'RWO', ReadOnlyMany: 'ROX', ReadWriteMany: 'RWX', ReadWriteOncePod: 'RWOP' })[text(m)],
    )
    .join(',');

export const PV_COLUMNS: Column[] = [
  NAME,
  col('Capacity', (o) => text(o.spec?.capacity?.storage)),
  col('Access Modes', (o) => accessModes(o.spec?.accessModes)),
  col('Reclaim Policy', (o) => text(o.spec?.persistentVolumeReclaimPolicy)),
  col('Status', (o) => text(o.status?.phase)),
  col('Claim', (o) => (o.spec?.claimRef ? `${text(o.spec.claimRef.namespace)}/${text(o.spec.claimRef.name)}` : '')),
  col('StorageClass', (o) => text(o.spec?.storageClassName)),
  col('VolumeAttributesClass', (o) => orNone(o.spec?.volumeAttributesClassName)),
  col('Reason', (o) => text(o.status?.reason)),
  AGE,
  col('VolumeMode', (o) => text(o.spec?.volumeMode), wide),
];

export const PVC_COLUMNS: Column[] = [
  NAME,
  col('Status', (o) => text(o.status?.phase)),
  col('Volume', (o) => text(o.spec?.volumeName)),
  col('Capacity', (o) => text(o.status?.capacity?.storage)),
  col('Access Modes', (o) => accessModes(o.status?.accessModes)),
  col('StorageClass', (o) => text(o.spec?.storageClassName)),
  col('VolumeAttributesClass', (o) => orNone(o.spec?.volumeAttributesClassName)),
  AGE,
  col('VolumeMode', (o) => text(o.spec?.volumeMode), wide),
];

function quotaPairs(o: KubeObject, limits: boolean): string {
  const hard = (o.status?.hard ?? {}) as Record<string, string>;
  const used = (o.status?.used ?? {}) as Record<string, string>;
  return Object.keys(hard)
    .sort()
    .filter((k) => k.startsWith('limits.') === limits)
    .map((k) => `${k}: ${used[k] ?? '0'}/${hard[k] ?? ''}`)
    .join(', ');
}

export const RESOURCE_QUOTA_COLUMNS: Column[] = [
  NAME,
  AGE,
  col('Request', (o) => quotaPairs(o, false)),
  col('Limit', (o) => quotaPairs(o, true)),
];

export const DEPLOYMENT_COLUMNS: Column[] = [
  NAME,
  col('Ready', (o) => `${num(o.status?.readyReplicas)}/${num(o.spec?.replicas ?? 1)}`),
  col('Up-to-date', (o) => num(o.status?.updatedReplicas), { type: 'integer' }),
  col('Available', (o) => num(o.status?.availableReplicas), { type: 'integer' }),
  AGE,
  ...templateColumns(podTemplate),
  SELECTOR,
];

export const REPLICA_SET_COLUMNS: Column[] = [
  NAME,
  col('Desired', (o) => num(o.spec?.replicas ?? 1), { type: 'integer' }),
  col('Current', (o) => num(o.status?.replicas), { type: 'integer' }),
  col('Ready', (o) => num(o.status?.readyReplicas), { type: 'integer' }),
  AGE,
  ...templateColumns(podTemplate),
  SELECTOR,
];

export const STATEFUL_SET_COLUMNS: Column[] = [
  NAME,
  col('Ready', (o) => `${num(o.status?.readyReplicas)}/${num(o.spec?.replicas ?? 1)}`),
  AGE,
  ...templateColumns(podTemplate),
];

export const CONTROLLER_REVISION_COLUMNS: Column[] = [
  NAME,
  col('Controller', (o) => {
    const ref = o.metadata.ownerReferences?.find((r) => r.controller);
    return ref ? `${ref.kind.toLowerCase()}.${ref.apiVersion.split('/')[0] ?? ''}/${ref.name}` : '<none>';
  }),
  col('Revision', (o) => num(o.revision), { type: 'integer' }),
  AGE,
];

function subjects(o: KubeObject, kind: string): string {
  return list(o.subjects)
    .filter((s) => s.kind === kind)
    .map((s) => (kind === 'ServiceAccount' ? `${text(s.namespace)}/${text(s.name)}` : text(s.name)))
    .join(', ');
}

export const BINDING_COLUMNS: Column[] = [
  NAME,
  col('Role', (o) => `${text(o.roleRef?.kind)}/${text(o.roleRef?.name)}`),
  AGE,
  col('Users', (o) => subjects(o, 'User'), wide),
  col('Groups', (o) => subjects(o, 'Group'), wide),
  col('ServiceAccounts', (o) => subjects(o, 'ServiceAccount'), wide),
];

export const PDB_COLUMNS: Column[] = [
  NAME,
  col('Min Available', (o) => (o.spec?.minAvailable === undefined ? 'N/A' : text(o.spec.minAvailable))),
  col('Max Unavailable', (o) => (o.spec?.maxUnavailable === undefined ? 'N/A' : text(o.spec.maxUnavailable))),
  col('Allowed Disruptions', (o) => num(o.status?.disruptionsAllowed), { type: 'integer' }),
  AGE,
];

export const NETWORK_POLICY_COLUMNS: Column[] = [
  NAME,
  col('Pod-Selector', (o) => {
    const s = formatLabelSelector(o.spec?.podSelector);
    return s === '<none>' ? '<none>' : s;
  }),
  AGE,
];

export const INGRESS_COLUMNS: Column[] = [
  NAME,
  col('Class', (o) => orNone(o.spec?.ingressClassName)),
  col(
    'Hosts',
    (o) =>
      list(o.spec?.rules)
        .map((r) => text(r.host || '*'))
        .join(',') || '*',
  ),
  col('Address', (o) =>
    list(o.status?.loadBalancer?.ingress)
      .map((i) => text(i.ip ?? i.hostname))
      .join(','),
  ),
  col('Ports', (o) => (list(o.spec?.tls).length > 0 ? '80, 443' : '80')),
  AGE,
];

export const PRIORITY_CLASS_COLUMNS: Column[] = [
  NAME,
  col('Value', (o) => num(o.value), { type: 'integer' }),
  col('Global-Default', (o) => o.globalDefault === true, { type: 'boolean' }),
  AGE,
  col('PreemptionPolicy', (o) => text(o.preemptionPolicy)),
];

export const STORAGE_CLASS_COLUMNS: Column[] = [
  col('Name', (o) =>
    o.metadata.annotations?.['storageclass.kubernetes.io/is-default-class'] === 'true'
      ? `${o.metadata.name} (default)`
      : o.metadata.name,
  ),
  col('Provisioner', (o) => text(o.provisioner)),
  col('ReclaimPolicy', (o) => text(o.reclaimPolicy)),
  col('VolumeBindingMode', (o) => text(o.volumeBindingMode)),
  col('AllowVolumeExpansion', (o) => o.allowVolumeExpansion === true, { type: 'boolean' }),
  AGE,
];

export const CSI_DRIVER_COLUMNS: Column[] = [
  NAME,
  col('AttachRequired', (o) => o.spec?.attachRequired === true),
  col('PodInfoOnMount', (o) => o.spec?.podInfoOnMount === true),
  col('StorageCapacity', (o) => o.spec?.storageCapacity === true),
  col(
    'TokenRequests',
    (o) =>
      list(o.spec?.tokenRequests)
        .map((t) => text(t.audience))
        .join(',') || '<unset>',
  ),
  col('RequiresRepublish', (o) => o.spec?.requiresRepublish === true),
  col('Modes', (o) => list(o.spec?.volumeLifecycleModes).map(String).join(',') || '<none>'),
  AGE,
];

export const CSI_NODE_COLUMNS: Column[] = [
  NAME,
  col('Drivers', (o) => list(o.spec?.drivers).length, { type: 'integer' }),
  AGE,
];

export const WEBHOOK_CONFIGURATION_COLUMNS: Column[] = [
  NAME,
  col('Webhooks', (o) => list(o.webhooks).length, { type: 'integer' }),
  AGE,
];

export const LEASE_COLUMNS: Column[] = [NAME, col('Holder', (o) => text(o.spec?.holderIdentity)), AGE];

export const ENDPOINT_SLICE_COLUMNS: Column[] = [
  NAME,
  col('AddressType', (o) => text(o.addressType)),
  col(
    'Ports',
    (o) =>
      list(o.ports)
        .map((p) => text(p.port))
        .join(',') || '<unset>',
  ),
  col('Endpoints', (o) =>
    list(o.endpoints)
      .flatMap((e) => list(e.addresses).map(String))
      .join(','),
  ),
  AGE,
];

export const INGRESS_CLASS_COLUMNS: Column[] = [
  NAME,
  col('Controller', (o) => text(o.spec?.controller)),
  col('Parameters', (o) => (o.spec?.parameters ? text(o.spec.parameters.name) : '<none>')),
  AGE,
];
