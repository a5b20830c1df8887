// Light-pod mode (issue 17): real kubectl reads light pods and nodes as any others (table, JSON, label selectors), a
// rollout step moves pods to the new revision, and a failure state shows its kubelet reason in kubectl's STATUS.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type SandboxHandle } from '../../electron/sandbox-cluster/index.js';
import { kubectlOutput } from './kubectl.js';

const NS = 'agents';
let sandbox: SandboxHandle;
let dir: string;
const kubectl = (args: string[]): Promise<string> => kubectlOutput(args, join(dir, 'kubeconfig'));
const podLines = async (args: string[]): Promise<string[][]> =>
  (await kubectl(['get', 'pods', '-n', NS, '--no-headers', ...args]))
    .trim()
    .split('\n')
    .map((line) => line.trim().split(/\s+/));

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'everynode-light-'));
  sandbox = await startSandbox({ light: true, kubeconfigPath: join(dir, 'kubeconfig') });
  sandbox.light.addNodes(3);
  sandbox.light.addDaemonSet({ namespace: NS, name: 'node-agent', image: 'example.com/agent:1.0.0' });
});

afterAll(async () => {
  await sandbox?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('light-pod mode through kubectl', () => {
  it('serves only the light nodes, and one running pod of the DaemonSet on each', async () => {
    const nodes = (await kubectl(['get', 'nodes', '--no-headers'])).trim().split('\n');
    expect(nodes.map((line) => line.split(/\s+/).slice(0, 2))).toEqual([
      ['node-00000', 'Ready'],
      ['node-00001', 'Ready'],
      ['node-00002', 'Ready'],
    ]);
    const rows = await podLines(['-o', 'wide']);
    expect(rows.map((r) => [r[1], r[2], r[6]])).toEqual([
      ['1/1', 'Running', 'node-00000'],
      ['1/1', 'Running', 'node-00001'],
      ['1/1', 'Running', 'node-00002'],
    ]);
  });

  it('a light pod read with kubectl get -o json has its owner, revision hash, node, image and status', async () => {
    const [name] = (await podLines([]))[0] ?? [];
    const pod = JSON.parse(await kubectl(['get', 'pod', '-n', NS, name ?? '', '-o', 'json'])) as {
      metadata: { uid: string; labels: Record<string, string>; ownerReferences: { kind: string; name: string }[] };
      spec: { nodeName: string; containers: { name: string; image: string }[] };
      status: { phase: string; containerStatuses: { ready: boolean }[] };
    };
    expect(pod.metadata.uid).toMatch(/^[0-9a-f-]{36}$/);
    expect(pod.metadata.ownerReferences.map((o) => `${o.kind}/${o.name}`)).toEqual(['DaemonSet/node-agent']);
    const ds = JSON.parse(await kubectl(['get', 'ds', '-n', NS, 'node-agent', '-o', 'json'])) as {
      status: { numberReady: number; desiredNumberScheduled: number };
    };
    const revisions = await kubectl(['get', 'controllerrevisions', '-n', NS, '-o', 'name']);
    expect(revisions.trim()).toBe(
      `controllerrevision.apps/node-agent-${pod.metadata.labels['controller-revision-hash']}`,
    );
    expect(pod.spec.containers).toEqual([{ name: 'agent', image: 'example.com/agent:1.0.0' }]);
    expect(pod.status.phase).toBe('Running');
    expect(pod.status.containerStatuses[0]?.ready).toBe(true);
    expect(ds.status).toMatchObject({ numberReady: 3, desiredNumberScheduled: 3 });
  });

  it('a rollout step moves that many pods to the new revision; a failure state shows its reason', async () => {
    const hash = sandbox.light.startRollout(NS, 'node-agent', 'example.com/agent:1.1.0');
    expect(sandbox.light.rolloutStep(NS, 'node-agent', 2)).toEqual({ moved: 2, remaining: 1 });
    const updated = await podLines(['-l', `controller-revision-hash=${hash}`, '-o', 'wide']);
    expect(updated.map((r) => r[2])).toEqual(['Running', 'Running']);
    expect(new Set(updated.map((r) => r[6])).size).toBe(2);
    expect(await podLines([])).toHaveLength(3);

    expect(sandbox.light.setState(NS, 'node-agent', { running: false, reason: 'ImagePullBackOff' })).toBe(3);
    expect((await podLines([])).map((r) => [r[1], r[2]])).toEqual([
      ['0/1', 'ImagePullBackOff'],
      ['0/1', 'ImagePullBackOff'],
      ['0/1', 'ImagePullBackOff'],
    ]);
  });
});
