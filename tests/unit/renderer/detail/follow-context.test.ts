import { createPinia, setActivePinia } from 'pinia';
import { beforeEach, describe, expect, it } from 'vitest';
import { nextTick, ref, type Ref } from 'vue';
import { createApi, setApi } from '../../../../renderer/api/bridge';
import { useClustersStore } from '../../../../renderer/clusters/clusters';
import { arrivalOutcome, followContext, settleArrival } from '../../../../renderer/detail/follow-context';
import { parseHash, type Route } from '../../../../renderer/router';
import { fakeBridge } from '../fake-bridge';

const settle = async () => {
  for (let i = 0; i < 5; i++) await new Promise((resolve) => setTimeout(resolve, 0));
};

let fake: ReturnType<typeof fakeBridge>;
let route: Ref<Route>;
let visited: string[];

/** The app as App.vue wires it, with the URL as a plain ref: `goTo` moves it as a hashchange would. */
async function start(hash: string) {
  route = ref(parseHash(hash)) as Ref<Route>;
  visited = [];
  const clusters = useClustersStore();
  followContext(route, clusters, (next) => {
    visited.push(next);
    route.value = parseHash(next);
  });
  clusters.init();
  await settle();
  return clusters;
}

beforeEach(() => {
  setActivePinia(createPinia());
  fake = fakeBridge();
  setApi(createApi(fake.bridge));
});

describe('a context switch on a page whose URL names an object', () => {
  it('opens the same DaemonSet in the new context when the user switches, which then decides where it goes', async () => {
    const clusters = await start('#/ds/sandbox-admin/default/agent');
    expect(fake.callsOf('clusters.switchContext')).toEqual([]);
    await clusters.switchContext('other');
    await nextTick();
    expect(visited).toEqual(['#/ds/other/default/agent']);
    expect(route.value).toEqual({ view: 'detail', context: 'other', namespace: 'default', name: 'agent' });
    // The switch is not undone by the new URL (it names the active context).
    expect(fake.callsOf('clusters.switchContext')).toEqual([['other']]);

    const arrived = { context: 'other', namespace: 'default', name: 'agent' };
    const connected = { state: 'connected' as const };
    expect(arrivalOutcome(arrived, undefined, { state: 'connecting' })).toBe('wait');
    expect(arrivalOutcome(arrived, 'loading', connected)).toBe('wait');
    expect(arrivalOutcome(arrived, 'not-found', connected)).toBe('not-found');
    expect(arrivalOutcome(arrived, 'ok', connected)).toBe('stay');
    expect(arrivalOutcome(arrived, undefined, { state: 'unreachable', message: 'x' })).toBe('problem');
    expect(arrivalOutcome(arrived, undefined, { state: 'not-connected', message: 'choose Connect' })).toBe('problem');
    // Another page, or the same once settled, is not an arrival: it stays and speaks for itself.
    expect(arrivalOutcome({ ...arrived, name: 'other' }, 'not-found', connected)).toBeNull();
    settleArrival();
    expect(arrivalOutcome(arrived, 'not-found', connected)).toBeNull();
  });

  it("opens the URL's own context when it names another one, and the list when no kubeconfig defines it", async () => {
    const clusters = await start('#/ds/other/team-a/agent');
    expect(fake.callsOf('clusters.switchContext')).toEqual([['other']]);
    expect(clusters.activeContext).toBe('other');
    expect(visited).toEqual([]);

    route.value = parseHash('#/ds/gone/team-a/agent');
    await settle();
    expect(visited).toEqual(['#/']);
    expect(fake.callsOf('clusters.switchContext')).toEqual([['other']]);
  });

  it('changes nothing on the list, or on a page of the active context', async () => {
    const clusters = await start('#/');
    await clusters.switchContext('other');
    route.value = parseHash('#/ds/other/team-a/agent');
    await settle();
    expect(visited).toEqual([]);
    expect(fake.callsOf('clusters.switchContext')).toEqual([['other']]);
  });
});
