import type { MenuItemConstructorOptions } from 'electron';

export interface MenuActions {
  dev: boolean;
  isMac: boolean;
  addKubeconfig(): void;
  about(): void;
}

/** The application menu. Reload and DevTools are development aids; a packaged build has no DevTools entry. */
export function menuTemplate(actions: MenuActions): MenuItemConstructorOptions[] {
  const view: MenuItemConstructorOptions[] = [{ role: 'reload' }];
  if (actions.dev) view.push({ role: 'toggleDevTools' });
  view.push({ type: 'separator' }, { role: 'resetZoom' }, { role: 'zoomIn' }, { role: 'zoomOut' });
  view.push({ type: 'separator' }, { role: 'togglefullscreen' });

  const template: MenuItemConstructorOptions[] = [];
  if (actions.isMac) template.push({ role: 'appMenu' });
  template.push(
    {
      label: 'File',
      submenu: [
        { label: 'Add kubeconfig…', accelerator: 'CmdOrCtrl+O', click: () => actions.addKubeconfig() },
        { type: 'separator' },
        actions.isMac ? { role: 'close' } : { role: 'quit' },
      ],
    },
    { role: 'editMenu' },
    { label: 'View', submenu: view },
    { role: 'windowMenu' },
    { role: 'help', submenu: [{ label: 'About Everynode', click: () => actions.about() }] },
  );
  return template;
}
