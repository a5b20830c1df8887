import { watch, type Ref } from 'vue';
import type { Route } from '../router';
import type { useClustersStore } from '../clusters/clusters';

/**
 * What a context switch does to a page whose URL names an object (`#/ds/<context>/<namespace>/<name>`): the object
 * belongs to the context its URL names. Switching the active context while such a page is open goes to the list,
 * which shows the new context's objects (never a page of an object the new context does not have). Opening such a
 * URL (a link, Back, a reload) while another context is active makes the URL's context the active one, as choosing
 * it in the switcher would (its consent and plain-HTTP questions included); a URL naming a context that no
 * kubeconfig defines goes to the list.
 */
export function followContext(
  route: Readonly<Ref<Route>>,
  clusters: ReturnType<typeof useClustersStore>,
  goTo: (hash: string) => void = (hash) => (location.hash = hash),
): void {
  const openUrlContext = (): void => {
    const current = route.value;
    if (current.view !== 'detail' || clusters.state === null) return;
    if (clusters.activeContext === current.context) return;
    if (clusters.contexts.some((c) => c.name === current.context)) void clusters.switchContext(current.context);
    else goTo('#/');
  };
  // Only the URL (and the first state) decide this: a switch made by the user must not be undone here.
  watch([route, () => clusters.state === null], openUrlContext, { immediate: true });
  watch(
    () => clusters.activeContext,
    (now, before) => {
      const current = route.value;
      // `before === null`: the first state arrived; the URL's own context is chosen above.
      if (before !== null && current.view === 'detail' && now !== current.context) goTo('#/');
    },
  );
}
