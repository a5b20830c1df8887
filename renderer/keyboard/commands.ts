import { nextTick } from 'vue';
import type { KeyCommand } from '../../common/keymap';
import { loadWizardStore } from '../lazy';
import { clustersHash, fleetHash, nodesHash } from '../router';
import { useKeyboardStore } from './keyboard';

// What each command of the keymap does; the palette's actions, the keys and the desktop menu all run these.

/** The list's hash: any hash the router does not know shows the list. */
export const listHash = '#/';

/** Moves to a page and puts the focus at the top of the new page, so Tab goes on from there. */
export async function go(hash: string): Promise<void> {
  if (location.hash !== hash) location.hash = hash;
  await nextTick();
  document.querySelector<HTMLElement>('main')?.focus({ preventScroll: true });
}

/** The visible search field of the page (an input marked `data-page-search`). */
export function focusPageSearch(doc: Document = document): boolean {
  const field = [...doc.querySelectorAll<HTMLInputElement>('[data-page-search]')].find(
    (el) => el.getClientRects().length > 0,
  );
  if (!field) return false;
  field.focus();
  field.select();
  return true;
}

export async function createDaemonSet(): Promise<void> {
  // The wizard belongs to the list page: it opens over the list.
  await go(listHash);
  (await loadWizardStore()).useWizardStore().open();
}

export function useCommands(): Record<KeyCommand, () => void> {
  const keyboard = useKeyboardStore();
  return {
    palette: () => keyboard.openPalette(),
    shortcuts: () => keyboard.openShortcuts(),
    search: () => void focusPageSearch(),
    createDaemonSet: () => void createDaemonSet(),
    openList: () => void go(listHash),
    openNodes: () => void go(nodesHash),
    openFleet: () => void go(fleetHash),
    openClusters: () => void go(clustersHash),
  };
}
