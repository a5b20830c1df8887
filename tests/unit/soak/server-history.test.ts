// The soak's staleness measure: how long a row has shown a status the server has left.
import { describe, expect, it } from 'vitest';
import type { StoreEvent } from '../../../electron/sandbox-cluster/index.js';
import { viewOfObject, viewText } from '../../soak/protocol.js';
import { ABSENT, ServerHistory } from '../../soak/server-history.js';

function ds(name: string, ready: number, generation = 1): StoreEvent['object'] {
  return {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: {
      name,
      namespace: 'default',
      uid: `uid-${name}`,
      resourceVersion: '1',
      creationTimestamp: '',
      generation,
    },
    spec: { template: { spec: { containers: [{ name: 'main', image: 'busybox:1.36' }] } } },
    status: { desiredNumberScheduled: 3, numberReady: ready, numberAvailable: ready, observedGeneration: generation },
  };
}
const text = (object: StoreEvent['object']): string => viewText(viewOfObject(object));
const modified = (object: StoreEvent['object']): StoreEvent => ({ type: 'MODIFIED', resource: 'daemonsets', object });

describe('ServerHistory.staleness', () => {
  it('is zero while the store shows what the server has', () => {
    let now = 1000;
    const history = new ServerHistory([ds('a', 1)], () => now);
    now = 9000;
    expect(history.staleness({ 'default/a': text(ds('a', 1)) })).toEqual({ maxAgeMs: 0, worstKey: null });
  });

  it('counts from the moment the server left the view the store still shows', () => {
    let now = 1000;
    const history = new ServerHistory([ds('a', 1)], () => now);
    now = 2000;
    history.onEvent(modified(ds('a', 2)));
    now = 3000;
    history.onEvent(modified(ds('a', 3)));
    now = 3500;
    // The store is one step behind (ready 2, which the server left at 3000) and two steps behind (left at 2000).
    expect(history.staleness({ 'default/a': text(ds('a', 2)) })).toEqual({ maxAgeMs: 500, worstKey: 'default/a' });
    expect(history.staleness({ 'default/a': text(ds('a', 1)) }).maxAgeMs).toBe(1500);
  });

  it('counts a missing row from its creation and a leftover row from its deletion', () => {
    let now = 0;
    const history = new ServerHistory([], () => now);
    now = 1000;
    history.onEvent({ type: 'ADDED', resource: 'daemonsets', object: ds('new', 0) });
    history.onEvent({ type: 'ADDED', resource: 'daemonsets', object: ds('old', 3) });
    now = 2000;
    history.onEvent({ type: 'DELETED', resource: 'daemonsets', object: ds('old', 3) });
    now = 4000;
    const store = { 'default/old': text(ds('old', 3)) };
    expect(history.staleness(store)).toEqual({ maxAgeMs: 3000, worstKey: 'default/new' });
    expect(history.staleness({ ...store, 'default/new': text(ds('new', 0)) })).toEqual({
      maxAgeMs: 2000,
      worstKey: 'default/old',
    });
    expect(history.staleness({ 'default/new': text(ds('new', 0)) }).maxAgeMs).toBe(0);
    expect(ABSENT).not.toBe(text(ds('new', 0)));
  });

  it('does not count the time every stream was stalled by the server', () => {
    let now = 0;
    const history = new ServerHistory([ds('a', 1)], () => now);
    history.setStalled(true);
    now = 1000;
    history.onEvent(modified(ds('a', 2)));
    now = 5000;
    expect(history.staleness({ 'default/a': text(ds('a', 1)) }).maxAgeMs).toBe(0);
    history.setStalled(false);
    now = 5400;
    expect(history.staleness({ 'default/a': text(ds('a', 1)) }).maxAgeMs).toBe(400);
  });

  it('ignores other resources', () => {
    let now = 0;
    const history = new ServerHistory([ds('a', 1)], () => now);
    now = 1000;
    history.onEvent({ type: 'MODIFIED', resource: 'pods', object: ds('a', 3) });
    expect(history.staleness({ 'default/a': text(ds('a', 1)) }).maxAgeMs).toBe(0);
  });
});
