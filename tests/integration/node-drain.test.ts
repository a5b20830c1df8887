// The node view's backend on a real sandbox with real kubectl: the nodeView stream shows a node's pods and a
// DaemonSet that does not run there; drain refuses a pod without a controller before changing anything, retries a
// PodDisruptionBudget's 429 until its time is up and reports the pods blocked, evicts once the budget allows it;
// uncordon clears spec.unschedulable.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NodeView } from '../../electron/contract/index.js';
import { startSandbox, type SandboxHandle } from '../../electron/sandbox-cluster/index.js';
import type { Backend } from '../../electron/backend/index.js';
import { kubectlOutput } from './kubectl.js';
import { backendFor, Client, connectedContext, kubeconfigFileOf, waitFor } from './backend-harness.js';

let sandbox: SandboxHandle;
let backend: Backend;
let client: Client;
let context: string;
let kubeconfig: string;
let dir: string;
const NODE = 'worker-1';
const none = { force: false, deleteEmptyDirData: false };

const kubectl = (args: string[]): Promise<string> => kubectlOutput(args, kubeconfig);
const apply = async (name: string, yaml: string): Promise<void> => {
  fs.writeFileSync(path.join(dir, name), yaml);
  await kubectl(['apply', '-f', path.join(dir, name)]);
};
const pod = (name: string, owner: string) => `apiVersion: v1
kind: Pod
metadata: { name: ${name}, namespace: drain, labels: { app: web }${owner} }
spec: { nodeName: ${NODE}, terminationGracePeriodSeconds: 1, containers: [{ name: web, image: nginx:1.27.3 }] }
`;
const unschedulable = async () => (await kubectl(['get', 'node', NODE, '-o', 'jsonpath={.spec.unschedulable}'])).trim();

beforeAll(async () => {
  sandbox = await startSandbox({ speed: 25, nodes: 3 });
  ({ dir, file: kubeconfig } = kubeconfigFileOf(sandbox, 'everynode-drain-'));
  ({ backend } = await backendFor([kubeconfig], { tuning: { flushMs: 20, drainRetryMs: 50, drainTimeoutMs: 300 } }));
  client = new Client(backend);
  context = await connectedContext(client);
  await apply(
    'base.yaml',
    `apiVersion: v1
kind: Namespace
metadata: { name: drain }
---
apiVersion: apps/v1
kind: ReplicaSet
metadata: { name: web, namespace: drain }
spec:
  replicas: 2
  selector: { matchLabels: { app: web } }
  template: { metadata: { labels: { app: web } }, spec: { containers: [{ name: web, image: nginx:1.27.3 }] } }
---
apiVersion: apps/v1
kind: DaemonSet
metadata: { name: gpu-agent, namespace: drain }
spec:
  selector: { matchLabels: { app: gpu-agent } }
  template:
    metadata: { labels: { app: gpu-agent } }
    spec: { nodeSelector: { accelerator: nvidia }, containers: [{ name: main, image: busybox:1.36 }] }
---
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata: { name: web, namespace: drain }
spec: { minAvailable: 2, selector: { matchLabels: { app: web } } }
`,
  );
  const uid = (await kubectl(['get', 'rs', 'web', '-n', 'drain', '-o', 'jsonpath={.metadata.uid}'])).trim();
  const owned = `, ownerReferences: [{ apiVersion: apps/v1, kind: ReplicaSet, name: web, uid: "${uid}", controller: true }]`;
  await apply('pods.yaml', [pod('web-a', owned), pod('web-b', owned), pod('bare', '')].join('---\n'));
  await kubectl(['wait', '-n', 'drain', '--for=condition=Ready', 'pod/web-a', 'pod/web-b', '--timeout=20s']);
}, 60_000);

afterAll(async () => {
  await backend?.dispose();
  await sandbox?.stop();
});

describe('node view backend', () => {
  it('streams the node with its pods and the DaemonSets that do not run there, and why', async () => {
    const id = await client.open('nodeView', context, NODE);
    const view = (): NodeView | undefined => client.deltas(id, 'nodeView').at(-1);
    await waitFor(() => view()?.state === 'ok' && view()?.otherPods.length === 3, 10_000, 'the node view');
    const v = view();
    expect(v?.may).toEqual({ cordon: true, drain: true });
    expect(v?.otherPods.map((p) => [p.name, p.owner, p.needs])).toEqual([
      ['bare', '', ['force']],
      ['web-a', 'ReplicaSet web', []],
      ['web-b', 'ReplicaSet web', []],
    ]);
    expect(v?.absent.find((d) => d.name === 'gpu-agent')?.reason).toEqual({
      kind: 'nodeSelector',
      detail: 'accelerator=nvidia',
    });
    expect(v?.daemonPods.map((d) => d.daemonSet)).toContain('kube-proxy');
    await client.services.streams.dispose(id);
  });

  it('refuses the whole drain for a pod without a controller, before cordoning', async () => {
    const web = [{ namespace: 'drain', name: 'web-a' }];
    await expect(client.services.nodeView.drain(context, NODE, web, none)).rejects.toThrow(
      /drain\/bare would need --force/,
    );
    expect(await unschedulable()).toBe('');
  });

  it('retries a budget that allows no disruption, then reports the pods blocked; evicts once it allows', async () => {
    const pods = [
      { namespace: 'drain', name: 'bare' },
      { namespace: 'drain', name: 'web-a' },
    ];
    const blocked = await client.services.nodeView.drain(context, NODE, pods, { ...none, force: true });
    expect(blocked.cordoned).toBe(true);
    expect(await unschedulable()).toBe('true');
    const outcome = Object.fromEntries(blocked.pods.map((p) => [p.name, p.outcome]));
    // bare has no budget; web-a's budget wants both web pods; web-b was not confirmed, so it is left.
    expect(outcome).toEqual({ bare: 'evicted', 'web-a': 'blocked', 'web-b': 'not-confirmed' });
    expect(blocked.pods.find((p) => p.name === 'web-a')?.message).toMatch(/disruption budget/i);
    await kubectl(['delete', 'pdb', 'web', '-n', 'drain']);
    const done = await client.services.nodeView.drain(context, NODE, pods.slice(1), { ...none, force: true });
    expect(done.pods.find((p) => p.name === 'web-a')?.outcome).toBe('evicted');
    await waitFor(
      async () => !(await kubectl(['get', 'pods', '-n', 'drain', '-o', 'name'])).includes('web-a'),
      10_000,
      'web-a evicted',
    );
    await client.services.nodeView.cordon(context, NODE, false);
    expect(await unschedulable()).toBe('');
  });
});
