// Real kubectl (1.32 for everything; 1.27 and 1.33 for apply, get ds and rollout status) against the sandbox cluster:
// DaemonSet placement, rollout with maxUnavailable observed on every committed change, history, undo, restart,
// cascading delete, RBAC for the developer, dry-run, conflicts, validation, quota and a missing image.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type KubeObject, type SandboxHandle } from '../../electron/sandbox-cluster/index.js';
import { KUBECTL_1_32, OTHER_KUBECTLS, runKubectl, type KubectlRun } from './kubectl.js';

const K132 = KUBECTL_1_32;
const OTHERS = OTHER_KUBECTLS;
const NS = 'team-a';

let sandbox: SandboxHandle;
let dir: string;

const kubectl = (args: string[], bin = K132): Promise<KubectlRun> => runKubectl(bin, args, join(dir, 'kubeconfig'));

async function ok(args: string[], bin = K132): Promise<string> {
  const run = await kubectl(args, bin);
  expect(run.code, `${bin} ${args.join(' ')}: ${run.stderr}`).toBe(0);
  return run.stdout;
}

function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

/** amd64 only: the arm64 worker is "unselected"; the control plane's NoSchedule taint is not tolerated. */
function daemonSet(
  name: string,
  namespace: string,
  image: string,
  opts: { selector?: string; podName?: string } = {},
): string {
  return `apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: ${opts.podName ?? name}
  namespace: ${namespace}
spec:
  selector:
    matchLabels: {app: ${opts.selector ?? name}}
  updateStrategy:
    type: RollingUpdate
    rollingUpdate: {maxUnavailable: 1}
  template:
    metadata:
      labels: {app: ${name}}
    spec:
      terminationGracePeriodSeconds: 4
      nodeSelector: {kubernetes.io/arch: amd64}
      containers:
      - name: agent
        image: ${image}
        readinessProbe:
          tcpSocket: {port: 8080}
          initialDelaySeconds: 2
`;
}

const podsOf = (namespace: string, owner: string): KubeObject[] =>
  sandbox.api.list('pods', namespace).filter((p) => p.metadata.ownerReferences?.some((r) => r.name === owner));

function isAvailable(pod: KubeObject): boolean {
  const conditions = (pod.status?.conditions ?? []) as { type: string; status: string }[];
  return !pod.metadata.deletionTimestamp && conditions.some((c) => c.type === 'Ready' && c.status === 'True');
}

async function until<T>(check: () => T | undefined | false, timeoutMs: number, what: string): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'sandbox-kubectl-'));
  sandbox = await startSandbox({ speed: 20, kubeconfigPath: join(dir, 'kubeconfig') });
});

afterAll(async () => {
  await sandbox.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('kubectl against the sandbox: DaemonSet lifecycle', () => {
  const manifestV1 = () => file('agent.yaml', daemonSet('agent', NS, 'nginx:1.27'));

  it('applies a DaemonSet, rolls it out and shows the real columns, one pod per eligible node', async () => {
    expect(await ok(['apply', '-f', manifestV1()])).toContain('daemonset.apps/agent created');
    expect(await ok(['rollout', 'status', 'ds/agent', '-n', NS, '--timeout=60s'])).toContain(
      'daemon set "agent" successfully rolled out',
    );
    const table = await ok(['get', 'ds', 'agent', '-n', NS]);
    const [header, row] = table.trim().split('\n');
    expect(header?.split(/\s{2,}/)).toEqual([
      'NAME',
      'DESIRED',
      'CURRENT',
      'READY',
      'UP-TO-DATE',
      'AVAILABLE',
      'NODE SELECTOR',
      'AGE',
    ]);
    expect(row?.split(/\s+/).slice(0, 7)).toEqual(['agent', '4', '4', '4', '4', '4', 'kubernetes.io/arch=amd64']);
    const nodes = podsOf(NS, 'agent')
      .map((p) => p.spec.nodeName as string)
      .sort();
    // worker-3 is arm64 (unselected), control-plane-1 is tainted; the cordoned worker-5 still gets its daemon pod.
    expect(nodes).toEqual(['worker-1', 'worker-2', 'worker-4', 'worker-5']);
    const logs = await ok(['logs', 'ds/agent', '-n', NS]);
    expect(logs).toContain('nginx: [notice] start worker processes');
  });

  it('works the same with kubectl 1.27 and 1.33', async () => {
    for (const [version, bin] of OTHERS) {
      const name = `agent-${version.replace('.', '-')}`;
      const path = file(`${name}.yaml`, daemonSet(name, NS, 'busybox:1.36'));
      expect(await ok(['apply', '-f', path], bin), version).toContain(`daemonset.apps/${name} created`);
      expect(await ok(['rollout', 'status', `ds/${name}`, '-n', NS, '--timeout=60s'], bin), version).toContain(
        'successfully rolled out',
      );
      const table = await ok(['get', 'ds', name, '-n', NS], bin);
      expect(table, version).toMatch(new RegExp(`^${name}\\s+4\\s+4\\s+4\\s+4\\s+4\\s+kubernetes.io/arch=amd64`, 'm'));
      await ok(['delete', 'ds', name, '-n', NS], bin);
    }
  });

  it('updates the image without ever having more than one node without an available pod', async () => {
    let worst = 0;
    let sawDeletion = false;
    const unsubscribe = sandbox.api.subscribe((event) => {
      if (event.resource !== 'pods' || event.object.metadata.namespace !== NS) return;
      if (event.object.metadata.deletionTimestamp) sawDeletion = true;
      const available = new Set(
        podsOf(NS, 'agent')
          .filter(isAvailable)
          .map((p) => p.spec.nodeName as string),
      );
      worst = Math.max(worst, 4 - available.size);
    });
    try {
      await ok(['set', 'image', 'ds/agent', 'agent=nginx:1.28', '-n', NS]);
      expect(await ok(['rollout', 'status', 'ds/agent', '-n', NS, '--timeout=60s'])).toContain(
        'successfully rolled out',
      );
    } finally {
      unsubscribe();
    }
    expect(sawDeletion).toBe(true);
    expect(worst).toBe(1);
    const images = podsOf(NS, 'agent').map((p) => (p.spec.containers as { image: string }[])[0]?.image);
    expect(images).toEqual(['nginx:1.28', 'nginx:1.28', 'nginx:1.28', 'nginx:1.28']);
  });

  it('lists history, undoes to the old image and restarts', async () => {
    const history = await ok(['rollout', 'history', 'ds/agent', '-n', NS]);
    expect(history).toMatch(/REVISION\s+CHANGE-CAUSE\n1\s+<none>\n2\s+<none>/);
    expect(await ok(['rollout', 'undo', 'ds/agent', '-n', NS])).toContain('daemonset.apps/agent rolled back');
    await ok(['rollout', 'status', 'ds/agent', '-n', NS, '--timeout=60s']);
    const image = await ok([
      'get',
      'ds',
      'agent',
      '-n',
      NS,
      '-o',
      'jsonpath={.spec.template.spec.containers[0].image}',
    ]);
    expect(image).toBe('nginx:1.27');
    expect(await ok(['rollout', 'history', 'ds/agent', '-n', NS])).toMatch(
      /REVISION\s+CHANGE-CAUSE\n2\s+<none>\n3\s+<none>/,
    );

    // kubectl compares revision data byte for byte with the live template: the current revision is recognised.
    expect(await ok(['rollout', 'undo', 'ds/agent', '-n', NS, '--to-revision=3'])).toContain(
      'skipped rollback (current template already matches revision 3)',
    );

    const before = new Set(podsOf(NS, 'agent').map((p) => p.metadata.name));
    expect(await ok(['rollout', 'restart', 'ds/agent', '-n', NS])).toContain('daemonset.apps/agent restarted');
    await ok(['rollout', 'status', 'ds/agent', '-n', NS, '--timeout=60s']);
    const after = podsOf(NS, 'agent');
    expect(after).toHaveLength(4);
    expect(after.some((p) => before.has(p.metadata.name))).toBe(false);
  });

  it('deletes the DaemonSet and its pods', async () => {
    expect(await ok(['delete', 'ds', 'agent', '-n', NS])).toContain('daemonset.apps "agent" deleted');
    await until(() => podsOf(NS, 'agent').length === 0, 20_000, 'pods removed');
    const left = await kubectl(['get', 'controllerrevisions', '-n', NS, '-o', 'name']);
    expect(left.stdout).not.toMatch(/controllerrevision.apps\/agent-/);
  });
});

describe('kubectl against the sandbox: cascading deletes', () => {
  it('orphans pods with --cascade=orphan, adopts them again, and deletes in the foreground', async () => {
    const path = file('cascade.yaml', daemonSet('cascade', 'team-b', 'nginx:1.27'));
    await ok(['apply', '-f', path]);
    await ok(['rollout', 'status', 'ds/cascade', '-n', 'team-b', '--timeout=60s']);
    const names = podsOf('team-b', 'cascade')
      .map((p) => p.metadata.name)
      .sort();
    expect(names).toHaveLength(4);

    await ok(['delete', 'ds', 'cascade', '-n', 'team-b', '--cascade=orphan']);
    const orphans = sandbox.api.list('pods', 'team-b').filter((p) => names.includes(p.metadata.name));
    expect(orphans).toHaveLength(4);
    expect(orphans.every((p) => !p.metadata.deletionTimestamp && !p.metadata.ownerReferences?.length)).toBe(true);

    await ok(['apply', '-f', path]);
    await until(() => podsOf('team-b', 'cascade').length === 4, 10_000, 'adoption');
    await ok(['rollout', 'status', 'ds/cascade', '-n', 'team-b', '--timeout=60s']);
    expect(
      podsOf('team-b', 'cascade')
        .map((p) => p.metadata.name)
        .sort(),
    ).toEqual(names);
    expect(await ok(['rollout', 'history', 'ds/cascade', '-n', 'team-b'])).toMatch(
      /REVISION\s+CHANGE-CAUSE\n1\s+<none>\s*$/,
    );

    // kubectl waits for the DaemonSet to disappear; in the foreground that happens only after its pods are gone.
    await ok(['delete', 'ds', 'cascade', '-n', 'team-b', '--cascade=foreground']);
    expect(sandbox.api.list('pods', 'team-b').filter((p) => names.includes(p.metadata.name))).toHaveLength(0);
  });
});

describe('kubectl against the sandbox: access, dry-run, conflicts, validation', () => {
  it('lets the developer work in team-a only', async () => {
    const dev = ['--context', 'sandbox-developer'];
    expect((await kubectl([...dev, 'auth', 'can-i', 'create', 'daemonsets', '-n', 'team-a'])).stdout.trim()).toBe(
      'yes',
    );
    const no = await kubectl([...dev, 'auth', 'can-i', 'create', 'daemonsets', '-n', 'kube-system']);
    expect(no.stdout.trim()).toBe('no');
    const all = await kubectl([...dev, 'get', 'ds', '-A']);
    expect(all.code).not.toBe(0);
    expect(all.stderr).toContain(
      'daemonsets.apps is forbidden: User "developer" cannot list resource "daemonsets" in API group "apps" at the cluster scope',
    );
  });

  it('persists nothing with apply --dry-run=server', async () => {
    const path = file('dry.yaml', daemonSet('dry', NS, 'nginx:1.27'));
    expect(await ok(['apply', '-f', path, '--dry-run=server'])).toContain(
      'daemonset.apps/dry created (server dry run)',
    );
    const get = await kubectl(['get', 'ds', 'dry', '-n', NS]);
    expect(get.stderr).toContain('daemonsets.apps "dry" not found');
    expect(sandbox.api.list('pods', NS).some((p) => p.metadata.name.startsWith('dry-'))).toBe(false);
  });

  it('refuses a stale update with 409', async () => {
    await ok(['apply', '-f', file('stale.yaml', daemonSet('stale', 'team-b', 'nginx:1.27'))]);
    const stale = await ok(['get', 'ds', 'stale', '-n', 'team-b', '-o', 'json']);
    await ok(['label', 'ds', 'stale', '-n', 'team-b', 'touched=yes']);
    const replace = await kubectl(['replace', '-f', file('stale.json', stale)]);
    expect(replace.code).not.toBe(0);
    expect(replace.stderr).toContain(
      'Operation cannot be fulfilled on daemonsets.apps "stale": the object has been modified; please apply your changes to the latest version and try again',
    );
    await ok(['delete', 'ds', 'stale', '-n', 'team-b']);
  });

  it('rejects an invalid name and a selector that does not match with 422 field causes', async () => {
    const badName = await kubectl([
      'create',
      '-f',
      file('bad-name.yaml', daemonSet('web', NS, 'nginx:1.27', { podName: 'Bad_Name' })),
      '-v=6',
    ]);
    expect(badName.code).not.toBe(0);
    expect(badName.stderr).toContain('The DaemonSet "Bad_Name" is invalid');
    expect(badName.stderr).toContain('metadata.name: Invalid value: "Bad_Name"');
    expect(badName.stderr).toMatch(/Response Status: 422|422 Unprocessable Entity/);

    const mismatch = await kubectl([
      'create',
      '-f',
      file('mismatch.yaml', daemonSet('web', NS, 'nginx:1.27', { selector: 'other' })),
    ]);
    expect(mismatch.code).not.toBe(0);
    expect(mismatch.stderr).toContain('The DaemonSet "web" is invalid');
    expect(mismatch.stderr).toContain('spec.template.metadata.labels: Invalid value');
    expect(mismatch.stderr).toContain('`selector` does not match template `labels`');
  });
});

describe('kubectl against the sandbox: quota and missing images', () => {
  it('records FailedCreate when the pods quota is exceeded', async () => {
    // `kubectl create quota` sends protobuf (typed client); a manifest goes through the JSON path.
    const quota =
      'apiVersion: v1\nkind: ResourceQuota\nmetadata: {name: tiny, namespace: team-b}\nspec:\n  hard: {pods: "2"}\n';
    await ok(['apply', '-f', file('quota.yaml', quota)]);
    await ok(['apply', '-f', file('greedy.yaml', daemonSet('greedy', 'team-b', 'nginx:1.27'))]);
    const deadline = Date.now() + 20_000;
    let message = '';
    while (!message && Date.now() < deadline) {
      const events = JSON.parse(
        await ok(['get', 'events', '-n', 'team-b', '--field-selector', 'reason=FailedCreate', '-o', 'json']),
      ) as {
        items: { message: string; type: string; involvedObject: { name: string } }[];
      };
      const hit = events.items.find((e) => e.involvedObject.name === 'greedy');
      if (hit) {
        expect(hit.type).toBe('Warning');
        message = hit.message;
      } else await new Promise((r) => setTimeout(r, 200));
    }
    expect(message).toMatch(
      /^Error creating: pods "greedy-[a-z0-9]*" is forbidden: exceeded quota: tiny, requested: pods=1, used: pods=2, limited: pods=2$/,
    );
    expect(podsOf('team-b', 'greedy')).toHaveLength(2);
    await ok(['delete', 'ds', 'greedy', '-n', 'team-b']);
    await ok(['delete', 'quota', 'tiny', '-n', 'team-b']);
  });

  it('shows ImagePullBackOff and Warning events for a missing image, and the DaemonSet stays unavailable', async () => {
    await ok(['apply', '-f', file('missing.yaml', daemonSet('missing', 'default', 'invalid.example/tools/agent:1.0'))]);
    await until(
      () =>
        podsOf('default', 'missing').filter((p) => JSON.stringify(p.status ?? {}).includes('ImagePullBackOff'))
          .length === 4,
      20_000,
      'ImagePullBackOff on every pod',
    );
    const pods = await ok(['get', 'pods', '-n', 'default', '-l', 'app=missing']);
    expect(pods).toMatch(/missing-\S+\s+0\/1\s+(ImagePullBackOff|ErrImagePull)/);
    const events = await ok(['get', 'events', '-n', 'default', '--field-selector', 'type=Warning', '-o', 'json']);
    const reasons = (JSON.parse(events) as { items: { reason: string; message: string }[] }).items;
    expect(
      reasons.some(
        (e) => e.reason === 'Failed' && e.message.startsWith('Failed to pull image "invalid.example/tools/agent:1.0"'),
      ),
    ).toBe(true);
    expect(reasons.some((e) => e.reason === 'Failed' && e.message === 'Error: ImagePullBackOff')).toBe(true);
    const podName = podsOf('default', 'missing')[0]?.metadata.name ?? '';
    const noLogs = await kubectl(['logs', podName, '-n', 'default']);
    expect(noLogs.stderr).toContain(
      `container "agent" in pod "${podName}" is waiting to start: trying and failing to pull image`,
    );
    const status = await kubectl(['rollout', 'status', 'ds/missing', '-n', 'default', '--timeout=2s']);
    expect(status.code).not.toBe(0);
    const ds = JSON.parse(await ok(['get', 'ds', 'missing', '-n', 'default', '-o', 'json'])) as {
      status: Record<string, number>;
    };
    expect(ds.status.desiredNumberScheduled).toBe(4);
    expect(ds.status.numberAvailable ?? 0).toBe(0);
    expect(ds.status.numberUnavailable).toBe(4);
  });
});
