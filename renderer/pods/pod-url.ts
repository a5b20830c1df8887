import { readonly, ref } from 'vue';
import { isDnsLabel, isDnsSubdomain } from '../../common/names';
import { hashParam, hashWithParam } from '../shared/hash-query';

// Which pod the pod panel shows is in the URL, after the page's hash path: `#/nodes?pod=<namespace>/<name>` (also on
// `#/ds/...` and `#/nodes/<context>/<node>`), so a link opens the panel and Back closes it. The panel's context is the
// page's: the one a detail or node URL names, else the active one.

export interface PodRef {
  namespace: string;
  name: string;
}

/** What the hash says: no pod, a pod, or a value that names none (the panel says so rather than ignoring it). */
export type PodParam = { kind: 'none' } | { kind: 'pod'; pod: PodRef } | { kind: 'invalid'; value: string };

const KEY = 'pod';

export function podParam(hash: string): PodParam {
  const value = hashParam(hash, KEY);
  if (value === null) return { kind: 'none' };
  const at = value.indexOf('/');
  const namespace = value.slice(0, at);
  const name = value.slice(at + 1);
  if (at < 0 || !isDnsLabel(namespace) || !isDnsSubdomain(name)) return { kind: 'invalid', value };
  return { kind: 'pod', pod: { namespace, name } };
}

/** The same page with this pod's panel open (or, for null, closed); other query values stay. */
export function hashWithPod(hash: string, pod: PodRef | null): string {
  return hashWithParam(hash, KEY, pod ? `${pod.namespace}/${pod.name}` : null);
}

const current = ref(typeof location === 'undefined' ? '' : location.hash);
// The entry this app pushed to open the panel: closing it goes Back there, so Back after a close does not reopen it.
let pushed: string | null = null;
if (typeof window !== 'undefined') {
  window.addEventListener('hashchange', () => {
    current.value = location.hash;
    if (pushed !== null && location.hash !== pushed) pushed = null;
  });
}

/** The current hash (reactive), for links that keep the page and add a pod. */
export function useHash() {
  return readonly(current);
}

/** Opens the panel of a pod: a new history entry, so Back closes it. */
export function openPod(pod: PodRef): void {
  const next = hashWithPod(location.hash, pod);
  if (next === location.hash) return;
  pushed = next;
  location.hash = next;
}

/** Closes the panel: Back to the entry before it when this app opened it, else the same page without the pod. */
export function closePod(): void {
  if (pushed !== null && pushed === location.hash) {
    pushed = null;
    history.back();
    return;
  }
  location.replace(hashWithPod(location.hash, null));
}
