import { readonly, ref } from 'vue';

// The app's one view switch: a hash route, so a detail page survives a reload and the browser's Back works.
// `#/ds/<context>/<namespace>/<name>` opens a DaemonSet's detail page, `#/clusters` the Clusters page, `#/nodes` the
// Nodes page (coverage matrix), `#/fleet` the fleet view; anything else is the list.

export type Route =
  | { view: 'list' }
  | { view: 'detail'; context: string; namespace: string; name: string }
  | { view: 'clusters' }
  | { view: 'nodes' }
  | { view: 'fleet' }
  // #/nodes/<context>/<node>: one node's view.
  | { view: 'node'; context: string; node: string };

/** The Clusters page (kubeconfig files and their contexts). */
export const clustersHash = '#/clusters';
/** The fleet view (issue 15): the opted-in contexts side by side. */
export const fleetHash = '#/fleet';

/** The Nodes page (the coverage matrix of the active context). */
export const nodesHash = '#/nodes';

export function parseHash(hash: string): Route {
  // A query after the path (`?pod=...`, the pod panel's) says what a page shows inside it, not which page.
  const parts = (hash.replace(/^#\/?/, '').split('?')[0] ?? '').split('/');
  if (parts.length === 1 && parts[0] === 'clusters') return { view: 'clusters' };
  if (parts.length === 1 && parts[0] === 'nodes') return { view: 'nodes' };
  if (parts.length === 1 && parts[0] === 'fleet') return { view: 'fleet' };
  if (parts[0] === 'ds' && parts.length === 4) {
    try {
      const [context, namespace, name] = parts.slice(1).map((p) => decodeURIComponent(p));
      if (context && namespace && name) return { view: 'detail', context, namespace, name };
    } catch {
      // A malformed escape in a hand-edited URL: show the list.
    }
  }
  if (parts[0] === 'nodes' && parts.length === 3) {
    try {
      const [context, node] = parts.slice(1).map((p) => decodeURIComponent(p));
      if (context && node) return { view: 'node', context, node };
    } catch {
      // As above.
    }
  }
  return { view: 'list' };
}

export function nodeHash(context: string, node: string): string {
  return `#/nodes/${[context, node].map(encodeURIComponent).join('/')}`;
}

export function detailHash(context: string, namespace: string, name: string): string {
  return `#/ds/${[context, namespace, name].map(encodeURIComponent).join('/')}`;
}

const current = ref<Route>(typeof location === 'undefined' ? { view: 'list' } : parseHash(location.hash));
if (typeof window !== 'undefined') {
  window.addEventListener('hashchange', () => (current.value = parseHash(location.hash)));
}

export function useRoute() {
  return readonly(current);
}
