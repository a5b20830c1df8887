import fc from 'fast-check';
import type { DaemonSet } from '../../../../renderer/wizard/form';

// DaemonSets for the wizard's mapping: well-typed ones carrying unknown fields at every level the form reads, and
// hostile ones with values of any type grafted where the form expects lists, maps and strings.

export const KEPT = { kept: true };
const dnsName = fc.stringMatching(/^[a-z]([-a-z0-9]{0,8}[a-z0-9])?$/);
const labelValue = fc.stringMatching(/^([a-z0-9]([-a-z0-9_.]{0,6}[a-z0-9])?)?$/);

const port = fc.record(
  {
    containerPort: fc.integer({ min: 1, max: 65535 }),
    protocol: fc.constantFrom('TCP', 'UDP', 'SCTP'),
    'x-port': fc.constant(KEPT),
  },
  { requiredKeys: ['containerPort', 'x-port'] },
);
const env = fc.oneof(
  fc.record({ name: fc.stringMatching(/^[A-Z_][A-Z0-9_]{0,6}$/), value: fc.string({ maxLength: 8 }) }),
  fc.record({
    name: fc.constant('FROM_MAP'),
    valueFrom: fc.constant({ configMapKeyRef: { name: 'cfg', key: 'k', optional: true } }),
  }),
  fc.constant({ name: 'NODE', valueFrom: { fieldRef: { fieldPath: 'spec.nodeName' } } }),
);
const probe = fc.oneof(
  fc.constant({ httpGet: { path: '/healthz', port: 8080, scheme: 'HTTP' }, periodSeconds: 5, 'x-probe': KEPT }),
  fc.constant({ tcpSocket: { port: 'http' }, 'x-probe': KEPT }),
  fc.constant({ exec: { command: ['true'] }, 'x-probe': KEPT }),
);

const container = (name: fc.Arbitrary<string>) =>
  fc.record(
    {
      name,
      image: fc.constantFrom('busybox:1.36', 'nginx', 'registry.example.com/agent@sha256:' + 'a'.repeat(64)),
      imagePullPolicy: fc.constantFrom('Always', 'IfNotPresent', 'Never'),
      command: fc.array(fc.string({ minLength: 1, maxLength: 6 }), { maxLength: 2 }),
      ports: fc.array(port, { maxLength: 2 }),
      env: fc.array(env, { maxLength: 3 }),
      resources: fc.constant({ requests: { cpu: '100m', memory: '64Mi' }, limits: { 'nvidia.com/gpu': '1' } }),
      readinessProbe: probe,
      volumeMounts: fc.constant([{ name: 'data', mountPath: '/data', mountPropagation: 'HostToContainer' }]),
      securityContext: fc.constant({ runAsUser: 0, capabilities: { add: ['NET_ADMIN'] } }),
      'x-container': fc.constant(KEPT),
    },
    { requiredKeys: ['name', 'image', 'volumeMounts', 'x-container'] },
  );

/** A DaemonSet the API server would accept, with `x-*` fields the form does not know at every level. */
export const wellTypedDaemonSet: fc.Arbitrary<DaemonSet> = fc
  .record({
    name: dnsName,
    app: labelValue,
    containers: fc.uniqueArray(container(dnsName), { minLength: 1, maxLength: 3, selector: (c) => c.name }),
    tolerations: fc.array(
      fc.record({
        key: dnsName,
        operator: fc.constantFrom('Exists', 'Equal'),
        effect: fc.constantFrom('NoSchedule', 'NoExecute'),
      }),
      { maxLength: 2 },
    ),
    strategy: fc.oneof(
      fc.constant({ type: 'OnDelete', 'x-strategy': KEPT }),
      fc.constant({ type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '10%', 'x-rolling': KEPT } }),
    ),
    nodeSelector: fc.option(fc.constant({ 'kubernetes.io/os': 'linux' }), { nil: undefined }),
  })
  .map(
    ({ name, app, containers, tolerations, strategy, nodeSelector }): DaemonSet =>
      ({
        apiVersion: 'apps/v1',
        kind: 'DaemonSet',
        'x-top': KEPT,
        metadata: { name, namespace: 'team-a', annotations: { 'x/kept': 'yes' }, 'x-meta': KEPT },
        spec: {
          selector: { matchLabels: { app } },
          updateStrategy: strategy,
          revisionHistoryLimit: 3,
          template: {
            metadata: { labels: { app }, annotations: { 'x/pod': 'kept' } },
            spec: {
              containers,
              tolerations: tolerations.map((t) => ({ ...t, 'x-toleration': KEPT })),
              volumes: [
                { name: 'data', hostPath: { path: '/var/lib/x', type: 'DirectoryOrCreate' }, 'x-volume': KEPT },
              ],
              dnsPolicy: 'ClusterFirstWithHostNet',
              ...(nodeSelector ? { nodeSelector } : {}),
              'x-pod': KEPT,
            },
          },
          'x-spec': KEPT,
        },
      }) as unknown as DaemonSet,
  );

const PATHS = [
  [],
  ['metadata'],
  ['metadata', 'annotations'],
  ['spec'],
  ['spec', 'updateStrategy'],
  ['spec', 'updateStrategy', 'rollingUpdate'],
  ['spec', 'template'],
  ['spec', 'template', 'metadata'],
  ['spec', 'template', 'spec'],
  ['spec', 'template', 'spec', 'containers', '0'],
  ['spec', 'template', 'spec', 'containers', '0', 'ports', '0'],
  ['spec', 'template', 'spec', 'containers', '0', 'env', '0'],
  ['spec', 'template', 'spec', 'containers', '0', 'readinessProbe'],
  ['spec', 'template', 'spec', 'containers', '0', 'securityContext'],
  ['spec', 'template', 'spec', 'volumes', '0'],
  ['spec', 'template', 'spec', 'tolerations', '0'],
];
const KEYS = [
  'metadata',
  'spec',
  'template',
  'containers',
  'initContainers',
  'name',
  'namespace',
  'labels',
  'annotations',
  'image',
  'command',
  'args',
  'ports',
  'env',
  'envFrom',
  'valueFrom',
  'resources',
  'requests',
  'volumeMounts',
  'volumes',
  'hostPath',
  'persistentVolumeClaim',
  'tolerations',
  'nodeSelector',
  'affinity',
  'updateStrategy',
  'rollingUpdate',
  'maxUnavailable',
  'imagePullSecrets',
  'capabilities',
  'securityContext',
  'httpGet',
  'exec',
  'selector',
  'matchLabels',
  'containerPort',
  'protocol',
  'path',
  'type',
  'configMapKeyRef',
  'key',
  'operator',
];

/** A well-typed DaemonSet with a value of any type put where the form expects something else. */
export const hostileDaemonSet: fc.Arbitrary<unknown> = fc
  .tuple(
    wellTypedDaemonSet,
    fc.array(fc.tuple(fc.constantFrom(...PATHS), fc.constantFrom(...KEYS), fc.jsonValue({ maxDepth: 2 })), {
      minLength: 1,
      maxLength: 4,
    }),
  )
  .map(([manifest, grafts]) => {
    const copy = JSON.parse(JSON.stringify(manifest)) as Record<string, unknown>;
    for (const [path, key, value] of grafts) {
      let node: unknown = copy;
      for (const step of path)
        node = typeof node === 'object' && node !== null ? (node as Record<string, unknown>)[step] : undefined;
      if (typeof node === 'object' && node !== null) (node as Record<string, unknown>)[key] = value;
    }
    return copy;
  });
