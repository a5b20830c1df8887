// Every way the sandbox leaves a DaemonSet stuck, as a real cluster does, read back with real kubectl (get, describe,
// events, logs): no room on a node, a host port taken, a missing Secret for env, a missing volume source, a crashing
// container (and a crashing init container), a readiness probe that never passes; then a fix taking effect.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Pod } from '../../electron/sandbox-cluster/controllers/kinds.js';
import { startSandbox, type SandboxHandle } from '../../electron/sandbox-cluster/index.js';
import { daemonSetYaml } from '../support/manifests.js';
import { kubectlOutput, runKubectl } from './kubectl.js';

const NS = 'stuck';
let sandbox: SandboxHandle;
let dir: string;
const kubeconfig = () => join(dir, 'kubeconfig');
const kubectl = (args: string[]) => kubectlOutput(args, kubeconfig());

// Short grace periods, so that the pods the fix at the end replaces go quickly.
const daemonSet = (name: string, spec: string): string =>
  daemonSetYaml(name, NS, `terminationGracePeriodSeconds: 2\n${spec.trim()}`);

const MANIFEST = `apiVersion: v1
kind: Namespace
metadata: {name: ${NS}}
${daemonSet(
  'cpu-hog',
  `tolerations: [{operator: Exists}]
containers: [{name: agent, image: nginx:1.27, resources: {requests: {cpu: "2"}}}]`,
)}${daemonSet(
  'port-clash',
  `tolerations: [{operator: Exists}]
containers: [{name: agent, image: nginx:1.27, ports: [{containerPort: 9100, hostPort: 9100}]}]`,
)}${daemonSet(
  'env-secret',
  `containers:
- name: agent
  image: nginx:1.27
  env: [{name: TOKEN, valueFrom: {secretKeyRef: {name: nope, key: token}}}]`,
)}${daemonSet(
  'mount-missing',
  `volumes: [{name: certs, secret: {secretName: agent-tls}}]
containers: [{name: agent, image: nginx:1.27, volumeMounts: [{name: certs, mountPath: /certs}]}]`,
)}${daemonSet('crashy', 'containers: [{name: agent, image: example/agent:crashloop}]')}${daemonSet(
  'init-crash',
  `initContainers: [{name: setup, image: example/setup:crashloop}]
containers: [{name: agent, image: nginx:1.27}]`,
)}${daemonSet(
  'no-account',
  `serviceAccountName: fluent-bit
containers: [{name: agent, image: nginx:1.27}]`,
)}${daemonSet(
  'never-ready',
  `containers:
- name: agent
  image: example/agent:unready
  readinessProbe: {httpGet: {path: /healthz, port: 8080}, periodSeconds: 5}`,
)}`;

/** kubectl get pods of one DaemonSet: NAME READY STATUS RESTARTS AGE IP NODE, by node. */
async function podRows(app: string): Promise<Map<string, string[]>> {
  const out = await kubectl(['get', 'pods', '-n', NS, '-l', `app=${app}`, '-o', 'wide', '--no-headers']);
  const rows = new Map<string, string[]>();
  for (const line of out.trim().split('\n')) {
    const cols = line.trim().split(/\s+/);
    rows.set(cols[6] === '<none>' ? (cols[0] ?? '') : (cols[6] ?? ''), cols);
  }
  return rows;
}

async function until<T>(what: string, check: () => Promise<T | undefined | false>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** The messages of the events that match a field selector, as kubectl prints them. */
const eventMessages = (selector: string) =>
  kubectl(['get', 'events', '-n', NS, '--field-selector', selector, '-o', 'jsonpath={.items[*].message}']);
const podsOf = (app: string) => sandbox.api.list('pods', NS, { app }) as Pod[];
const waitingReason = (p: Pod, init = false) =>
  (
    (init ? p.status?.initContainerStatuses : p.status?.containerStatuses) as {
      state: { waiting?: { reason: string } };
    }[]
  )?.[0]?.state.waiting?.reason;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'stuck-'));
  sandbox = await startSandbox({ nodes: 6, speed: 20, kubeconfigPath: join(dir, 'kubeconfig') });
  const file = join(dir, 'stuck.yaml');
  writeFileSync(file, MANIFEST);
  const applied = await runKubectl('kubectl', ['apply', '-f', file], kubeconfig());
  expect(applied.stderr).toBe('');
  // Every DaemonSet has its pods, and each stuck state has been reached at least once.
  await until('every stuck state', async () => {
    const all = ['cpu-hog', 'port-clash', 'env-secret', 'mount-missing', 'crashy', 'init-crash', 'never-ready'];
    if (all.some((app) => podsOf(app).length === 0)) return false;
    return (
      podsOf('crashy').every((p) => waitingReason(p) === 'CrashLoopBackOff') &&
      podsOf('init-crash').every((p) => waitingReason(p, true) === 'CrashLoopBackOff') &&
      podsOf('env-secret').every((p) => waitingReason(p) === 'CreateContainerConfigError')
    );
  });
}, 60_000);

afterAll(async () => {
  await sandbox.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('stuck DaemonSets, as kubectl shows them', () => {
  it('a request bigger than a node has left stays Pending there with the scheduler own message', async () => {
    const rows = await podRows('cpu-hog');
    // 2 CPUs fit the 4-CPU workers; the control plane (static pods) and the smaller arm64 worker have no room.
    const pending = [...rows.values()].filter((r) => r[2] === 'Pending');
    expect(pending).toHaveLength(2);
    expect([...rows.keys()].filter((n) => n.startsWith('worker')).sort()).toEqual([
      'worker-1',
      'worker-2',
      'worker-4',
      'worker-5',
    ]);
    const described = await kubectl(['describe', 'pod', '-n', NS, pending[0]?.[0] ?? '']);
    expect(described).toMatch(/Status:\s+Pending/);
    expect(described).toContain(
      "0/6 nodes are available: 1 Insufficient cpu, 5 node(s) didn't satisfy plugin(s) [NodeAffinity]. preemption: 0/6 nodes are available: 1 No preemption victims found for incoming pod, 5 Preemption is not helpful for scheduling.",
    );
    const ds = await kubectl([
      'get',
      'ds',
      'cpu-hog',
      '-n',
      NS,
      '-o',
      'jsonpath={.status.desiredNumberScheduled} {.status.currentNumberScheduled} {.status.numberReady}',
    ]);
    expect(ds).toBe('6 6 4');
  });

  it('a host port another DaemonSet holds keeps every pod Pending', async () => {
    const rows = await podRows('port-clash');
    expect([...rows.values()].map((r) => r[2])).toEqual(Array(6).fill('Pending'));
    const events = await eventMessages('reason=FailedScheduling');
    expect(events).toContain(
      "0/6 nodes are available: 1 node(s) didn't have free ports for the requested pod ports, 5 node(s) didn't satisfy plugin(s) [NodeAffinity].",
    );
  });

  it('a missing Secret for env gives CreateContainerConfigError with the kubelet message, until it exists', async () => {
    const rows = await podRows('env-secret');
    expect(rows.size).toBe(5);
    expect([...rows.values()].map((r) => r[2])).toEqual(Array(5).fill('CreateContainerConfigError'));
    const name = [...rows.values()][0]?.[0] ?? '';
    expect(await kubectl(['describe', 'pod', '-n', NS, name])).toContain('Error: secret "nope" not found');
    const logs = await runKubectl('kubectl', ['logs', '-n', NS, name], kubeconfig());
    expect(logs.stderr).toContain(`container "agent" in pod "${name}" is waiting to start: CreateContainerConfigError`);

    await kubectl(['create', 'secret', 'generic', 'nope', '-n', NS, '--from-literal=token=t0k3n']);
    await until('env-secret Running', async () => {
      const r = await podRows('env-secret');
      return [...r.values()].every((row) => row[2] === 'Running' && row[1] === '1/1');
    });
  });

  it('a missing Secret volume keeps pods ContainerCreating with FailedMount events', async () => {
    const rows = await podRows('mount-missing');
    expect([...rows.values()].map((r) => r[2])).toEqual(Array(5).fill('ContainerCreating'));
    const name = [...rows.values()][0]?.[0] ?? '';
    expect(await kubectl(['describe', 'pod', '-n', NS, name])).toMatch(
      /FailedMount .*MountVolume\.SetUp failed for volume "certs" : secret "agent-tls" not found/,
    );
  });

  it('a crashing container loops with back-off, restarts and the previous container logs', async () => {
    const pod = podsOf('crashy')[0] as Pod;
    const name = pod.metadata.name;
    const state = await kubectl([
      'get',
      'pod',
      name,
      '-n',
      NS,
      '-o',
      'jsonpath={.status.containerStatuses[0].lastState.terminated.exitCode} {.status.containerStatuses[0].lastState.terminated.reason}',
    ]);
    expect(state).toBe('1 Error');
    const described = await kubectl(['describe', 'pod', '-n', NS, name]);
    expect(described).toMatch(/Restart Count:\s+[1-9]/);
    expect(described).toMatch(/Back-off restarting failed container agent in pod /);
    const previous = await kubectl(['logs', '-n', NS, name, '--previous']);
    expect(previous.trim().split('\n').at(-1)).toBe('exiting with status 1');
    // The kubelet restarts the init container when its back-off ends (Init:0/1 while it runs, Init:Error as it exits),
    // then backs off again: kubectl's column shows Init:CrashLoopBackOff between restarts, not at every read.
    // Every pod shows it at one read (until throws when that never happens).
    await until('Init:CrashLoopBackOff in kubectl for every pod', async () => {
      const seen = new Set([...(await podRows('init-crash')).values()].map((r) => r[2]));
      return seen.size === 1 && seen.has('Init:CrashLoopBackOff');
    });
  });

  it('a ServiceAccount that does not exist: no pod at all, and the controller FailedCreate event names it', async () => {
    expect(await kubectl(['get', 'pods', '-n', NS, '-l', 'app=no-account', '-o', 'name'])).toBe('');
    const events = await until('FailedCreate', async () => {
      const out = await eventMessages('reason=FailedCreate,involvedObject.name=no-account');
      return out || undefined;
    });
    expect(events).toContain(
      'Error creating: pods "no-account-" is forbidden: error looking up service account stuck/fluent-bit: serviceaccount "fluent-bit" not found',
    );
    expect(
      await kubectl(['get', 'ds', 'no-account', '-n', NS, '-o', 'jsonpath={.status.currentNumberScheduled}']),
    ).toBe('0');
  });

  it('an evicted pod terminates for its whole grace period, then is gone', async () => {
    await kubectl([
      'run',
      'evictee',
      '-n',
      NS,
      '--image=nginx:1.27',
      '--overrides={"spec":{"terminationGracePeriodSeconds":40}}',
    ]);
    await until('evictee Running', async () =>
      (await kubectl(['get', 'pod', 'evictee', '-n', NS])).includes('Running'),
    );
    const eviction = join(dir, 'eviction.json');
    writeFileSync(
      eviction,
      JSON.stringify({ apiVersion: 'policy/v1', kind: 'Eviction', metadata: { name: 'evictee', namespace: NS } }),
    );
    const started = Date.now();
    await kubectl(['create', '--raw', `/api/v1/namespaces/${NS}/pods/evictee/eviction`, '-f', eviction]);
    expect(await kubectl(['get', 'pod', 'evictee', '-n', NS, '--no-headers'])).toContain('Terminating');
    await until('evictee gone', async () => {
      const run = await runKubectl('kubectl', ['get', 'pod', 'evictee', '-n', NS], kubeconfig());
      return run.stderr.includes('NotFound');
    });
    // 40 s at speed 20: two seconds, not at once.
    expect(Date.now() - started).toBeGreaterThanOrEqual(1500);
  });

  it('a deleted namespace stays Terminating while its pods use their grace period', async () => {
    await kubectl(['create', 'namespace', 'leaving']);
    await kubectl([
      'run',
      'slow',
      '-n',
      'leaving',
      '--image=nginx:1.27',
      '--overrides={"spec":{"terminationGracePeriodSeconds":40}}',
    ]);
    await until('slow Running', async () =>
      (await kubectl(['get', 'pod', 'slow', '-n', 'leaving'])).includes('Running'),
    );
    const started = Date.now();
    await kubectl(['delete', 'namespace', 'leaving', '--wait=false']);
    await until('the pod Terminating', async () =>
      (await kubectl(['get', 'pod', 'slow', '-n', 'leaving', '--no-headers'])).includes('Terminating'),
    );
    expect(await kubectl(['get', 'namespace', 'leaving', '-o', 'jsonpath={.status.phase}'])).toBe('Terminating');
    await until('the namespace gone', async () => {
      const run = await runKubectl('kubectl', ['get', 'namespace', 'leaving'], kubeconfig());
      return run.stderr.includes('NotFound');
    });
    expect(Date.now() - started).toBeGreaterThanOrEqual(1500);
  });

  it('a readiness probe that never passes leaves pods Running but not ready, with Unhealthy events', async () => {
    const rows = await podRows('never-ready');
    expect([...rows.values()].map((r) => `${r[1]} ${r[2]}`)).toEqual(Array(5).fill('0/1 Running'));
    const events = await eventMessages('reason=Unhealthy');
    expect(events).toMatch(/^Readiness probe failed: HTTP probe failed with statuscode: 503( |$)/);
    const rollout = await runKubectl(
      'kubectl',
      ['rollout', 'status', 'ds/never-ready', '-n', NS, '--timeout=1s'],
      kubeconfig(),
    );
    expect(rollout.code).not.toBe(0);
    expect(rollout.stdout).toContain('0 of 5 updated pods are available');
  });
});
