// The detail page's backend on a real sandbox cluster with real kubectl: one DaemonSet's pods, nodes with eligibility,
// events and revisions arrive live; rollback restores the old image as kubectl sees it; a deleted pod is replaced;
// logs read and follow; the DaemonSet deleted with kubectl is reported as deleted.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DaemonSetDetail, LogChunk } from '../../electron/contract/index.js';
import { applyDetail } from '../../common/detail-delta.js';
import { startSandbox, type SandboxHandle } from '../../electron/sandbox-cluster/index.js';
import type { Backend } from '../../electron/backend/index.js';
import { kubectlOutput } from './kubectl.js';
import { backendFor, Client, connectedContext, contextOfRole, kubeconfigFileOf, waitFor } from './backend-harness.js';

let sandbox: SandboxHandle;
let backend: Backend;
let client: Client;
let context: string;
let kubeconfig: string;
const NS = 'team-a';

const kubectl = (args: string[]): Promise<string> => kubectlOutput(args, kubeconfig);

const manifest = (name: string, image: string): string => `apiVersion: apps/v1
kind: DaemonSet
metadata: {name: ${name}, namespace: ${NS}}
spec:
  selector: {matchLabels: {app: ${name}}}
  updateStrategy: {type: RollingUpdate, rollingUpdate: {maxUnavailable: 2}}
  template:
    metadata: {labels: {app: ${name}}}
    spec:
      terminationGracePeriodSeconds: 2
      containers:
      - {name: agent, image: ${image}}
`;

// The stream sends a reset, then changes: the page's picture is them applied in turn, by the renderer's own rule.
const latest = (id: string): DaemonSetDetail | undefined =>
  client
    .deltas(id, 'daemonSetDetail')
    .reduce<DaemonSetDetail | null>((picture, delta) => applyDetail(picture, delta), null) ?? undefined;

const logChunks = (id: string): LogChunk[] => client.deltas(id, 'logs');

beforeAll(async () => {
  sandbox = await startSandbox({ speed: 25, nodes: 6 });
  const { dir, file } = kubeconfigFileOf(sandbox, 'everynode-detail-');
  kubeconfig = file;
  ({ backend } = await backendFor([kubeconfig]));
  client = new Client(backend);
  context = await connectedContext(client);
  // Pods of another DaemonSet in the same namespace must not reach this page.
  fs.writeFileSync(path.join(dir, 'other.yaml'), manifest('other', 'busybox:1.36'));
  fs.writeFileSync(path.join(dir, 'agent.yaml'), manifest('agent', 'busybox:1.36'));
  await kubectl(['apply', '-f', path.join(dir, 'other.yaml'), '-f', path.join(dir, 'agent.yaml')]);
}, 60_000);

afterAll(async () => {
  await backend?.dispose();
  await sandbox?.stop();
});

describe('DaemonSet detail backend', () => {
  let id = '';

  it('shows only this DaemonSet pods, its nodes with eligibility, events and the first revision', async () => {
    id = await client.open('daemonSetDetail', context, NS, 'agent');
    await waitFor(
      () => {
        const d = latest(id);
        return (
          d?.state === 'ok' &&
          d.pods.length > 0 &&
          d.pods.every((p) => p.available) &&
          d.pods.length === d.daemonSet?.row.status.desired
        );
      },
      30_000,
      'all pods available',
    );
    const detail = latest(id) as DaemonSetDetail;
    expect(detail.pods.every((p) => p.name.startsWith('agent-'))).toBe(true);
    const kubectlPods = (await kubectl(['get', 'pods', '-n', NS, '-l', 'app=agent', '-o', 'name'])).trim().split('\n');
    expect(detail.pods.map((p) => `pod/${p.name}`).sort()).toEqual(kubectlPods.sort());
    if (!detail.nodes.allowed) throw new Error('admin may list nodes');
    // Every node as kubectl lists it; which ones the DaemonSet wants is decided in the renderer (unit-tested there).
    const kubectlNodes = (await kubectl(['get', 'nodes', '-o', 'name'])).trim().split('\n');
    expect(detail.nodes.value.map((n) => `node/${n.name}`)).toEqual(kubectlNodes.sort());
    // The one node without a pod is the control plane, sent with the taint that keeps this template off it.
    const withoutPod = detail.nodes.value.filter((n) => !detail.pods.some((p) => p.node === n.name));
    expect(withoutPod.map((n) => n.taints)).toEqual([
      [{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }],
    ]);
    expect(detail.revisions.map((r) => r.revision)).toEqual([1]);
    expect(detail.pods.every((p) => p.revisionHash === detail.daemonSet?.updateRevisionHash)).toBe(true);
    await waitFor(() => (latest(id)?.events ?? []).some((e) => e.reason === 'SuccessfulCreate'), 10_000, 'events');
    expect(await client.services.detail.access(context, NS)).toEqual({
      deletePods: true,
      patchDaemonSet: true,
      updateDaemonSet: true,
      deleteDaemonSet: true,
      readLogs: true,
    });
  }, 60_000);

  it('follows a new image to revision 2, and rolls back to revision 1 as kubectl rollout undo does', async () => {
    await kubectl(['set', 'image', '-n', NS, 'daemonset/agent', 'agent=busybox:1.37']);
    await waitFor(
      () => {
        const d = latest(id);
        return (
          d?.revisions.length === 2 &&
          d.pods.length > 0 &&
          d.pods.every((p) => p.available && p.revisionHash === d.revisions[1]?.hash && !p.deleting)
        );
      },
      40_000,
      'rollout to revision 2',
    );
    expect(latest(id)?.pods.every((p) => p.containers[0]?.image.endsWith('busybox:1.37'))).toBe(true);
    expect(await client.services.detail.rollback(context, NS, 'agent', 1)).toEqual({ rolledBack: true });
    const image = await kubectl([
      'get',
      'ds',
      'agent',
      '-n',
      NS,
      '-o',
      'jsonpath={.spec.template.spec.containers[0].image}',
    ]);
    expect(image).toBe('busybox:1.36');
    // kubectl renumbers the restored revision; rolling back to what now runs changes nothing.
    await waitFor(
      () =>
        latest(id)
          ?.revisions.map((r) => r.revision)
          .join() === '2,3',
      10_000,
      'revision 3',
    );
    expect(await client.services.detail.rollback(context, NS, 'agent', 3)).toEqual({ rolledBack: false });
    await expect(client.services.detail.rollback(context, NS, 'agent', 9)).rejects.toMatchObject({ code: 'not-found' });
  }, 60_000);

  it('deletes one pod, which the controller replaces on the same node', async () => {
    // The rollback above may still be replacing pods (seen under load): pick one once every pod runs the current revision.
    await waitFor(
      () => {
        const d = latest(id);
        const current = d?.revisions.at(-1)?.hash;
        return (
          !!d && d.pods.length > 0 && d.pods.every((p) => p.available && !p.deleting && p.revisionHash === current)
        );
      },
      30_000,
      'the rollback rolled out',
    );
    const victim = latest(id)?.pods[0];
    if (!victim) throw new Error('no pod');
    await client.services.detail.deletePod(context, NS, victim.name);
    await waitFor(
      () => {
        const pods = latest(id)?.pods ?? [];
        return !pods.some((p) => p.name === victim.name) && pods.some((p) => p.node === victim.node && p.available);
      },
      30_000,
      'replacement pod',
    );
  }, 40_000);

  // The stream's deltas come from the pods the informer reported, not from comparing whole pictures: after two
  // rollouts and a deletion, the picture they add up to is still the cluster's.
  it('adds up, delta by delta, to the pods kubectl lists', async () => {
    const listed = async (): Promise<string> =>
      (
        await kubectl([
          'get',
          'pods',
          '-n',
          NS,
          '-l',
          'app=agent',
          '-o',
          'jsonpath={range .items[*]}{.metadata.name} {.spec.nodeName} {.metadata.labels.controller-revision-hash}{"\\n"}{end}',
        ])
      )
        .trim()
        .split('\n')
        .sort()
        .join('\n');
    const shown = (): string =>
      (latest(id)?.pods ?? [])
        .map((p) => `${p.name} ${p.node} ${p.revisionHash}`)
        .sort()
        .join('\n');
    let want = '';
    await waitFor(
      async () => {
        want = await listed();
        return shown() === want;
      },
      30_000,
      'the picture equals kubectl',
    );
    expect(shown()).toBe(want);
    expect(latest(id)?.pods.map((p) => p.node)).toEqual(
      [...(latest(id)?.pods ?? [])].map((p) => p.node).sort((a, b) => a.localeCompare(b)),
    );
  }, 40_000);

  it('reads a container log, follows it, and stops', async () => {
    const pod = latest(id)?.pods.find((p) => p.available);
    if (!pod) throw new Error('no pod');
    const once = await client.open('logs', context, NS, pod.name, 'agent', {
      follow: false,
      previous: false,
    });
    await waitFor(() => logChunks(once).some((c) => c.ended), 10_000, 'log read');
    const expected = await kubectl(['logs', '-n', NS, pod.name, '-c', 'agent']);
    const got = logChunks(once).flatMap((c) => c.lines);
    expect(got.length).toBeGreaterThan(0);
    expect(got.join('\n')).toContain(got[0] ?? '');
    expect(expected.split('\n')[0]).toBe(got[0]);
    const follow = await client.open('logs', context, NS, pod.name, 'agent', {
      follow: true,
      previous: false,
      tailLines: 1,
    });
    await waitFor(() => logChunks(follow).flatMap((c) => c.lines).length >= 2, 20_000, 'followed lines');
    await client.services.streams.dispose(follow);
    await waitFor(() => logChunks(follow).some((c) => c.ended), 5_000, 'stopped stream');
    // A pod that goes away while its log is followed ends the stream (its last line is the shutdown).
    const gone = await client.open('logs', context, NS, pod.name, 'agent', {
      follow: true,
      previous: false,
      tailLines: 1,
    });
    await kubectl(['delete', 'pod', '-n', NS, pod.name, '--wait=false']);
    await waitFor(() => logChunks(gone).some((c) => c.ended), 20_000, 'stream of a deleted pod ends');
    // The hub marks a log's last chunk as the stream's end, for every log read above.
    expect([once, follow, gone].map((stream) => client.ended(stream))).toEqual([true, true, true]);
    expect(logChunks(gone).flatMap((c) => c.lines)).toContain('received SIGTERM, shutting down');
  }, 40_000);

  it('reports a DaemonSet deleted with kubectl as deleted', async () => {
    await kubectl(['delete', 'ds', 'agent', '-n', NS, '--wait=false']);
    await waitFor(() => latest(id)?.state === 'deleted', 15_000, 'deleted state');
    const missing = await client.open('daemonSetDetail', context, NS, 'never-was');
    await waitFor(() => latest(missing)?.state === 'not-found', 10_000, 'not-found state');
  }, 30_000);

  it('gives the developer pods but no node grid, and no actions outside their namespaces', async () => {
    const dev = contextOfRole(sandbox.kubeconfig, 'developer');
    await client.services.clusters.switchContext(dev);
    await connectedContext(client);
    const subscriptionId = await client.open('daemonSetDetail', dev, NS, 'other');
    await waitFor(() => latest(subscriptionId)?.state === 'ok', 15_000, 'developer detail');
    await waitFor(() => (latest(subscriptionId)?.pods.length ?? 0) > 0, 15_000, 'developer sees pods');
    await waitFor(() => latest(subscriptionId)?.nodes.allowed === false, 15_000, 'nodes not allowed');
    expect(await client.services.detail.access(dev, 'kube-system')).toEqual({
      deletePods: false,
      patchDaemonSet: false,
      updateDaemonSet: false,
      deleteDaemonSet: false,
      readLogs: false,
    });
    expect(await client.services.detail.access(dev, NS)).toEqual({
      deletePods: true,
      patchDaemonSet: true,
      updateDaemonSet: true,
      deleteDaemonSet: true,
      readLogs: true,
    });
    await client.services.streams.dispose(subscriptionId);
  }, 40_000);
});
