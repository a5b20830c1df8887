import { createPinia, setActivePinia } from 'pinia';
import { beforeEach, describe, expect, it } from 'vitest';
import { nextTick, ref, type Ref } from 'vue';
import { createApi, setApi } from '../../../../renderer/api/bridge';
import { useClustersStore } from '../../../../renderer/clusters/clusters';
import { followContext } from '../../../../renderer/detail/follow-context';
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
  it('goes to the list of the new context when the user switches', async () => {
    const clusters = await start('#/ds/sandbox-admin/default/agent');
    expect(fake.callsOf('clusters.switchContext')).toEqual([]);
    await clusters.switchContext('other');
    await nextTick();
    expect(visited).toEqual(['#/']);
    expect(route.value).toEqual({ view: 'list' });
    // The list stays put afterwards: the switch is not undone.
    expect(fake.callsOf('clusters.switchContext')).toEqual([['other']]);
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
