// The RBAC policy a real API server reconciles at every start (plugin/pkg/auth/authorizer/rbac/bootstrappolicy),
// reduced to the roles the sandbox's users and the common node-agent manifests rely on: cluster-admin for
// system:masters, discovery and self-review for every authenticated user, and the aggregated admin/edit/view roles.
import type { KubeObject, ObjectMeta } from '../types.js';

type NewObject = Omit<KubeObject, 'metadata'> & { metadata: Partial<ObjectMeta> };
type Rule = { apiGroups?: string[]; resources?: string[]; verbs: string[]; nonResourceURLs?: string[] };

const RBAC = 'rbac.authorization.k8s.io';
const READ = ['get', 'list', 'watch'];
const WRITE = ['create', 'delete', 'deletecollection', 'patch', 'update'];
const BOOTSTRAP = {
  labels: { 'kubernetes.io/bootstrapping': 'rbac-defaults' },
  annotations: { 'rbac.authorization.kubernetes.io/autoupdate': 'true' },
};

const clusterRole = (name: string, rules: Rule[], extra: Partial<NewObject> = {}, labels = {}): NewObject => ({
  apiVersion: `${RBAC}/v1`,
  kind: 'ClusterRole',
  metadata: { name, labels: { ...BOOTSTRAP.labels, ...labels }, annotations: BOOTSTRAP.annotations },
  rules,
  ...extra,
});

const binding = (name: string, role: string, groups: string[]): NewObject => ({
  apiVersion: `${RBAC}/v1`,
  kind: 'ClusterRoleBinding',
  metadata: { name, labels: BOOTSTRAP.labels, annotations: BOOTSTRAP.annotations },
  roleRef: { apiGroup: RBAC, kind: 'ClusterRole', name: role },
  subjects: groups.map((g) => ({ apiGroup: RBAC, kind: 'Group', name: g })),
});

const aggregated = (name: string, label: string): NewObject =>
  clusterRole(name, [], {
    aggregationRule: { clusterRoleSelectors: [{ matchLabels: { [`${RBAC}/${label}`]: 'true' } }] },
  });

const CORE_READ = [
  'configmaps',
  'endpoints',
  'events',
  'limitranges',
  'namespaces',
  'namespaces/status',
  'persistentvolumeclaims',
  'persistentvolumeclaims/status',
  'pods',
  'pods/log',
  'pods/status',
  'resourcequotas',
  'resourcequotas/status',
  'serviceaccounts',
  'services',
  'services/status',
];
const APPS = [
  'controllerrevisions',
  'daemonsets',
  'daemonsets/status',
  'deployments',
  'deployments/scale',
  'deployments/status',
  'replicasets',
  'replicasets/scale',
  'replicasets/status',
  'statefulsets',
  'statefulsets/scale',
  'statefulsets/status',
];
const CORE_WRITE = [
  'configmaps',
  'endpoints',
  'persistentvolumeclaims',
  'pods',
  'pods/attach',
  'pods/exec',
  'pods/portforward',
  'secrets',
  'serviceaccounts',
  'services',
];

const DISCOVERY_URLS = [
  '/api',
  '/api/*',
  '/apis',
  '/apis/*',
  '/healthz',
  '/livez',
  '/openapi',
  '/openapi/*',
  '/readyz',
  '/version',
  '/version/',
];

export function bootstrapRbac(): NewObject[] {
  return [
    clusterRole('cluster-admin', [
      { apiGroups: ['*'], resources: ['*'], verbs: ['*'] },
      { nonResourceURLs: ['*'], verbs: ['*'] },
    ]),
    aggregated('admin', 'aggregate-to-admin'),
    aggregated('edit', 'aggregate-to-edit'),
    aggregated('view', 'aggregate-to-view'),
    clusterRole(
      'system:aggregate-to-view',
      [
        { apiGroups: [''], resources: CORE_READ, verbs: READ },
        { apiGroups: ['apps'], resources: APPS, verbs: READ },
        { apiGroups: ['policy'], resources: ['poddisruptionbudgets', 'poddisruptionbudgets/status'], verbs: READ },
        {
          apiGroups: ['networking.k8s.io'],
          resources: ['ingresses', 'ingresses/status', 'networkpolicies'],
          verbs: READ,
        },
        { apiGroups: ['discovery.k8s.io'], resources: ['endpointslices'], verbs: READ },
      ],
      {},
      {
        [`${RBAC}/aggregate-to-admin`]: 'true',
        [`${RBAC}/aggregate-to-edit`]: 'true',
        [`${RBAC}/aggregate-to-view`]: 'true',
      },
    ),
    clusterRole(
      'system:aggregate-to-edit',
      [
        { apiGroups: [''], resources: CORE_WRITE, verbs: WRITE },
        { apiGroups: [''], resources: ['secrets'], verbs: READ },
        { apiGroups: [''], resources: ['pods/eviction', 'serviceaccounts/token'], verbs: ['create'] },
        { apiGroups: ['apps'], resources: APPS.filter((r) => !r.endsWith('/status')), verbs: WRITE },
        { apiGroups: ['policy'], resources: ['poddisruptionbudgets'], verbs: WRITE },
        { apiGroups: ['networking.k8s.io'], resources: ['ingresses', 'networkpolicies'], verbs: WRITE },
      ],
      {},
      { [`${RBAC}/aggregate-to-admin`]: 'true', [`${RBAC}/aggregate-to-edit`]: 'true' },
    ),
    clusterRole(
      'system:aggregate-to-admin',
      [
        { apiGroups: [RBAC], resources: ['rolebindings', 'roles'], verbs: [...READ, ...WRITE] },
        { apiGroups: ['authorization.k8s.io'], resources: ['localsubjectaccessreviews'], verbs: ['create'] },
      ],
      {},
      { [`${RBAC}/aggregate-to-admin`]: 'true' },
    ),
    // metrics-server's own manifest brings this one: who may read pods and nodes may read their usage.
    clusterRole(
      'system:aggregated-metrics-reader',
      [{ apiGroups: ['metrics.k8s.io'], resources: ['pods', 'nodes'], verbs: READ }],
      {},
      {
        [`${RBAC}/aggregate-to-admin`]: 'true',
        [`${RBAC}/aggregate-to-edit`]: 'true',
        [`${RBAC}/aggregate-to-view`]: 'true',
      },
    ),
    clusterRole('system:basic-user', [
      {
        apiGroups: ['authorization.k8s.io'],
        resources: ['selfsubjectaccessreviews', 'selfsubjectrulesreviews'],
        verbs: ['create'],
      },
      { apiGroups: ['authentication.k8s.io'], resources: ['selfsubjectreviews'], verbs: ['create'] },
    ]),
    clusterRole('system:discovery', [{ nonResourceURLs: DISCOVERY_URLS, verbs: ['get'] }]),
    clusterRole('system:public-info-viewer', [
      { nonResourceURLs: ['/healthz', '/livez', '/readyz', '/version', '/version/'], verbs: ['get'] },
    ]),
    binding('cluster-admin', 'cluster-admin', ['system:masters']),
    binding('system:basic-user', 'system:basic-user', ['system:authenticated']),
    binding('system:discovery', 'system:discovery', ['system:authenticated']),
    binding('system:public-info-viewer', 'system:public-info-viewer', [
      'system:authenticated',
      'system:unauthenticated',
    ]),
  ];
}
