import { getActivePinia } from 'pinia';
import { computed, toValue, watch, type ComputedRef, type MaybeRefOrGetter } from 'vue';

// The wizard, edit mode (CodeMirror, YAML, the schemas) and the detail page are chunks of their own, so the list
// starts with a third of the code to fetch, parse and compile. They load once the first list has painted, while the
// user reads it, so that opening one later finds its code ready.

export const loadDetailPage = () => import('./detail/DaemonSetDetailPage.vue');
export const loadCreateWizard = () => import('./wizard/CreateWizard.vue');
export const loadEditorPage = () => import('./editor/EditorPage.vue');
export const loadWizardStore = () => import('./wizard/wizard');
export const loadEditorStore = () => import('./editor/editor');
export const loadWizardEditStore = () => import('./wizard/wizard-edit');

/**
 * Whether the lazily loaded store with this Pinia id exists and is open (its `isOpen` state), read from Pinia's state
 * tree so that asking does not load the store's code. Call it in a component's setup.
 */
export function storeIsOpen(id: 'wizard' | 'editor'): ComputedRef<boolean> {
  const pinia = getActivePinia();
  return computed(() => {
    const state: unknown = pinia?.state.value[id];
    return typeof state === 'object' && state !== null && 'isOpen' in state && state.isOpen === true;
  });
}

const ALL = [loadDetailPage, loadCreateWizard, loadEditorPage, loadWizardStore, loadEditorStore, loadWizardEditStore];

/** Without a list to wait for (no cluster, an error), the chunks still load this long after start. */
const FALLBACK_MS = 4000;

function whenIdle(run: () => void): void {
  if (typeof requestAnimationFrame !== 'function') {
    setTimeout(run, 0);
    return;
  }
  // Two frames: the one showing the list is painted before the chunks' parsing takes the main thread.
  requestAnimationFrame(() =>
    requestAnimationFrame(() => {
      if (typeof requestIdleCallback === 'function') requestIdleCallback(run, { timeout: 1000 });
      else setTimeout(run, 0);
    }),
  );
}

/** Loads the lazy chunks once `ready` is true (the first list painted) or after a fallback delay, whichever first. */
export function prefetchWhen(ready: MaybeRefOrGetter<boolean>, loads: readonly (() => Promise<unknown>)[] = ALL): void {
  let done = false;
  const start = (): void => {
    if (done) return;
    done = true;
    stop();
    clearTimeout(timer);
    whenIdle(() => {
      // One after the other: they share most of their code, and a failure (host gone) only costs the head start.
      void loads.reduce<Promise<unknown>>((previous, load) => previous.then(load, load), Promise.resolve());
    });
  };
  const timer = setTimeout(start, FALLBACK_MS);
  const stop = watch(
    () => toValue(ready),
    (value) => value && start(),
    { flush: 'post' },
  );
  if (toValue(ready)) start();
}
