// The pod panel's backend (issue 15) on a real sandbox with real kubectl: the podView stream shows one pod with its
// containers' last terminations (a crash-looping container's Error, exit code 1) and only the events about that pod;
// a pod deleted while watched stays as its last picture, marked deleted; a name that exists nowhere says not-found;
// a name that is not a pod name never reaches a field selector.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PodView } from '../../electron/contract/index.js';
import { dispatch } from '../../electron/host/dispatch.js';
import { startSandbox, type SandboxHandle } from '../../electron/sandbox-cluster/index.js';
import type { Backend } from '../../electron/backend/index.js';
import { kubectlOutput } from './kubectl.js';
import { backendFor, Client, connectedContext, kubeconfigFileOf, waitFor } from './backend-harness.js';

let sandbox: SandboxHandle;
let backend: Backend;
let client: Client;
let context: string;
let kubeconfig: string;
const NS = 'pv';

const kubectl = (args: string[]): Promise<string> => kubectlOutput(args, kubeconfig);

beforeAll(async () => {
  sandbox = await startSandbox({ speed: 25, nodes: 3 });
  let dir: string;
  ({ dir, file: kubeconfig } = kubeconfigFileOf(sandbox, 'everynode-podview-'));
  ({ backend } = await backendFor([kubeconfig], { tuning: { flushMs: 20 } }));
  client = new Client(backend);
  context = await connectedContext(client);
  const file = path.join(dir, 'ds.yaml');
  fs.writeFileSync(
    file,
    `apiVersion: v1
kind: Namespace
metadata: { name: ${NS} }
---
apiVersion: apps/v1
kind: DaemonSet
metadata: { name: crashy, namespace: ${NS} }
spec:
  selector: { matchLabels: { app: crashy } }
  template:
    metadata: { labels: { app: crashy } }
    spec: { terminationGracePeriodSeconds: 1, containers: [{ name: main, image: busybox:crashloop }] }
`,
  );
  await kubectl(['apply', '-f', file]);
}, 60_000);

afterAll(async () => {
  await backend?.dispose();
  await sandbox?.stop();
});

async function podNames(): Promise<string[]> {
  const out = await kubectl(['get', 'pods', '-n', NS, '-o', 'jsonpath={.items[*].metadata.name}']);
  return out.split(' ').filter(Boolean).sort();
}

describe('podView stream', () => {
  it('shows a pod, how its container last ended, and only its own events; a deleted pod stays, marked deleted', async () => {
    await waitFor(async () => (await podNames()).length >= 2, 15_000, 'the DaemonSet’s pods');
    const [name = '', other = ''] = await podNames();
    const id = await client.open('podView', context, NS, name);
    const view = (): PodView | undefined => client.deltas(id, 'podView').at(-1);
    // Two watches (the pod, its events): either may arrive first.
    await waitFor(
      () =>
        view()?.pod?.lastTerminations.main !== undefined && view()?.events.some((e) => e.reason === 'Started') === true,
      20_000,
      'a last termination and the Started event',
    );
    const v = view();
    expect(v?.state).toBe('ok');
    expect(v?.pod).toMatchObject({ name, namespace: NS, owner: { kind: 'DaemonSet', name: 'crashy' } });
    expect(v?.pod?.lastTerminations.main).toMatchObject({ reason: 'Error', exitCode: 1 });
    expect(v?.pod?.containers.map((c) => c.image)).toEqual([expect.stringContaining('busybox:crashloop')]);
    expect(v?.events.map((e) => e.reason)).toContain('Started');
    expect(new Set(v?.events.map((e) => e.object.name))).toEqual(new Set([name]));
    expect(v?.events.length).toBeGreaterThan(0);
    expect(other).not.toBe(name);

    await kubectl(['delete', 'pod', name, '-n', NS, '--wait=true']);
    await waitFor(() => view()?.state === 'deleted', 15_000, 'the deleted state');
    expect(view()?.pod?.name).toBe(name);
    await client.services.streams.dispose(id);
  });

  it('says not-found for a pod that does not exist', async () => {
    const id = await client.open('podView', context, NS, 'nowhere-12345');
    await waitFor(() => client.deltas(id, 'podView').at(-1)?.state === 'not-found', 10_000, 'not-found');
    await client.services.streams.dispose(id);
  });

  it('refuses a pod name that would add terms to the field selector', async () => {
    const answer = await dispatch(client.services, 'everynode:streams.open', [
      'podView',
      [context, NS, 'x,metadata.namespace=kube-system'],
    ]);
    expect(answer.ok ? 'accepted' : answer.error.message).toMatch(/2: must be a pod name/);
  });
});
