// What the seed world gives the sandbox's own users, as objects anyone can read with kubectl: the developer's Role
// and RoleBinding in team-a and team-b (admin and operator are in system:masters), a default StorageClass, and in
// team-a the LimitRange that gives containers the requests its ResourceQuota demands (as a cluster admin would pair them).
import type { ClusterApi, KubeObject, ObjectMeta } from '../types.js';

type NewObject = Omit<KubeObject, 'metadata'> & { metadata: Partial<ObjectMeta> };

const RBAC = 'rbac.authorization.k8s.io';
const ALL = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'];
const READ = ['get', 'list', 'watch'];
export const DEVELOPER_NAMESPACES = ['team-a', 'team-b'];

function developerRole(namespace: string): NewObject {
  return {
    apiVersion: `${RBAC}/v1`,
    kind: 'Role',
    metadata: { name: 'developer', namespace },
    rules: [
      { apiGroups: ['apps'], resources: ['controllerrevisions', 'daemonsets'], verbs: ALL },
      {
        apiGroups: [''],
        resources: ['configmaps', 'events', 'persistentvolumeclaims', 'pods', 'pods/log', 'secrets'],
        verbs: ALL,
      },
      { apiGroups: [''], resources: ['limitranges', 'resourcequotas', 'serviceaccounts'], verbs: READ },
    ],
  };
}

function developerBinding(namespace: string): NewObject {
  return {
    apiVersion: `${RBAC}/v1`,
    kind: 'RoleBinding',
    metadata: { name: 'developer', namespace },
    roleRef: { apiGroup: RBAC, kind: 'Role', name: 'developer' },
    subjects: [{ apiGroup: RBAC, kind: 'User', name: 'developer' }],
  };
}

const STORAGE_CLASS: NewObject = {
  apiVersion: 'storage.k8s.io/v1',
  kind: 'StorageClass',
  metadata: { name: 'standard', annotations: { 'storageclass.kubernetes.io/is-default-class': 'true' } },
  provisioner: 'everynode.io/sandbox-hostpath',
  reclaimPolicy: 'Delete',
  volumeBindingMode: 'Immediate',
};

const TEAM_A_DEFAULTS: NewObject = {
  apiVersion: 'v1',
  kind: 'LimitRange',
  metadata: { name: 'container-defaults', namespace: 'team-a' },
  spec: { limits: [{ type: 'Container', defaultRequest: { cpu: '50m', memory: '64Mi' } }] },
};

export function seedAccess(api: ClusterApi): void {
  const ensure = (resource: string, o: NewObject): void => {
    if (!api.get(resource, o.metadata.namespace, o.metadata.name ?? '')) api.create(resource, o);
  };
  for (const ns of DEVELOPER_NAMESPACES) {
    ensure('roles', developerRole(ns));
    ensure('rolebindings', developerBinding(ns));
  }
  ensure('storageclasses', STORAGE_CLASS);
  ensure('limitranges', TEAM_A_DEFAULTS);
}
