// The informer's namespace, label and source indexes follow its cache through a list and watch events from a real
// local server: objects added, relabelled, moved out of a selector and deleted are found exactly where they now are.
import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../../../electron/backend/errors.js';
import type { KubeObject } from '../../../electron/backend/kinds/objects.js';
import { Informer } from '../../../electron/backend/watch/informer.js';
import { line, startWatchServer, type WatchServer } from './watch-server.js';

let server: WatchServer | undefined;
let informer: Informer<KubeObject & { about?: string }> | undefined;

afterEach(async () => {
  informer?.stop();
  await server?.close();
});

const object = (namespace: string, name: string, rv: string, labels: Record<string, string>, about?: string) => ({
  metadata: { namespace, name, uid: `uid-${namespace}-${name}`, resourceVersion: rv, labels },
  ...(about ? { about } : {}),
});

const names = (objects: KubeObject[]): string[] => objects.map((o) => o.metadata?.name ?? '').sort();

describe('informer indexes', () => {
  it('finds objects by namespace, by matchLabels and by the source index, through every change', async () => {
    server = await startWatchServer();
    const watch = server;
    let send: (type: string, o: unknown) => void = () => undefined;
    watch.answer = (res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      send = (type, o) => res.write(line(type, o));
    };
    informer = new Informer<KubeObject & { about?: string }>(
      {
        path: '/api/v1/pods',
        config: watch.config,
        classify: () => new AppError('internal', 'x'),
        list: () =>
          Promise.resolve({
            items: [
              object('a', 'p1', '1', { app: 'agent', tier: 'node' }, 'ds-1'),
              object('a', 'p2', '2', { app: 'agent' }, 'ds-1'),
              object('b', 'p3', '3', { app: 'agent', tier: 'node' }, 'ds-2'),
            ],
            resourceVersion: '3',
          }),
        index: (o) => (o.about ? [o.about] : []),
      },
      { livenessMs: 10_000, backoffBaseMs: 10, backoffMaxMs: 50 },
    );
    const held = informer;
    informer.start();
    await expect.poll(() => watch.requests.length).toBe(1);
    await expect.poll(() => held.snapshot().length).toBe(3);
    expect(names(held.byNamespace('a'))).toEqual(['p1', 'p2']);
    expect(names(held.matching({ app: 'agent', tier: 'node' }))).toEqual(['p1', 'p3']);
    expect(names(held.matching({}))).toEqual(['p1', 'p2', 'p3']);
    expect(names(held.matching({ app: 'nobody' }))).toEqual([]);
    expect(names(held.indexed('ds-1'))).toEqual(['p1', 'p2']);
    expect(held.get('b/p3')?.metadata?.name).toBe('p3');

    // p1 leaves the tier and moves to another owner; p3 goes; p4 arrives in a new namespace.
    send('MODIFIED', object('a', 'p1', '4', { app: 'agent' }, 'ds-2'));
    send('DELETED', object('b', 'p3', '5', { app: 'agent', tier: 'node' }, 'ds-2'));
    send('ADDED', object('c', 'p4', '6', { tier: 'node' }));
    await expect.poll(() => names(held.snapshot())).toEqual(['p1', 'p2', 'p4']);
    expect(names(held.matching({ app: 'agent', tier: 'node' }))).toEqual([]);
    expect(names(held.matching({ tier: 'node' }))).toEqual(['p4']);
    expect(names(held.byNamespace('b'))).toEqual([]);
    expect(names(held.byNamespace('c'))).toEqual(['p4']);
    expect(names(held.indexed('ds-1'))).toEqual(['p2']);
    expect(names(held.indexed('ds-2'))).toEqual(['p1']);
    expect(held.get('b/p3')).toBeUndefined();
  });
});
