import { computed } from 'vue';
import { hashParam, hashWithParam } from '../shared/hash-query';
import { useHash } from '../pods/pod-url';

// The detail page's tab is in the URL beside the pod panel's pod (`#/ds/<ctx>/<ns>/<name>?tab=logs&pod=ns/p`), so a
// reload or a link shows the same tab. Overview is the default and is not written.

export const DETAIL_TABS = ['overview', 'pods', 'events', 'logs', 'history', 'yaml'] as const;
export type DetailTab = (typeof DETAIL_TABS)[number];

const KEY = 'tab';
const isTab = (value: string | null): value is DetailTab => DETAIL_TABS.some((t) => t === value);

/** The tab the hash names; Overview when it names none or one that does not exist. */
export function tabParam(hash: string): DetailTab {
  const value = hashParam(hash, KEY);
  return isTab(value) ? value : 'overview';
}

export function hashWithTab(hash: string, tab: DetailTab): string {
  return hashWithParam(hash, KEY, tab === 'overview' ? null : tab);
}

/** The tab shown (reactive, from the URL) and a way to choose one. */
export function useDetailTab() {
  const hash = useHash();
  const tab = computed(() => tabParam(hash.value));
  /** Replaces the URL rather than adding an entry: Back leaves the page instead of walking through its tabs. */
  function select(next: DetailTab): void {
    const target = hashWithTab(location.hash, next);
    if (target !== location.hash) location.replace(target);
  }
  return { tab, select };
}
