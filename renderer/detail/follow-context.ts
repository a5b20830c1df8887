import { ref, watch, type Ref } from 'vue';
import { detailHash, type Route } from '../router';
import { hashWithTab, tabParam } from './detail-tabs';
import type { useClustersStore } from '../clusters/clusters';
import type { ConnectionState } from '../../electron/contract/dto';

/** The page a context switch led to: the same DaemonSet (project and name) in the context switched to. */
export interface Followed {
  context: string;
  namespace: string;
  name: string;
}

const followed = ref<Followed | null>(null);

/**
 * What a context switch does to a page whose URL names an object (`#/ds/<context>/<namespace>/<name>`): the object
 * belongs to the context its URL names. Switching the active context while such a page is open opens the same
 * DaemonSet (project and name) in the new context: the page stays when it exists there, and goes to the list with a
 * notice when it does not (`arrivalOutcome`). Opening such a URL (a link, Back, a reload) while another context is
 * active makes the URL's context the active one, as choosing it in the switcher would (its consent and plain-HTTP
 * questions included); a URL naming a context that no kubeconfig defines goes to the list.
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
      if (before === null || current.view !== 'detail' || now === current.context) return;
      if (now === null) {
        goTo('#/');
        return;
      }
      // A new history entry: Back returns to the page of the context left, which becomes the active one again.
      followed.value = { context: now, namespace: current.namespace, name: current.name };
      // The same tab there (the pod panel's pod belongs to the context left, so it does not follow).
      const tab = tabParam(typeof location === 'undefined' ? '' : location.hash);
      goTo(hashWithTab(detailHash(now, current.namespace, current.name), tab));
    },
  );
}

/** Connection states in which a page cannot show anything: the list says why and offers what to do. */
const PROBLEMS: ReadonlySet<ConnectionState> = new Set([
  'unreachable',
  'unauthorized',
  'forbidden',
  'error',
  'needs-confirmation',
]);

/**
 * Where a page reached by a context switch goes once the new context has answered: 'stay' when the DaemonSet is
 * there, 'not-found' (to the list, with a notice) when it is not, 'problem' (to the list, which explains and offers
 * Connect or Retry) when the context cannot be used, 'wait' until one of these is known; null for a page not reached
 * by a switch (a link, Back, a reload): it stays, and says itself when its DaemonSet does not exist.
 */
export function arrivalOutcome(
  page: Followed,
  detailState: 'loading' | 'ok' | 'deleted' | 'not-found' | undefined,
  connection: { state: ConnectionState; message?: string },
): 'stay' | 'wait' | 'not-found' | 'problem' | null {
  const arrived = followed.value;
  if (arrived?.context !== page.context || arrived.namespace !== page.namespace || arrived.name !== page.name) {
    return null;
  }
  if (detailState === 'not-found') return 'not-found';
  if (detailState === 'ok' || detailState === 'deleted') return 'stay';
  const waitingForChoice = connection.state === 'not-connected' && connection.message !== undefined;
  return PROBLEMS.has(connection.state) || waitingForChoice ? 'problem' : 'wait';
}

/** The page reached by a switch has settled (it stays, or it was left): later answers are the page's own. */
export function settleArrival(): void {
  followed.value = null;
}
