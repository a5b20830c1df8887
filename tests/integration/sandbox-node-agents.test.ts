// Real kubectl applying node-agent-shaped manifests (fixtures/node-agents: a CNI plugin, a log shipper, a node
// metrics exporter, a CSI node driver, a device plugin with its CRD) to one sandbox, as a user would on a real
// cluster: each file applies whole (the custom resource in the CRD's own file only on the second apply, as upstream),
// every DaemonSet rolls out on the nodes it selects. Then drain, whoami, namespace deletion, RBAC taking effect,
// watch=True, the custom resource round trip and the real Status answers to bad input for the new kinds.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type SandboxHandle } from '../../electron/sandbox-cluster/index.js';
import { KUBECTL_1_32, OTHER_KUBECTLS, runKubectl, type KubectlRun } from './kubectl.js';
import { SandboxClient } from './sandbox-client.js';

const FIXTURES = join(import.meta.dirname, 'fixtures', 'node-agents');
let sandbox: SandboxHandle;
let client: SandboxClient;
let dir: string;

const kubectl = (args: string[], bin = KUBECTL_1_32): Promise<KubectlRun> =>
  runKubectl(bin, args, join(dir, 'kubeconfig'));

async function ok(args: string[], bin = KUBECTL_1_32): Promise<string> {
  const run = await kubectl(args, bin);
  expect(run.code, `${bin} ${args.join(' ')}: ${run.stderr}`).toBe(0);
  return run.stdout;
}

async function fails(args: string[]): Promise<string> {
  const run = await kubectl(args);
  expect(run.code, `kubectl ${args.join(' ')} should fail: ${run.stdout}`).not.toBe(0);
  return run.stderr;
}

function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

const fixture = (name: string): string => join(FIXTURES, name);

/** The log shipper's manifests moved into `namespace` (its cluster-scoped RBAC renamed so copies do not collide). */
function shipperIn(namespace: string): string {
  return readFileSync(fixture('log-shipper.yaml'), 'utf8')
    .replaceAll('logging', namespace)
    .replaceAll('shipper-read', `shipper-read-${namespace}`);
}

async function until(check: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const nodesOf = (namespace: string, ds: string): string[] =>
  sandbox.api
    .list('pods', namespace)
    .filter((p) => p.metadata.ownerReferences?.some((r) => r.name === ds))
    .map((p) => String(p.spec.nodeName))
    .sort();

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'sandbox-agents-'));
  sandbox = await startSandbox({ speed: 20, kubeconfigPath: join(dir, 'kubeconfig') });
  client = new SandboxClient(sandbox.kubeconfig);
});

afterAll(async () => {
  await sandbox.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('node-agent manifests applied whole with real kubectl', () => {
  const all = ['worker-1', 'worker-2', 'worker-3', 'worker-4', 'worker-5', 'control-plane-1'].sort();

  it('applies each file and rolls every DaemonSet out on the nodes it selects', async () => {
    const cases: [file: string, namespace: string, ds: string, nodes: string[]][] = [
      ['cni-overlay.yaml', 'overlay-system', 'overlay-ds', all],
      ['log-shipper.yaml', 'logging', 'shipper', all],
      ['node-metrics.yaml', 'node-metrics', 'node-metrics', all],
      ['csi-node.yaml', 'kube-system', 'blockstore-node', all.filter((n) => n !== 'worker-3')],
    ];
    for (const [name, namespace, ds, nodes] of cases) {
      const out = await ok(['apply', '-f', fixture(name)]);
      expect(out).toContain(`daemonset.apps/${ds} created`);
      expect(await ok(['rollout', 'status', `ds/${ds}`, '-n', namespace, '--timeout=60s'])).toContain(
        'successfully rolled out',
      );
      expect(nodesOf(namespace, ds)).toEqual(nodes);
    }
    // Objects of every new kind came in with them, readable with their real columns.
    expect(await ok(['get', 'clusterrolebinding', 'overlay', '-o', 'wide'])).toMatch(
      /ClusterRole\/overlay.*overlay-system\/overlay/,
    );
    expect(await ok(['get', 'svc', 'node-metrics', '-n', 'node-metrics'])).toMatch(
      /ClusterIP\s+None\s+<none>\s+9443\/TCP/,
    );
    expect(await ok(['get', 'svc', 'shipper-metrics', '-n', 'logging'])).toMatch(/ClusterIP\s+10\.96\.\d+\.\d+/);
    expect(await ok(['get', 'pdb', 'node-metrics', '-n', 'node-metrics'])).toMatch(/N\/A\s+1\s+1/);
    expect(
      await ok(['get', 'csidriver', 'blockstore.csi.example.org', '-o', 'jsonpath={.spec.volumeLifecycleModes}']),
    ).toBe('["Persistent"]');
    // The PriorityClass of the manifest set the pods' priority through admission.
    const pod = sandbox.api.list('pods', 'node-metrics')[0];
    expect(pod?.spec.priority).toBe(1000000);
    expect(pod?.spec.serviceAccountName).toBe('node-metrics');
  });

  it('maps the custom resource only on the second apply of its CRD file, then serves it', async () => {
    const first = await kubectl(['apply', '-f', fixture('device-plugin.yaml')]);
    expect(first.code).not.toBe(0);
    expect(first.stderr).toContain('no matches for kind "AcceleratorProfile" in version "devices.example.org/v1"');
    expect(first.stdout).toContain(
      'customresourcedefinition.apiextensions.k8s.io/acceleratorprofiles.devices.example.org created',
    );
    expect(await ok(['apply', '-f', fixture('device-plugin.yaml')])).toContain(
      'acceleratorprofile.devices.example.org/default created',
    );
    await ok(['rollout', 'status', 'ds/accel-device-plugin', '-n', 'kube-system', '--timeout=60s']);
    expect(nodesOf('kube-system', 'accel-device-plugin')).toEqual(['worker-4']);
    // Short name, category, printer columns and the schema's default.
    expect(await ok(['get', 'accp', '-n', 'kube-system'])).toMatch(/default\s+2\s+exclusive/);
    expect(await ok(['get', 'devices', '-A'])).toMatch(/kube-system\s+default\s+2\s+exclusive/);
    expect(
      await ok([
        'get',
        'crd',
        'acceleratorprofiles.devices.example.org',
        '-o',
        'jsonpath={.status.conditions[?(@.type=="Established")].status}',
      ]),
    ).toBe('True');
    expect(await ok(['explain', 'acceleratorprofile.spec.slices'])).toContain('slices');
  });

  it('validates, prunes and round-trips custom resources, and deletes them with their CRD', async () => {
    const cr = (extra: string) =>
      file(
        'cr.yaml',
        `apiVersion: devices.example.org/v1\nkind: AcceleratorProfile\nmetadata: {name: big, namespace: default}\nspec:\n${extra}`,
      );
    expect(await fails(['apply', '-f', cr('  slices: 9\n')])).toContain(
      'spec.slices: Invalid value: 9: spec.slices in body should be less than or equal to 8',
    );
    expect(await fails(['apply', '-f', cr('  slices: 2\n  mode: half\n')])).toContain(
      'spec.mode: Unsupported value: "half": supported values: "exclusive", "shared"',
    );
    expect(await fails(['create', '-f', cr('  slices: 2\n  colour: red\n')])).toContain('unknown field "spec.colour"');
    const applied = await kubectl(['apply', '--validate=false', '-f', cr('  slices: 2\n  colour: red\n')]);
    expect(applied.code).toBe(0);
    expect(await ok(['get', 'accp', 'big', '-o', 'jsonpath={.spec}'])).toBe('{"mode":"exclusive","slices":2}');
    await ok(['patch', 'accp', 'big', '--type=merge', '-p', '{"spec":{"slices":3}}']);
    expect(await ok(['get', 'accp', 'big', '-o', 'jsonpath={.spec.slices} {.metadata.generation}'])).toBe('3 2');
    await ok(['delete', 'crd', 'acceleratorprofiles.devices.example.org']);
    expect(await ok(['get', 'crd', '-o', 'name'])).not.toContain('acceleratorprofiles');
    expect((await client.call('GET', '/apis/devices.example.org/v1/acceleratorprofiles')).status).toBe(404);
    expect(sandbox.api.resources().some((r) => r.group === 'devices.example.org')).toBe(false);
  });

  it('smoke: kubectl 1.27 and 1.33 apply a manifest of the new kinds and see it roll out', async () => {
    for (const [version, bin] of OTHER_KUBECTLS) {
      const ns = `smoke-${version.replace('.', '-')}`;
      expect(await ok(['apply', '-f', file(`${ns}.yaml`, shipperIn(ns))], bin)).toContain(
        'daemonset.apps/shipper created',
      );
      expect(await ok(['rollout', 'status', 'ds/shipper', '-n', ns, '--timeout=60s'], bin)).toContain(
        'successfully rolled out',
      );
      expect(await ok(['get', 'sa,svc,cm', '-n', ns], bin)).toContain('shipper-metrics');
    }
  });
});

describe('cluster operations with real kubectl', () => {
  it('drains a node: cordons it, evicts the bare pod, leaves DaemonSet pods alone', async () => {
    await ok(['run', 'bare', '--image=nginx:1.27', '-n', 'default', '--overrides={"spec":{"nodeName":"worker-2"}}']);
    await until(
      () => sandbox.api.get('pods', 'default', 'bare')?.status?.phase === 'Running',
      30_000,
      'bare pod running',
    );
    const out = await ok(['drain', 'worker-2', '--ignore-daemonsets', '--force', '--grace-period=1', '--timeout=60s']);
    expect(out).toContain('node/worker-2 drained');
    expect(sandbox.api.get('pods', 'default', 'bare')).toBeUndefined();
    expect(sandbox.api.get('nodes', undefined, 'worker-2')?.spec?.unschedulable).toBe(true);
    expect(nodesOf('logging', 'shipper')).toContain('worker-2');
    await ok(['uncordon', 'worker-2']);
  });

  it('upgrades a client-side apply to server-side apply, migrating managedFields so dropped fields go', async () => {
    const cm = (data: string) =>
      file('csa.yaml', `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: csa, namespace: default}\ndata: {${data}}\n`);
    await ok(['apply', '-f', cm('a: "1", b: "2"')]);
    await ok(['apply', '--server-side', '-f', cm('a: "1", c: "3"')]);
    const live = sandbox.api.get('configmaps', 'default', 'csa');
    expect(live?.data).toEqual({ a: '1', c: '3' });
    const managers = (live?.metadata.managedFields ?? []) as { manager: string; operation: string }[];
    expect(managers.map((m) => `${m.manager}/${m.operation}`)).not.toContain('kubectl-client-side-apply/Update');
    expect(managers.map((m) => `${m.manager}/${m.operation}`)).toContain('kubectl/Apply');
  });

  it('says who the user is with auth whoami', async () => {
    expect(await ok(['auth', 'whoami', '--context', 'sandbox-developer'])).toMatch(/Username\s+developer/);
    expect(await ok(['auth', 'whoami'])).toMatch(/Groups\s+\[system:masters system:authenticated\]/);
  });

  it('deletes a namespace: Terminating while its content goes, then gone', async () => {
    await ok(['create', 'namespace', 'doomed']);
    expect(await ok(['get', 'sa', 'default', '-n', 'doomed', '-o', 'name'])).toBe('serviceaccount/default\n');
    await ok(['apply', '-f', file('doomed.yaml', shipperIn('doomed'))]);
    await until(() => sandbox.api.list('pods', 'doomed').length > 0, 30_000, 'pods in doomed');
    await ok(['delete', 'namespace', 'doomed', '--wait=false']);
    expect(await ok(['get', 'namespace', 'doomed', '-o', 'jsonpath={.status.phase}'])).toBe('Terminating');
    expect(await fails(['create', 'configmap', 'late', '-n', 'doomed'])).toContain(
      'unable to create new content in namespace doomed because it is being terminated',
    );
    await ok(['wait', '--for=delete', 'namespace/doomed', '--timeout=60s']);
    expect(sandbox.api.list('pods', 'doomed')).toEqual([]);
  });

  it('lets a new RoleBinding take effect for the developer at once', async () => {
    const dev = ['--context', 'sandbox-developer'];
    expect((await kubectl(['auth', 'can-i', 'list', 'services', '-n', 'team-b', ...dev])).stdout.trim()).toBe('no');
    expect(await fails(['get', 'services', '-n', 'team-b', ...dev])).toContain(
      'services is forbidden: User "developer" cannot list resource "services" in API group "" in the namespace "team-b"',
    );
    await ok(['create', 'rolebinding', 'dev-view', '--clusterrole=view', '--user=developer', '-n', 'team-b']);
    expect((await kubectl(['auth', 'can-i', 'list', 'services', '-n', 'team-b', ...dev])).stdout.trim()).toBe('yes');
    await ok(['get', 'services', '-n', 'team-b', ...dev]);
    expect(await ok(['auth', 'can-i', '--list', '-n', 'team-b', ...dev])).toMatch(
      /services\s+\[\]\s+\[\]\s+\[get list watch\]/,
    );
    await ok(['delete', 'rolebinding', 'dev-view', '-n', 'team-b']);
    expect((await kubectl(['auth', 'can-i', 'list', 'services', '-n', 'team-b', ...dev])).stdout.trim()).toBe('no');
  });

  it("lets kubectl exec into the log shipper see its node's pod logs through its hostPath", async () => {
    const pod = sandbox.api.list('pods', 'logging').find((p) => p.spec.nodeName === 'worker-1');
    const name = pod?.metadata.name ?? '';
    const out = await ok(['exec', '-n', 'logging', name, '--', 'ls', '/var/log/pods']);
    expect(out).toContain(`logging_${name}_${pod?.metadata.uid ?? ''}\n`);
  });
});

describe('API answers for clients other than kubectl', () => {
  it('streams a watch for watch=True, as the Python client asks, and lists for watch=false', async () => {
    const watch = await client.watch(
      '/api/v1/namespaces/kube-system/serviceaccounts?watch=True&timeoutSeconds=5',
      (events) => events.some((e) => e.object.metadata?.name === 'default'),
    );
    expect(watch.status).toBe(200);
    expect(watch.events[0]?.type).toBe('ADDED');
    const list = await client.call('GET', '/api/v1/namespaces/kube-system/serviceaccounts?watch=false');
    expect(list.json().kind).toBe('ServiceAccountList');
  });

  it('answers bad input for the new kinds with the real Status codes and messages', async () => {
    const post = async (path: string, body: unknown) => (await client.call('POST', path, { body })).json();
    const svc = await post('/api/v1/namespaces/default/services', {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'bad' },
      spec: { ports: [{ port: 0 }, { port: 70000, name: 'b' }] },
    });
    expect(svc).toMatchObject({ code: 422, reason: 'Invalid' });
    expect(svc.message).toBe(
      'Service "bad" is invalid: [spec.ports[0].name: Required value, spec.ports[0].port: Invalid value: 0: must be between 1 and 65535, inclusive, spec.ports[0].targetPort: Invalid value: 0: must be between 1 and 65535, inclusive, spec.ports[1].port: Invalid value: 70000: must be between 1 and 65535, inclusive, spec.ports[1].targetPort: Invalid value: 70000: must be between 1 and 65535, inclusive]',
    );
    const pdb = await post('/apis/policy/v1/namespaces/default/poddisruptionbudgets', {
      metadata: { name: 'both' },
      spec: { minAvailable: 1, maxUnavailable: 1, selector: { matchLabels: { a: 'b' } } },
    });
    expect(pdb.code).toBe(422);
    expect(String(pdb.message)).toMatch(
      /^PodDisruptionBudget.policy "both" is invalid: spec: Invalid value: .*minAvailable and maxUnavailable cannot be both set$/,
    );
    const pc = await post('/apis/scheduling.k8s.io/v1/priorityclasses', {
      metadata: { name: 'huge' },
      value: 2000000000,
    });
    expect(pc.message).toBe(
      'PriorityClass.scheduling.k8s.io "huge" is invalid: value: Forbidden: maximum allowed value of a user defined priority is 1000000000',
    );
    const rb = {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'RoleBinding',
      metadata: { name: 'rb', namespace: 'default' },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'view' },
      subjects: [{ kind: 'User', name: 'x' }],
    };
    expect((await post('/apis/rbac.authorization.k8s.io/v1/namespaces/default/rolebindings', rb)).kind).toBe(
      'RoleBinding',
    );
    const changed = await client.call('PUT', '/apis/rbac.authorization.k8s.io/v1/namespaces/default/rolebindings/rb', {
      body: { ...rb, roleRef: { ...rb.roleRef, name: 'edit' } },
    });
    expect(changed.json().message).toBe(
      'RoleBinding.rbac.authorization.k8s.io "rb" is invalid: roleRef: Invalid value: rbac.RoleRef{APIGroup:"rbac.authorization.k8s.io", Kind:"ClusterRole", Name:"edit"}: cannot change roleRef',
    );
    const pod = await post('/api/v1/namespaces/default/pods', {
      metadata: { name: 'nosa' },
      spec: { serviceAccountName: 'ghost', containers: [{ name: 'c', image: 'nginx:1.27' }] },
    });
    expect(pod).toMatchObject({ code: 403, reason: 'Forbidden' });
    expect(pod.message).toBe(
      'pods "nosa" is forbidden: error looking up service account default/ghost: serviceaccount "ghost" not found',
    );
    const noPc = await post('/api/v1/namespaces/default/pods', {
      metadata: { name: 'nopc' },
      spec: { priorityClassName: 'ghost', containers: [{ name: 'c', image: 'nginx:1.27' }] },
    });
    expect(noPc.message).toBe('pods "nopc" is forbidden: no PriorityClass with name ghost was found');
    const del = await client.call('DELETE', '/apis/scheduling.k8s.io/v1/priorityclasses/system-node-critical');
    expect(del.json()).toMatchObject({
      code: 403,
      message:
        'priorityclasses.scheduling.k8s.io "system-node-critical" is forbidden: this is a system priority class and cannot be deleted',
    });
    const wrongKind = await post('/apis/rbac.authorization.k8s.io/v1/clusterrolebindings', {
      metadata: { name: 'w' },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'x' },
    });
    expect(wrongKind.message).toBe(
      'ClusterRoleBinding.rbac.authorization.k8s.io "w" is invalid: roleRef.kind: Unsupported value: "Role": supported values: "ClusterRole"',
    );
  });

  it('defaults containers from a LimitRange and enforces cpu and memory quotas', async () => {
    await ok(['create', 'namespace', 'limits']);
    await ok([
      'apply',
      '-f',
      file(
        'limits.yaml',
        `apiVersion: v1
kind: LimitRange
metadata: {name: defaults, namespace: limits}
spec:
  limits:
    - type: Container
      default: {cpu: 500m, memory: 256Mi}
      defaultRequest: {cpu: 200m, memory: 128Mi}
      max: {cpu: "1"}
---
apiVersion: v1
kind: ResourceQuota
metadata: {name: compute, namespace: limits}
spec:
  hard: {requests.cpu: 300m, limits.memory: 1Gi}
`,
      ),
    ]);
    await ok(['run', 'first', '--image=nginx:1.27', '-n', 'limits']);
    const first = sandbox.api.get('pods', 'limits', 'first');
    expect(first?.spec.containers[0].resources).toEqual({
      limits: { cpu: '500m', memory: '256Mi' },
      requests: { cpu: '200m', memory: '128Mi' },
    });
    expect(first?.metadata.annotations?.['kubernetes.io/limit-ranger']).toContain(
      'LimitRanger plugin set: cpu, memory request for container first',
    );
    await until(
      () => sandbox.api.get('resourcequotas', 'limits', 'compute')?.status?.used?.['requests.cpu'] === '200m',
      10_000,
      'quota usage',
    );
    expect(await fails(['run', 'second', '--image=nginx:1.27', '-n', 'limits'])).toContain(
      'pods "second" is forbidden: exceeded quota: compute, requested: requests.cpu=200m, used: requests.cpu=200m, limited: requests.cpu=300m',
    );
    expect(
      await fails([
        'run',
        'third',
        '--image=nginx:1.27',
        '-n',
        'limits',
        '--overrides={"spec":{"containers":[{"name":"third","image":"nginx:1.27","resources":{"limits":{"cpu":"2"}}}]}}',
      ]),
    ).toContain('pods "third" is forbidden: maximum cpu usage per Container is 1, but limit is 2');
  });
});
