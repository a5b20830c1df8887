import type { MenuItemConstructorOptions } from 'electron';
import { DESKTOP_SHORTCUTS, SHORTCUTS, type KeyCommand, type Shortcut } from '../../common/keymap.js';

export interface MenuActions {
  dev: boolean;
  isMac: boolean;
  addKubeconfig(): void;
  about(): void;
  /** A menu item of the renderer's keymap was chosen: the focused window's page runs it. */
  command(command: KeyCommand): void;
}

// The menu's names for the keymap's commands (the desktop menu is English, as the native dialogs' titles are).
const LABELS: Record<KeyCommand, string> = {
  palette: 'Command Palette…',
  shortcuts: 'Keyboard Shortcuts',
  search: 'Search This Page',
  createDaemonSet: 'Create DaemonSet…',
  openList: 'DaemonSets',
  openNodes: 'Nodes',
  openFleet: 'Fleet',
  openClusters: 'Clusters',
};

/**
 * The keymap's commands of one menu, with their keys from the same table. The page owns those keys (it knows when
 * a text field or the code editor should keep them), so the menu shows the accelerator without registering it: a
 * key press reaches the page, a click sends the command.
 */
function keymapItems(menu: Shortcut['menu'], actions: MenuActions): MenuItemConstructorOptions[] {
  return SHORTCUTS.filter((s) => s.menu === menu).map((s) => ({
    label: LABELS[s.command],
    accelerator: s.key,
    registerAccelerator: false,
    click: () => actions.command(s.command),
  }));
}

/** The application menu. Reload and DevTools are development aids; a packaged build has no DevTools entry. */
export function menuTemplate(actions: MenuActions): MenuItemConstructorOptions[] {
  const view: MenuItemConstructorOptions[] = [
    ...keymapItems('view', actions),
    { type: 'separator' },
    { role: 'reload' },
  ];
  if (actions.dev) view.push({ role: 'toggleDevTools' });
  view.push({ type: 'separator' }, { role: 'resetZoom' }, { role: 'zoomIn' }, { role: 'zoomOut' });
  view.push({ type: 'separator' }, { role: 'togglefullscreen' });

  const template: MenuItemConstructorOptions[] = [];
  if (actions.isMac) template.push({ role: 'appMenu' });
  template.push(
    {
      label: 'File',
      submenu: [
        ...keymapItems('file', actions),
        // The main process's own action (the native file dialog), so its key is registered and the page never sees it.
        {
          label: 'Add kubeconfig…',
          accelerator: DESKTOP_SHORTCUTS.addKubeconfig,
          click: () => actions.addKubeconfig(),
        },
        { type: 'separator' },
        actions.isMac ? { role: 'close' } : { role: 'quit' },
      ],
    },
    { role: 'editMenu' },
    { label: 'View', submenu: view },
    { label: 'Go', submenu: keymapItems('go', actions) },
    { role: 'windowMenu' },
    {
      role: 'help',
      submenu: [
        ...keymapItems('help', actions),
        { type: 'separator' },
        { label: 'About Everynode', click: () => actions.about() },
      ],
    },
  );
  return template;
}
