// The sandbox's "silenced" watch fault: streams open at that moment go dead for good (as over a half-dead TCP
// connection, no end, no error), while watches opened afterwards are served. Only a client's own liveness timer
// gets out of it, which is what the chaos soak relies on.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type SandboxHandle } from '../../electron/sandbox-cluster/index.js';
import { SandboxClient } from './sandbox-client.js';

let sandbox: SandboxHandle;
let client: SandboxClient;

beforeAll(async () => {
  sandbox = await startSandbox({ nodes: 1, bookmarkIntervalMs: 60_000 });
  client = new SandboxClient(sandbox.kubeconfig);
});

afterAll(async () => {
  await sandbox?.stop();
});

const configMap = (name: string) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name }, data: { a: '1' } });

describe('silenced watches', () => {
  it('deliver nothing to streams open at the time, and everything to streams opened afterwards', async () => {
    const list = (await client.call('GET', '/api/v1/namespaces/default/configmaps')).json();
    const rv = String((list.metadata as { resourceVersion: string }).resourceVersion);
    const path = `/api/v1/namespaces/default/configmaps?watch=true&resourceVersion=${rv}`;
    let opened!: () => void;
    const open = new Promise<void>((resolve) => (opened = resolve));
    const silenced = client.watch(path, (events) => events.length > 0, { timeoutMs: 1500, onOpen: () => opened() });
    await open;

    const reply = await client.call('POST', '/sandbox/faults/silence-watches');
    expect(reply.status).toBe(200);
    expect(reply.json().silenced).toBeGreaterThanOrEqual(1);
    expect(
      (await client.call('POST', '/api/v1/namespaces/default/configmaps', { body: configMap('after-silence') })).status,
    ).toBe(201);

    // The old stream neither delivers the change nor ends: the client's own timeout is all that ends it.
    await expect(silenced).rejects.toThrow(/timed out with 0 events/);
    const fresh = await client.watch(path, (events) => events.length > 0, { timeoutMs: 5000 });
    expect(fresh.events.map((e) => [e.type, (e.object as { metadata: { name: string } }).metadata.name])).toEqual([
      ['ADDED', 'after-silence'],
    ]);
  });

  it('is admin only, like the other faults', async () => {
    expect((await client.call('POST', '/sandbox/faults/silence-watches', { who: 'developer' })).status).toBe(403);
  });
});
